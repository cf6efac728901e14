using System.Net;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.Components;

public sealed class CartSheetTests : CheckoutTestBase
{
    [Fact]
    public void Render_FlashSaleOnOneLine_ShowsFlashPriceStruckListPriceAndTotal()
    {
        GivenShow(jadeOnSale: true);
        Cart.Add(JadeItem, 2);
        Cart.Add(OolongItem);

        var sheet = RenderSheet();

        var jade = sheet.Find($"[data-testid=cart-line-{Jade}]");
        Assert.Equal("Jade Face Roller", jade.QuerySelector("[data-testid=cart-line-name]")!.TextContent.Trim());
        Assert.Equal("NT$490", jade.QuerySelector("[data-testid=cart-unit-price]")!.TextContent.Trim());
        var struck = jade.QuerySelector("[data-testid=cart-list-price]")!;
        Assert.Equal("S", struck.TagName);
        Assert.Equal("NT$690", struck.TextContent.Trim());
        Assert.Equal("2", jade.QuerySelector("[data-testid=cart-qty]")!.TextContent.Trim());

        var oolong = sheet.Find($"[data-testid=cart-line-{Oolong}]");
        Assert.Equal("NT$480", oolong.QuerySelector("[data-testid=cart-unit-price]")!.TextContent.Trim());
        Assert.Null(oolong.QuerySelector("[data-testid=cart-list-price]"));

        Assert.Equal("NT$1,460", sheet.Find("[data-testid=cart-total]").TextContent.Trim());
    }

    [Fact]
    public void Render_FlashSaleEnds_LineAndTotalShowTheListPriceAgain()
    {
        GivenShow(jadeOnSale: true);
        Cart.Add(JadeItem);
        var sheet = RenderSheet();
        Assert.Equal("NT$490", sheet.Find("[data-testid=cart-total]").TextContent.Trim());

        sheet.InvokeAsync(() => Show.ApplyEvents([new LiveShop.Shared.Realtime.FlashSaleEndedEvent(11, DeviceNow, JadeSaleId, Jade, LiveShop.Shared.Realtime.FlashSaleEndReason.EndedByHost, 3)]));

        sheet.WaitForAssertion(() => Assert.Equal("NT$690", sheet.Find("[data-testid=cart-total]").TextContent.Trim()));
        Assert.Empty(sheet.FindAll("[data-testid=cart-list-price]"));
    }

    [Fact]
    public void QuantityStepper_StaysBetweenOneAndNinetyNine()
    {
        GivenShow();
        Cart.Add(OolongItem);
        var sheet = RenderSheet();

        Assert.True(sheet.Find("[data-testid=cart-qty-minus]").HasAttribute("disabled"));
        sheet.Find("[data-testid=cart-qty-plus]").Click();
        Assert.Equal("2", sheet.Find("[data-testid=cart-qty]").TextContent.Trim());
        Assert.Equal("NT$960", sheet.Find("[data-testid=cart-total]").TextContent.Trim());
        Assert.False(sheet.Find("[data-testid=cart-qty-minus]").HasAttribute("disabled"));

        sheet.InvokeAsync(() => Cart.SetQuantity(Oolong, 98));
        sheet.Find("[data-testid=cart-qty-plus]").Click();
        Assert.Equal("99", sheet.Find("[data-testid=cart-qty]").TextContent.Trim());
        Assert.True(sheet.Find("[data-testid=cart-qty-plus]").HasAttribute("disabled"));

        sheet.InvokeAsync(() => Cart.Add(OolongItem, 5));
        Assert.Equal("99", sheet.Find("[data-testid=cart-qty]").TextContent.Trim());
    }

