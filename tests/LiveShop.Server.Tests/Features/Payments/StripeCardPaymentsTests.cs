using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Payments;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using StripeClient = Stripe.StripeClient;

namespace LiveShop.Server.Tests.Features.Payments;

/// <summary>
/// The Stripe processor against the fake Stripe API: the PaymentIntent it makes for an order (amount in Stripe's
/// minor units, lower-case currency, metadata, one intent per order), and what lookups, voids and refunds do.
/// </summary>
public sealed class StripeCardPaymentsTests : IAsyncLifetime
{
    private const string Key = "sk_test_cardTests1";
    private const string OtherKey = "sk_test_otherShop2";
    private readonly FakeStripe _stripe = new();
    private readonly Guid _shopId = Guid.NewGuid();

    public Task InitializeAsync()
    {
        _stripe.AddAccount(Key, "whsec_cards");
        _stripe.AddAccount(OtherKey, "whsec_other");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    private StripeCardPayments Processor(string key = Key) => new(new StripeClient(key, apiBase: _stripe.ApiBase), "pk_test_cards", _shopId);

    private static Order NewOrder(string currency, decimal unitPrice, int quantity = 1)
    {
        var order = new Order(Guid.NewGuid(), "T" + Random.Shared.Next(1_000_000, 9_999_999), Guid.NewGuid(), "Test Buyer", Guid.NewGuid(), Guid.NewGuid(), null,
            SalesChannel.Live, currency, ShippingAddress.From(Shopping.Address), PaymentMethod.Card, null, Guid.NewGuid().ToString(), "hash", DateTimeOffset.UtcNow);
        order.AddLine(Guid.NewGuid(), "Teapot", "/img/teapot.svg", quantity, unitPrice, unitPrice, null);
        return order;
    }

    private static async Task<Order> StartedAsync(StripeCardPayments processor, Order order)
    {
        var start = await processor.StartAsync(order, new PaymentDetailsDto(PaymentMethod.Card, null), CancellationToken.None);
        order.ReferPayment(start.Reference!);
        return order;
    }

    [Theory]
    [InlineData(Currencies.Twd, 1290, 1, 129000, "twd")]
    [InlineData("CNY", 88.5, 2, 17700, "cny")]
    [InlineData(Currencies.Eur, 12.34, 1, 1234, "eur")]
    [InlineData("USD", 19.99, 3, 5997, "usd")]
    [InlineData("HKD", 100, 1, 10000, "hkd")]
    [InlineData("JPY", 1290, 1, 1290, "jpy")]
    public async Task Start_CreatesOnePaymentIntent_InStripesMinorUnits(string currency, double unitPrice, int quantity, long expectedAmount, string expectedCurrency)
    {
        var order = NewOrder(currency, (decimal)unitPrice, quantity);

        var start = await Processor().StartAsync(order, new PaymentDetailsDto(PaymentMethod.Card, null), CancellationToken.None);

        var call = Assert.Single(_stripe.Calls, c => c.Path == "/v1/payment_intents" && !c.Replayed);
        Assert.Null(call.Failure);
        Assert.Equal(expectedAmount.ToString(System.Globalization.CultureInfo.InvariantCulture), call.Form["amount"]);
        Assert.Equal(expectedCurrency, call.Form["currency"]);
        Assert.Equal("true", call.Form["automatic_payment_methods[enabled]"]);
        Assert.Equal(order.Id.ToString(), call.Form["metadata[order_id]"]);
        Assert.Equal(order.Number, call.Form["metadata[order_number]"]);
        Assert.Equal(_shopId.ToString(), call.Form["metadata[shop_id]"]);
        Assert.Equal($"order-{order.Id}-intent", call.IdempotencyKey);
        Assert.Null(start.Answer);
        Assert.StartsWith("pi_", start.Reference, StringComparison.Ordinal);
        Assert.Equal(new PaymentSessionDto(CardProcessor.Stripe, _stripe.Intent(start.Reference!)["client_secret"]!.GetValue<string>(), "pk_test_cards", false), start.Session);
    }

    [Fact]
    public async Task StartTwice_ForOneOrder_IsOnePaymentIntent()
    {
        var order = NewOrder(Currencies.Twd, 690m);

        var first = await Processor().StartAsync(order, new PaymentDetailsDto(PaymentMethod.Card, null), CancellationToken.None);
        var second = await Processor().StartAsync(order, new PaymentDetailsDto(PaymentMethod.Card, null), CancellationToken.None);

        Assert.Equal(first.Reference, second.Reference);
        Assert.Contains(_stripe.Calls, c => c.Path == "/v1/payment_intents" && c.Replayed);
    }

    [Fact]
    public async Task Lookup_FollowsThePaymentIntent_NotFinalUntilPaidOrCancelled()
    {
        var processor = Processor();
        Assert.Equal(PaymentLookup.Never, await processor.LookupAsync(NewOrder(Currencies.Twd, 690m), CancellationToken.None));

        var paid = await StartedAsync(processor, NewOrder(Currencies.Twd, 690m));
        Assert.Equal(PaymentLookup.NotFinal, await processor.LookupAsync(paid, CancellationToken.None));
        _stripe.Fail(paid.PaymentReference!, "Authentication required.");
        Assert.Equal(PaymentLookup.NotFinal, await processor.LookupAsync(paid, CancellationToken.None));
        _stripe.Pay(paid.PaymentReference!);
        var answer = (await processor.LookupAsync(paid, CancellationToken.None)).Answer;
        Assert.Equal((true, paid.PaymentReference), (answer!.Approved, answer.Reference));

        var voided = await StartedAsync(processor, NewOrder(Currencies.Twd, 690m));
        Assert.True(await processor.VoidAsync(voided, CancellationToken.None));
        Assert.Equal("canceled", _stripe.Intent(voided.PaymentReference!)["status"]!.GetValue<string>());
        Assert.False((await processor.LookupAsync(voided, CancellationToken.None)).Answer!.Approved);
    }

    [Fact]
    public async Task Void_APaymentThatSucceededMeanwhile_IsFalse()
    {
        var processor = Processor();
        var order = await StartedAsync(processor, NewOrder(Currencies.Twd, 690m));
        _stripe.Pay(order.PaymentReference!);

        Assert.False(await processor.VoidAsync(order, CancellationToken.None));
        Assert.Equal("succeeded", _stripe.Intent(order.PaymentReference!)["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refund_WithTheSameKeyTwice_RefundsOnce_AndMoreThanPaidIsRefused()
    {
        var processor = Processor();
        var order = await StartedAsync(processor, NewOrder(Currencies.Eur, 12.34m, 2));
        _stripe.Pay(order.PaymentReference!);

        var first = await processor.RefundAsync(order, 12.34m, "order-refund-1", CancellationToken.None);
        var again = await processor.RefundAsync(order, 12.34m, "order-refund-1", CancellationToken.None);
        var tooMuch = await processor.RefundAsync(order, 20m, "order-refund-2", CancellationToken.None);

        Assert.True(first.Succeeded);
        Assert.Equal(first, again);
        Assert.Equal(new[] { (order.PaymentReference!, 1234L) }, _stripe.Refunds.Where(r => r.IntentId == order.PaymentReference).ToArray());
        Assert.False(tooMuch.Succeeded);
        Assert.Contains("greater than unrefunded", tooMuch.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherShopsKey_DoesNotSeeThisShopsPaymentIntent()
    {
        var order = await StartedAsync(Processor(), NewOrder(Currencies.Twd, 690m));
        _stripe.Pay(order.PaymentReference!);

        Assert.Equal(PaymentLookup.Never, await Processor(OtherKey).LookupAsync(order, CancellationToken.None));
        Assert.All(_stripe.Calls, c => Assert.NotNull(c.Key));
    }

    [Theory]
    [InlineData("JPY", 10.5)]
    [InlineData("ISK", 10.5)]
    [InlineData("KWD", 5.124)]
    [InlineData("USD", 0.005)]
    public void AnAmountStripeCannotTakeExactly_IsRefused_NotRounded(string currency, double amount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StripeAmounts.ToMinorUnits((decimal)amount, currency));

    [Theory]
    [InlineData("ISK", 500, 50000)]
    [InlineData("UGX", 5000, 500000)]
    [InlineData("HUF", 10.45, 1045)]
    [InlineData("KWD", 5.12, 5120)]
    [InlineData("KRW", 15000, 15000)]
    public void StripesSpecialCases(string currency, double amount, long expected)
    {
        Assert.Equal(expected, StripeAmounts.ToMinorUnits((decimal)amount, currency));
        Assert.Equal((decimal)amount, StripeAmounts.FromMinorUnits(expected, currency));
    }
}
