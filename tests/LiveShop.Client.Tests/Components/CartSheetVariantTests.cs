using System.Net;
using LiveShop.Client.Components;
using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LiveShop.Client.Tests.VariantTestData;

namespace LiveShop.Client.Tests.Components;

/// <summary>The cart with two colours of one scarf, the order they make, and the host's flash dialog for some colours.</summary>
public sealed class CartSheetVariantTests : CheckoutTestBase
{
    private CartState TwoColoursInTheCart(FlashSaleDto? sale = null)
    {
        var cart = Ctx.Services.GetRequiredService<CartState>();
        cart.Attach(VariantTestData.LiveShow(DeviceNow, sale));
        cart.Add(ScarfItem, variantId: Red);
        cart.Add(ScarfItem, 2, variantId: Green);
        return cart;
    }

    private static OrderDto PlacedOrder(string number) => ShopTestData.Order(number, OrderStatus.Paid, DeviceNow) with
    {
        Lines =
        [
            new OrderLineDto(Scarf, "Silk scarf", ScarfItem.ImageUrl, 1, 1200m, 1200m, null, 1200m, Red, "Red"),
            new OrderLineDto(Scarf, "Silk scarf", ScarfItem.ImageUrl, 2, 1400m, 1400m, null, 2800m, Green, "Green"),
        ],
    };

    [Fact]
    public void Render_TwoColoursOfOneScarf_TwoLinesEachWithItsColourAndPrice()
    {
        TwoColoursInTheCart();

        var sheet = RenderSheet();

        var lines = sheet.FindAll("[data-testid=cart-line-" + Scarf + "]");
        Assert.Equal(2, lines.Count);
        Assert.Equal(["Red", "Green"], lines.Select(l => l.QuerySelector("[data-testid=cart-line-variant]")!.TextContent.Trim()));
        Assert.Equal(["NT$1,200", "NT$1,400"], lines.Select(l => l.QuerySelector("[data-testid=cart-unit-price]")!.TextContent.Trim()));
        Assert.Equal("NT$4,000", sheet.Find("[data-testid=cart-total]").TextContent.Trim());

        // Removing the red line leaves the green one.
        lines[0].QuerySelector("[data-testid=cart-remove]")!.Click();
        Assert.Equal("Green", sheet.Find("[data-testid=cart-line-variant]").TextContent.Trim());
    }

    [Fact]
    public void PlaceOrder_EachLineCarriesItsVariantId()
    {
        TwoColoursInTheCart();
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.Created, PlacedOrder("2001")));
        var sheet = RenderSheet();

        GoToPayment(sheet);
        sheet.Find("[data-testid=place-order]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Order #2001 placed", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(
            [new PlaceOrderLine(Scarf, 1, 1200m, Red), new PlaceOrderLine(Scarf, 2, 1400m, Green)],
            Api.OrderAttempts.Single().Order.Lines);
    }

    [Fact]
    public void PriceChanged_ForTheGreenLine_AsksAboutGreenAndRetriesOnlyItAtTheNewPrice()
    {
        TwoColoursInTheCart();
        var extensions = new Dictionary<string, object> { ["productId"] = Scarf.ToString(), ["variantId"] = Green.ToString(), ["currentPrice"] = 1500m };
        Api.Answer(
            HttpMethod.Post,
            ApiRoutes.Orders,
            FakeApi.Problem(HttpStatusCode.Conflict, ProblemCodes.PriceChanged, "The price of Silk scarf (Green) changed.", extensions),
            FakeApi.Json(HttpStatusCode.Created, PlacedOrder("2002")));
        var sheet = RenderSheet();
        GoToPayment(sheet);

        sheet.Find("[data-testid=place-order]").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("Silk scarf (Green)", Dialogs.Find("[data-testid=price-changed-text]").TextContent, StringComparison.Ordinal));
        Dialogs.Find("[data-testid=price-changed-accept]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Order #2002 placed", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(
            [new PlaceOrderLine(Scarf, 1, 1200m, Red), new PlaceOrderLine(Scarf, 2, 1500m, Green)],
            Api.OrderAttempts[1].Order.Lines);
    }

    [Fact]
    public async Task FlashDialog_SomeColoursTicked_SendsTheirVariantIds()
    {
        var dialogs = Ctx.Render<MudDialogProvider>();
        var sent = new List<StartFlashSaleRequest>();
        var parameters = new DialogParameters<FlashSaleDialog>
        {
            { d => d.Item, ScarfItem },
            { d => d.Start, request => { sent.Add(request); return Task.FromResult<string?>(null); } },
        };
        await dialogs.InvokeAsync(() => Ctx.Services.GetRequiredService<IDialogService>().ShowAsync<FlashSaleDialog>("Flash price", parameters));

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=flash-some-variants]").Click());
        dialogs.WaitForAssertion(() => Assert.Equal(3, dialogs.FindAll("[data-testid=flash-variant]").Count));
        Assert.True(dialogs.Find("[data-testid=flash-start-submit]").HasAttribute("disabled"));
        dialogs.Find(VariantBox(Red)).Change(true);
        dialogs.Find(VariantBox(Green)).Change(true);
        dialogs.Find("[data-testid=flash-start-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal([Red, Green], Assert.Single(sent).VariantIds!));
    }

    /// <summary>The checkbox of a variant (MudCheckBox puts the attributes on its input or around it).</summary>
    private static string VariantBox(Guid variantId) =>
        $"input[data-testid=flash-variant][data-variant-id=\"{variantId}\"], [data-testid=flash-variant][data-variant-id=\"{variantId}\"] input";

    [Fact]
    public async Task FlashDialog_AllVariants_SendsNoVariantIds()
    {
        var dialogs = Ctx.Render<MudDialogProvider>();
        var sent = new List<StartFlashSaleRequest>();
        var parameters = new DialogParameters<FlashSaleDialog>
        {
            { d => d.Item, ScarfItem },
            { d => d.Start, request => { sent.Add(request); return Task.FromResult<string?>(null); } },
        };
        await dialogs.InvokeAsync(() => Ctx.Services.GetRequiredService<IDialogService>().ShowAsync<FlashSaleDialog>("Flash price", parameters));

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=flash-start-submit]").Click());

        dialogs.WaitForAssertion(() => Assert.Null(Assert.Single(sent).VariantIds));
    }
}