    [Fact]
    public void PlaceOrder_Card_SendsDisplayedPricesWithIdempotencyKey_ToastsAndEmptiesCart()
    {
        GivenShow(jadeOnSale: true);
        Cart.Add(JadeItem, 2);
        Cart.Add(OolongItem);
        var placed = Order("1042", OrderStatus.Paid, DeviceNow);
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.Created, placed));
        var sheet = RenderSheet();

        GoToPayment(sheet);
        Assert.Equal("Test mode — no money moves", sheet.Find("[data-testid=test-mode-banner]").TextContent.Trim());
        sheet.Find("[data-testid=place-order]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Order #1042 placed", Snackbars.Find("[data-testid=order-placed]").TextContent, StringComparison.Ordinal));
        Assert.Equal("orders", Snackbars.Find("[data-testid=order-placed-link]").GetAttribute("href"));

        var sent = Assert.Single(Api.OrderAttempts);
        Assert.True(Guid.TryParse(sent.IdempotencyKey, out _));
        var request = sent.Order;
        Assert.Equal(ShowId, request.ShowId);
        Assert.Collection(
            request.Lines,
            jade => Assert.Equal(new PlaceOrderLine(Jade, 2, 490m), jade),
            oolong => Assert.Equal(new PlaceOrderLine(Oolong, 1, 480m), oolong));
        Assert.Equal(new PaymentDetailsDto(PaymentMethod.Card, TestCards.Succeeds), request.Payment);
        Assert.Equal(Address, request.ShippingAddress);

        Assert.True(Cart.IsEmpty);
        Assert.Equal([false], OpenChanges);
        Assert.Equal("1042", Assert.Single(Placed).Number);
    }

    [Fact]
    public void PlaceOrder_CashOnDelivery_SendsNoCard()
    {
        GivenShow();
        Cart.Add(OolongItem);
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.Created, Order("1043", OrderStatus.CashOnDelivery, DeviceNow)));
        var sheet = RenderSheet();

        GoToPayment(sheet);
        sheet.Find("[data-testid=pay-cod]").Click();
        sheet.Find("[data-testid=place-order]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Order #1043 placed", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(new PaymentDetailsDto(PaymentMethod.CashOnDelivery, null), Assert.Single(Api.OrderAttempts).Order.Payment);
    }

    [Fact]
    public void PlaceOrder_CardDeclined_ShowsTheServerSentenceAndKeepsCartAndSheet()
    {
        GivenShow();
        Cart.Add(OolongItem, 3);
        const string sentence = "Your card was declined. Nothing was charged and the items went back on the shelf.";
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.Problem(HttpStatusCode.PaymentRequired, ProblemCodes.PaymentDeclined, sentence));
        var sheet = RenderSheet();

        GoToPayment(sheet);
        sheet.Find("[data-testid=pay-card-declined]").Click();
        sheet.Find("[data-testid=place-order]").Click();

        sheet.WaitForAssertion(() => Assert.Equal(sentence, sheet.Find("[data-testid=order-error]").TextContent.Trim()));
        Assert.Equal(TestCards.Declined, Assert.Single(Api.OrderAttempts).Order.Payment.CardNumber);
        Assert.Equal(3, Assert.Single(Cart.Lines).Quantity);
        Assert.Equal("payment", sheet.Find("[data-testid=cart-sheet]").GetAttribute("data-step"));
        Assert.False(sheet.Find("[data-testid=place-order]").HasAttribute("disabled"));
        Assert.Empty(OpenChanges);
        Assert.Empty(Placed);
    }

    [Fact]
    public void PlaceOrder_AfterRefusal_NextAttemptHasANewKey()
    {
        GivenShow();
        Cart.Add(OolongItem);
        Api.Answer(
            HttpMethod.Post,
            ApiRoutes.Orders,
            FakeApi.Problem(HttpStatusCode.PaymentRequired, ProblemCodes.PaymentDeclined, "Your card was declined."),
            FakeApi.Json(HttpStatusCode.Created, Order("1044", OrderStatus.Paid, DeviceNow)));
        var sheet = RenderSheet();
        GoToPayment(sheet);

        sheet.Find("[data-testid=place-order]").Click();
        sheet.WaitForElement("[data-testid=order-error]");
        sheet.Find("[data-testid=place-order]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Order #1044 placed", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(2, Api.OrderAttempts.Count);
        Assert.NotEqual(Api.OrderAttempts[0].IdempotencyKey, Api.OrderAttempts[1].IdempotencyKey);
    }

    [Fact]
    public void PlaceOrder_NetworkFailsOnce_RetriesWithTheSameKey()
    {
        GivenShow();
        Cart.Add(OolongItem);
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.NetworkDown(), FakeApi.Json(HttpStatusCode.Created, Order("1045", OrderStatus.Paid, DeviceNow)));
        var sheet = RenderSheet();
        GoToPayment(sheet);

        sheet.Find("[data-testid=place-order]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Order #1045 placed", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(2, Api.OrderAttempts.Count);
        Assert.Equal(Api.OrderAttempts[0].IdempotencyKey, Api.OrderAttempts[1].IdempotencyKey);
    }

    [Fact]
    public void PlaceOrder_NetworkStaysDown_SaysSoAndThePressAfterReusesTheKey()
    {
        GivenShow();
        Cart.Add(OolongItem);
        Api.Answer(
            HttpMethod.Post,
            ApiRoutes.Orders,
            FakeApi.NetworkDown(),
            FakeApi.NetworkDown(),
            FakeApi.Json(HttpStatusCode.Created, Order("1046", OrderStatus.Paid, DeviceNow)));
        var sheet = RenderSheet();
        GoToPayment(sheet);

        sheet.Find("[data-testid=place-order]").Click();
        sheet.WaitForAssertion(() => Assert.Contains("could not reach LiveShop", sheet.Find("[data-testid=order-error]").TextContent, StringComparison.Ordinal));
        Assert.Single(Cart.Lines);
        sheet.Find("[data-testid=place-order]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Order #1046 placed", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(3, Api.OrderAttempts.Count);
        Assert.Single(Api.OrderAttempts.Select(a => a.IdempotencyKey).Distinct());
    }

    [Fact]
    public void PlaceOrder_PaymentPending_TheOrderExists_CartEmptiesAndTheBuyerIsPointedToMyOrders()
    {
        GivenShow();
        Cart.Add(OolongItem);
        var id = Guid.NewGuid();
        const string pending = "The payment for order #1047 is still being confirmed. You will not be charged twice: it appears in My orders as soon as it is settled.";
        Api.Answer(
            HttpMethod.Post,
            ApiRoutes.Orders,
            FakeApi.Problem(HttpStatusCode.Conflict, ProblemCodes.PaymentPending, pending, new Dictionary<string, object> { ["orderId"] = id.ToString(), ["orderNumber"] = "1047" }));
        Api.Answer(HttpMethod.Get, ApiRoutes.Order(id), FakeApi.Json(HttpStatusCode.OK, Order("1047", OrderStatus.PendingPayment, DeviceNow, id: id)));
        var sheet = RenderSheet();
        GoToPayment(sheet);

        sheet.Find("[data-testid=place-order]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("still being confirmed", Snackbars.Markup, StringComparison.Ordinal));
        Assert.True(Cart.IsEmpty);
        Assert.Equal([false], OpenChanges);
        Assert.Equal(id, Assert.Single(Placed).Id);
        Assert.Single(Api.OrderAttempts);
    }

    [Fact]
    public void PlaceOrder_CartChangedAfterAnUnansweredAttemptThatWentThrough_SaysSo_KeepsTheCart_NeverResendsIt()
    {
        GivenShow();
        Cart.Add(OolongItem);
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.NetworkDown(), FakeApi.NetworkDown(), FakeApi.Json(HttpStatusCode.Created, Order("1049", OrderStatus.Paid, DeviceNow)));
        var earlier = Order("1048", OrderStatus.Paid, DeviceNow, unitPrice: 480m, quantity: 1);
        Api.Answer(HttpMethod.Get, ApiRoutes.OrderByKey, FakeApi.Json(HttpStatusCode.OK, earlier with { Lines = [earlier.Lines[0] with { Name = "Alishan oolong 150g" }] }));
        var sheet = RenderSheet();
        GoToPayment(sheet);
        sheet.Find("[data-testid=place-order]").Click();
        sheet.WaitForElement("[data-testid=order-error]");

        // Meanwhile the buyer wants two more; but the first attempt went through after all.
        sheet.InvokeAsync(() => Cart.SetQuantity(Oolong, 2));
        sheet.Find("[data-testid=place-order]").Click();

        sheet.WaitForAssertion(() => Assert.Equal(
            "Your earlier order #1048 (1 × Alishan oolong 150g) went through. Your cart is still here: press Place order to order it as well.",
            sheet.Find("[data-testid=order-error]").TextContent.Trim()));
        var asked = Assert.Single(Api.Sent, r => r.Path == ApiRoutes.OrderByKey);
        Assert.Equal(Api.OrderAttempts[0].IdempotencyKey, asked.IdempotencyKey);
        Assert.Equal(2, Api.OrderAttempts.Count);
        Assert.Equal(2, Assert.Single(Cart.Lines).Quantity);
        Assert.Equal("1048", Assert.Single(Placed).Number);

        // Pressing again orders the cart as it is now, as a new attempt.
        sheet.Find("[data-testid=place-order]").Click();
        Snackbars.WaitForAssertion(() => Assert.Contains("Order #1049 placed", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(3, Api.OrderAttempts.Count);
        Assert.NotEqual(Api.OrderAttempts[0].IdempotencyKey, Api.OrderAttempts[2].IdempotencyKey);
        Assert.Equal(2, Api.OrderAttempts[2].Order.Lines[0].Quantity);
    }

    [Fact]
    public void PlaceOrder_CartChangedAfterAnUnansweredAttemptThatPlacedNothing_TheCurrentCartGoesWithANewKey()
    {
        GivenShow();
        Cart.Add(OolongItem);
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.NetworkDown(), FakeApi.NetworkDown(), FakeApi.Json(HttpStatusCode.Created, Order("1050", OrderStatus.Paid, DeviceNow)));
        Api.Answer(HttpMethod.Get, ApiRoutes.OrderByKey, FakeApi.Problem(HttpStatusCode.NotFound, ProblemCodes.OrderNotFound, "No order was placed with that attempt."));
        var sheet = RenderSheet();
        GoToPayment(sheet);
        sheet.Find("[data-testid=place-order]").Click();
        sheet.WaitForElement("[data-testid=order-error]");

        sheet.InvokeAsync(() => Cart.SetQuantity(Oolong, 2));
        sheet.Find("[data-testid=place-order]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Order #1050 placed", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Single(Api.Sent, r => r.Path == ApiRoutes.OrderByKey);
        Assert.Equal(3, Api.OrderAttempts.Count);
        Assert.NotEqual(Api.OrderAttempts[0].IdempotencyKey, Api.OrderAttempts[2].IdempotencyKey);
        Assert.Equal(2, Api.OrderAttempts[2].Order.Lines[0].Quantity);
    }

    [Fact]
    public void PlaceOrder_TheUnansweredAttemptEndedDeclined_TheBuyerIsNotToldItWentThrough_TheNewChoiceGoes()
    {
        GivenShow();
        Cart.Add(OolongItem);
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.NetworkDown(), FakeApi.NetworkDown(), FakeApi.Json(HttpStatusCode.Created, Order("1052", OrderStatus.CashOnDelivery, DeviceNow)));
        Api.Answer(HttpMethod.Get, ApiRoutes.OrderByKey, FakeApi.Json(HttpStatusCode.OK, Order("1051", OrderStatus.PaymentDeclined, DeviceNow)));
        var sheet = RenderSheet();
        GoToPayment(sheet);
        sheet.Find("[data-testid=pay-card-declined]").Click();
        sheet.Find("[data-testid=place-order]").Click();
        sheet.WaitForElement("[data-testid=order-error]");

        // The card attempt's answer was lost; the buyer switches to cash on delivery.
        sheet.Find("[data-testid=pay-cod]").Click();
        sheet.Find("[data-testid=place-order]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Order #1052 placed", Snackbars.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("went through", sheet.Markup, StringComparison.Ordinal);
        Assert.Equal(3, Api.OrderAttempts.Count);
        Assert.Equal(new PaymentDetailsDto(PaymentMethod.CashOnDelivery, null), Api.OrderAttempts[2].Order.Payment);
        Assert.Equal("1052", Assert.Single(Placed).Number);
    }

    [Fact]
    public void Render_QuantityOverTheFlashCap_LineShowsTheListPriceAndWhy()
    {
        GivenShow(jadeOnSale: true); // NT$490, 2 per buyer
        Cart.Add(JadeItem, 3);

        var sheet = RenderSheet();

        Assert.Equal("NT$690", sheet.Find("[data-testid=cart-unit-price]").TextContent.Trim());
        Assert.Empty(sheet.FindAll("[data-testid=cart-list-price]"));
        Assert.Equal("The flash price NT$490 is 2 per buyer: up to 2 more for you.", sheet.Find("[data-testid=cart-flash-note]").TextContent.Trim());
        Assert.Equal("NT$2,070", sheet.Find("[data-testid=cart-total]").TextContent.Trim());

        sheet.Find("[data-testid=cart-qty-minus]").Click();
        Assert.Equal("NT$490", sheet.Find("[data-testid=cart-unit-price]").TextContent.Trim());
        Assert.Empty(sheet.FindAll("[data-testid=cart-flash-note]"));
    }

    [Fact]
    public void Payment_AFlashPriceEndedAfterTheBuyerTapped_IsSaidAboveThePayment()
    {
        GivenShow(jadeOnSale: true);
        Cart.Add(JadeItem, seenSale: Show.SaleFor(Jade, DeviceNow));
        Cart.Add(OolongItem);
        var sheet = RenderSheet();
        GoToPayment(sheet);
        Assert.Empty(sheet.FindAll("[data-testid=pay-price-note]"));
        Assert.Equal("Place order · NT$970", sheet.Find("[data-testid=place-order]").TextContent.Trim());

        Clock.Advance(TimeSpan.FromMinutes(3)); // the sale's end time passes while the buyer is on the payment step
        sheet.Render();

        Assert.Equal("Jade Face Roller: The flash price NT$490 has ended.", Assert.Single(sheet.FindAll("[data-testid=pay-price-note]")).TextContent.Trim());
        Assert.Equal("Place order · NT$1,170", sheet.Find("[data-testid=place-order]").TextContent.Trim());
    }

    [Fact]
    public void Render_Anonymous_ShowsSignInAndGuestWithReturnToTheShow()
    {
        GivenShow();
        Cart.Add(JadeItem);

        var sheet = RenderSheet(signedIn: false);

        Assert.Contains("Sign in or continue as a guest to buy", sheet.Find("[data-testid=cart-sign-in-prompt]").TextContent, StringComparison.Ordinal);
        var returnUrl = Uri.EscapeDataString($"/shows/{ShowId}");
        Assert.Equal($"account/sign-in?returnUrl={returnUrl}", sheet.Find("[data-testid=cart-sign-in]").GetAttribute("href"));
        Assert.Equal($"account/guest?returnUrl={returnUrl}", sheet.Find("[data-testid=cart-guest]").GetAttribute("href"));
        Assert.Empty(sheet.FindAll("[data-testid=checkout-next]"));
        Assert.Empty(sheet.FindAll("[data-testid=place-order]"));
    }

    [Fact]
    public void Render_EmptyCart_SaysSoWithoutCheckout()
    {
        GivenShow();

        var sheet = RenderSheet();

        Assert.Contains("Your cart is empty", sheet.Find("[data-testid=cart-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(sheet.FindAll("[data-testid=checkout-next]"));
    }

    [Fact]
    public void Delivery_RequiredFieldsEmpty_StaysWithMessages()
    {
        GivenShow();
        Cart.Add(OolongItem);
        Api.Answer(HttpMethod.Get, ApiRoutes.Profile, FakeApi.Json(HttpStatusCode.OK, new ProfileDto("Mei Lin", true, null)));
        var sheet = RenderSheet();

        sheet.Find("[data-testid=checkout-next]").Click();
        sheet.WaitForAssertion(() => Assert.Equal("delivery", sheet.Find("[data-testid=cart-sheet]").GetAttribute("data-step")));
        sheet.Find("[data-testid=address-form]").Submit();

        Assert.Equal("delivery", sheet.Find("[data-testid=cart-sheet]").GetAttribute("data-step"));
        Assert.Contains("Enter the street address.", sheet.Markup, StringComparison.Ordinal);
    }
}
