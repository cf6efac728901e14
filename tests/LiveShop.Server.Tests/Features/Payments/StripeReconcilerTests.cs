using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared.Orders;

namespace LiveShop.Server.Tests.Features.Payments;

/// <summary>
/// A Stripe order whose webhook never came (the server was down when Stripe sent it) is settled by the reconciler
/// asking Stripe; one whose buyer is still paying is left alone.
/// </summary>
public class StripeReconcilerTests(FakeStripeFactory factory) : IClassFixture<FakeStripeFactory>
{
    private static readonly Guid Oolong = LiveRoom.Lineup[1];

    [Fact]
    public async Task KilledBetweenChargeAndWebhook_TheReconcilerAsksStripe_AndTheOrderIsPaid()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Stripe crash");
        var buyer = await factory.GuestAsync("Crash Payer");
        var price = room.Show.Lineup.Single(p => p.ProductId == Oolong).Price;
        var (placed, intentId) = await factory.PendingStripeOrderAsync(buyer, room.Show.Id, Oolong, price);
        var paidAt = factory.Stripe.Calls.Count;

        // The buyer pays at Stripe; the webhook is never delivered.
        factory.Stripe.Pay(intentId);
        factory.Clock.Advance(TimeSpan.FromSeconds(121));
        await factory.Reconciler.RunOnceAsync(CancellationToken.None);

        var order = await factory.OrderAsync(placed.Id);
        Assert.Equal((OrderStatus.Paid, intentId), (order.Status, order.PaymentReference));
        Assert.Contains(factory.Stripe.Calls.Skip(paidAt), c => c.Method == "GET" && c.Path == $"/v1/payment_intents/{intentId}" && c.Key == FakeStripeFactory.SecretKey);
        Assert.Equal(OrderStatus.Paid, Assert.Single(await buyer.Http.MyOrdersAsync(), o => o.Id == placed.Id).Status);
    }

    [Fact]
    public async Task TheBuyerIsStillPaying_TheReconcilerLeavesTheOrderHeld()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Stripe still paying");
        var buyer = await factory.GuestAsync("Slow Payer");
        var price = room.Show.Lineup.Single(p => p.ProductId == Oolong).Price;
        var (placed, intentId) = await factory.PendingStripeOrderAsync(buyer, room.Show.Id, Oolong, price);
        var stock = await buyer.Http.StockAsync(Oolong);
        factory.Stripe.Fail(intentId, "Authentication required."); // requires_payment_method: the Payment Element waits for the buyer

        factory.Clock.Advance(TimeSpan.FromSeconds(121));
        await factory.Reconciler.RunOnceAsync(CancellationToken.None);

        Assert.Equal(OrderStatus.PendingPayment, (await factory.OrderAsync(placed.Id)).Status);
        Assert.Equal(stock, await buyer.Http.StockAsync(Oolong));
    }
}
