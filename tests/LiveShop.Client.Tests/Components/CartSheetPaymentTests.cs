using System.Net;
using Bunit;
using LiveShop.Client.Components;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.Components;

/// <summary>
/// The checkout offers only what the shop takes: test cards with a "Test mode" banner on every step, Stripe's
/// card form in a Pay step with the hold's countdown, or a bank transfer's instructions.
/// </summary>
public sealed class CartSheetPaymentTests : CheckoutTestBase
{
    private const string StripeModule = "./js/stripe-payment.js";

    private static readonly CheckoutOptionsDto StripeCheckout = new(CardProcessor.Stripe, "pk_test_shop", true, false, false, 10, null);

    private static readonly CheckoutOptionsDto TransferOnly = new(CardProcessor.None, null, false, true, false, 10,
        "This shop does not take cards online yet: pay by bank transfer.");

    private static OrderDto HeldForCard(string number) => Order(number, OrderStatus.PendingPayment, DeviceNow) with
    {
        PaymentMethod = PaymentMethod.Card,
        HoldExpiresAt = DeviceNow.AddMinutes(10),
        PaymentSession = new PaymentSessionDto(CardProcessor.Stripe, "pi_123_secret_abc", "pk_test_shop", false),
    };

    [Fact]
    public void TestMode_BannerOnEveryStep_AndOnlyTestCardsAndCash()
    {
        GivenShow();
        Cart.Add(OolongItem);
        var sheet = RenderSheet();

        sheet.WaitForAssertion(() => Assert.Equal("Test mode — no money moves", sheet.Find("[data-testid=test-mode-banner]").TextContent.Trim()));
        sheet.Find("[data-testid=checkout-next]").Click();
        Assert.Equal("delivery", sheet.Find("[data-testid=cart-sheet]").GetAttribute("data-step"));
        Assert.NotNull(sheet.Find("[data-testid=test-mode-banner]"));
        sheet.WaitForAssertion(() => Assert.Equal("Mei Lin", sheet.Find("[data-testid=address-name] input, input[data-testid=address-name]").GetAttribute("value")));
        sheet.Find("[data-testid=address-form]").Submit();

        sheet.WaitForAssertion(() => Assert.Equal("payment", sheet.Find("[data-testid=cart-sheet]").GetAttribute("data-step")));
        Assert.NotNull(sheet.Find("[data-testid=test-mode-banner]"));
        Assert.Contains(TestCards.Succeeds, sheet.Find("[data-testid=checkout-notice]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(sheet.FindAll("[data-testid=pay-card-ok]"));
        Assert.NotEmpty(sheet.FindAll("[data-testid=pay-cod]"));
        Assert.Empty(sheet.FindAll("[data-testid=pay-card]"));
        Assert.Empty(sheet.FindAll("[data-testid=pay-transfer]"));
    }

    [Fact]
    public void Stripe_NoTestCardsNoBanner_PlaceOrderOpensTheCardForm_PayConfirmsAndAsksLiveShop()
    {
        GivenShow();
        GivenCheckout(StripeCheckout);
        Cart.Add(OolongItem);
        var held = HeldForCard("2001");
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.Created, held));
        Api.Answer(HttpMethod.Post, ApiRoutes.OrderPayment(held.Id), FakeApi.Json(HttpStatusCode.OK, held with { Status = OrderStatus.Paid, PaymentSession = null }));
        var module = Ctx.JSInterop.SetupModule(StripeModule);
        var mount = module.SetupVoid("mount", _ => true);
        mount.SetVoidResult();
        module.Setup<StripeConfirmResult>("confirm", _ => true).SetResult(new StripeConfirmResult("succeeded", null));
        var sheet = RenderSheet();

        GoToPayment(sheet);
        Assert.Empty(sheet.FindAll("[data-testid=test-mode-banner]"));
        Assert.Empty(sheet.FindAll("[data-testid=pay-card-ok]"));
        Assert.NotEmpty(sheet.FindAll("[data-testid=pay-card]"));
        sheet.Find("[data-testid=place-order]").Click();

        sheet.WaitForAssertion(() => Assert.Equal("pay", sheet.Find("[data-testid=cart-sheet]").GetAttribute("data-step")));
        Assert.Equal(new PaymentDetailsDto(PaymentMethod.Card, null), Assert.Single(Api.OrderAttempts).Order.Payment);
        Assert.Contains("Order #2001 is held for you", sheet.Find("[data-testid=pay-hold]").TextContent, StringComparison.Ordinal);
        sheet.WaitForAssertion(() => Assert.Single(mount.Invocations["mount"]));
        Assert.Equal(["pk_test_shop", "pi_123_secret_abc"], mount.Invocations["mount"][0].Arguments.Skip(1).Cast<string>().ToArray());

        sheet.Find("[data-testid=pay-now]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Order #2001 placed", Snackbars.Find("[data-testid=order-placed]").TextContent, StringComparison.Ordinal));
        Assert.Single(Api.Sent, s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.OrderPayment(held.Id));
        Assert.Equal([false], OpenChanges);
    }

    [Fact]
    public void Stripe_Declined_ShowsStripesSentence_AndTheBuyerCanTryAgainWithinTheHold()
    {
        GivenShow();
        GivenCheckout(StripeCheckout);
        Cart.Add(OolongItem);
        var held = HeldForCard("2002");
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.Created, held));
        var module = Ctx.JSInterop.SetupModule(StripeModule);
        module.SetupVoid("mount", _ => true).SetVoidResult();
        module.Setup<StripeConfirmResult>("confirm", _ => true).SetResult(new StripeConfirmResult("requires_payment_method", "Your card was declined."));
        var sheet = RenderSheet();

        GoToPayment(sheet);
        sheet.Find("[data-testid=place-order]").Click();
        sheet.WaitForAssertion(() => Assert.Equal("pay", sheet.Find("[data-testid=cart-sheet]").GetAttribute("data-step")));
        sheet.WaitForAssertion(() => Assert.NotEmpty(sheet.FindAll("[data-testid=pay-now]")));
        sheet.Find("[data-testid=pay-now]").Click();

        sheet.WaitForAssertion(() => Assert.StartsWith("Your card was declined.", sheet.Find("[data-testid=order-error]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.DoesNotContain(Api.Sent, s => s.Path == ApiRoutes.OrderPayment(held.Id));
        Assert.Equal("pay", sheet.Find("[data-testid=cart-sheet]").GetAttribute("data-step"));
        Assert.False(sheet.Find("[data-testid=pay-now]").HasAttribute("disabled"));
        Assert.Empty(OpenChanges);
    }

    [Fact]
    public void TransferOnly_OffersOnlyTheTransfer_WithTheNotice_AndShowsInstructionsAfterPlacing()
    {
        GivenShow();
        GivenCheckout(TransferOnly);
        Cart.Add(OolongItem);
        var awaiting = Order("2003", OrderStatus.AwaitingTransfer, DeviceNow) with
        {
            PaymentMethod = PaymentMethod.BankTransfer,
            PaymentReference = "LS-2003",
            PaymentInstructions = "Cathay United Bank (013), account 123-456-789\nReference: LS-2003.",
        };
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.Created, awaiting));
        var sheet = RenderSheet();

        GoToPayment(sheet);
        Assert.Equal(TransferOnly.Notice, sheet.Find("[data-testid=checkout-notice]").TextContent.Trim());
        Assert.Empty(sheet.FindAll("[data-testid=pay-card-ok]"));
        Assert.Empty(sheet.FindAll("[data-testid=pay-cod]"));
        Assert.NotEmpty(sheet.FindAll("[data-testid=pay-transfer]"));
        sheet.Find("[data-testid=place-order]").Click();

        sheet.WaitForAssertion(() => Assert.Equal("transfer", sheet.Find("[data-testid=cart-sheet]").GetAttribute("data-step")));
        Assert.Equal(new PaymentDetailsDto(PaymentMethod.BankTransfer, null), Assert.Single(Api.OrderAttempts).Order.Payment);
        Assert.Contains("account 123-456-789", sheet.Find("[data-testid=transfer-text]").TextContent, StringComparison.Ordinal);
        Assert.Equal("LS-2003", sheet.Find("[data-testid=transfer-reference]").TextContent.Trim());
        Assert.True(Cart.IsEmpty);

        sheet.Find("[data-testid=transfer-done]").Click();
        Assert.Equal([false], OpenChanges);
    }
}
