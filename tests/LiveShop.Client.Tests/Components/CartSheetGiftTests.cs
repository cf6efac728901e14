using System.Net;
using Bunit;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.Components;

/// <summary>"Buy as a gift" in the cart: no address step, never cash on delivery, the message sent with the order, and the link to send after paying.</summary>
public sealed class CartSheetGiftTests : CheckoutTestBase
{
    private static OrderDto PaidGift(string message) => Order("3001", OrderStatus.Paid, DeviceNow) with
    {
        ShippingAddress = new ShippingAddressDto("", "", null, "", "", "", ""),
        Gift = new GiftDto(message, DeviceNow.AddDays(7), null, "gift/0193a0000000700080000000000000a1#t_token"),
    };

    [Fact]
    public void AsAGift_TheCheckoutSkipsTheAddress_TakesNoCash_SendsTheMessage_AndShowsTheLinkToSend()
    {
        GivenShow();
        Cart.Add(OolongItem);
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.Created, PaidGift("Happy birthday!")));
        Ctx.JSInterop.SetupVoid("navigator.clipboard.writeText", "http://localhost/gift/0193a0000000700080000000000000a1#t_token").SetVoidResult();
        var sheet = RenderSheet();

        sheet.Find("input[data-testid=cart-gift-switch], [data-testid=cart-gift-switch] input").Change(true);
        sheet.Find("textarea[data-testid=cart-gift-message], [data-testid=cart-gift-message] textarea").Input("Happy birthday!");
        sheet.Find("[data-testid=checkout-next]").Click();

        // Straight to the payment: the friend gives the address. Cash on delivery would make the friend pay.
        sheet.WaitForAssertion(() => Assert.Equal("payment", sheet.Find("[data-testid=cart-sheet]").GetAttribute("data-step")));
        Assert.Contains("your friend gives their own address", sheet.Find("[data-testid=pay-ship-to]").TextContent, StringComparison.Ordinal);
        Assert.Empty(sheet.FindAll("[data-testid=pay-cod]"));
        Assert.NotEmpty(sheet.FindAll("[data-testid=pay-card-ok]"));
        sheet.Find("[data-testid=place-order]").Click();

        sheet.WaitForAssertion(() => Assert.Equal("gift", sheet.Find("[data-testid=cart-sheet]").GetAttribute("data-step")));
        var sent = Assert.Single(Api.OrderAttempts).Order;
        Assert.Null(sent.ShippingAddress);
        Assert.Equal(new GiftRequest("Happy birthday!"), sent.Gift);
        Assert.Equal(PaymentMethod.Card, sent.Payment.Method);
        Assert.Equal("http://localhost/gift/0193a0000000700080000000000000a1#t_token", sheet.Find("input[data-testid=gift-link-url], [data-testid=gift-link-url] input").GetAttribute("value"));
        Assert.True(Cart.IsEmpty);

        sheet.Find("[data-testid=gift-link-copy]").Click();
        Assert.Single(Ctx.JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText");
        sheet.Find("[data-testid=transfer-done]").Click();
        Assert.Equal([false], OpenChanges);
    }

    [Fact]
    public void TurningTheGiftOff_GoesBackToTheAddressAndCash()
    {
        GivenShow();
        Cart.Add(OolongItem);
        var sheet = RenderSheet();

        sheet.Find("input[data-testid=cart-gift-switch], [data-testid=cart-gift-switch] input").Change(true);
        sheet.Find("input[data-testid=cart-gift-switch], [data-testid=cart-gift-switch] input").Change(false);
        Assert.Empty(sheet.FindAll("[data-testid=cart-gift-message]"));
        GoToPayment(sheet);

        Assert.NotEmpty(sheet.FindAll("[data-testid=pay-cod]"));
        Assert.Contains("Mei Lin", sheet.Find("[data-testid=pay-ship-to]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ACartFromTwoSellers_CannotBeAGift_AndSaysWhy()
    {
        GivenShow(brands: true);
        Cart.Add(JadeItem with { BrandName = "Jade Atelier" });
        Cart.Add(OolongItem with { BrandName = "Alishan Tea Co." });
        var sheet = RenderSheet();

        Assert.True(sheet.Find("input[data-testid=cart-gift-switch], [data-testid=cart-gift-switch] input").HasAttribute("disabled"));
        Assert.Contains("A gift comes from one seller", sheet.Find("[data-testid=cart-gift-one-seller]").TextContent, StringComparison.Ordinal);
    }
}
