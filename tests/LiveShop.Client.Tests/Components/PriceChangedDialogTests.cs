using System.Net;
using LiveShop.Client.Components;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.Components;

public sealed class PriceChangedDialogTests : CheckoutTestBase
{
    private static Dictionary<string, object> PriceNow(decimal price) => new()
    {
        ["productId"] = Jade.ToString(),
        ["currentPrice"] = price,
    };

    [Fact]
    public async Task Render_ShowsNewAndSeenPriceInTheShowsCurrency()
    {
        var dialogs = Ctx.Render<MudDialogProvider>();
        var parameters = new DialogParameters<PriceChangedDialog>
        {
            { d => d.ProductName, "Jade Face Roller" },
            { d => d.SeenPrice, 490m },
            { d => d.NewPrice, 690m },
            { d => d.Currency, Currencies.Twd },
            { d => d.Reason, "The flash price has ended." },
        };

        await dialogs.InvokeAsync(() => Ctx.Services.GetRequiredService<IDialogService>().ShowAsync<PriceChangedDialog>("The price changed", parameters));

        dialogs.WaitForAssertion(() => Assert.Equal(
            "The price of Jade Face Roller is now NT$690 (you saw NT$490).",
            Normalize(dialogs.Find("[data-testid=price-changed-text]").TextContent)));
        Assert.Equal("The flash price has ended.", dialogs.Find("[data-testid=price-changed-reason]").TextContent.Trim());
        Assert.Equal("Buy at NT$690", dialogs.Find("[data-testid=price-changed-accept]").TextContent.Trim());
    }

    [Fact]
    public void PriceChanged_Accept_RetriesAtTheNewPriceWithANewKey()
    {
        GivenShow(jadeOnSale: true);
        Cart.Add(JadeItem);
        Api.Answer(
            HttpMethod.Post,
            ApiRoutes.Orders,
            FakeApi.Problem(HttpStatusCode.Conflict, ProblemCodes.PriceChanged, "The price of Jade Face Roller changed.", PriceNow(690m)),
            FakeApi.Json(HttpStatusCode.Created, Order("1050", OrderStatus.Paid, DeviceNow, unitPrice: 690m, quantity: 1)));
        var sheet = RenderSheet();
        GoToPayment(sheet);

        sheet.Find("[data-testid=place-order]").Click();
        Dialogs.WaitForAssertion(() => Assert.Equal(
            "The price of Jade Face Roller is now NT$690 (you saw NT$490).",
            Normalize(Dialogs.Find("[data-testid=price-changed-text]").TextContent)));
        Assert.Empty(Dialogs.FindAll("[data-testid=price-changed-reason]"));
        Dialogs.Find("[data-testid=price-changed-accept]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Order #1050 placed", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(2, Api.OrderAttempts.Count);
        var (first, second) = (Api.OrderAttempts[0], Api.OrderAttempts[1]);
        Assert.NotEqual(first.IdempotencyKey, second.IdempotencyKey);
        Assert.Equal(490m, Assert.Single(first.Order.Lines).ExpectedUnitPrice);
        Assert.Equal(690m, Assert.Single(second.Order.Lines).ExpectedUnitPrice);
        Assert.True(Cart.IsEmpty);
    }

    [Fact]
    public void FlashSaleEnded_SaysWhyAndCancelKeepsEverything()
    {
        GivenShow(jadeOnSale: true);
        Cart.Add(JadeItem, 2);
        Api.Answer(
            HttpMethod.Post,
            ApiRoutes.Orders,
            FakeApi.Problem(HttpStatusCode.Conflict, ProblemCodes.FlashSaleEnded, "The flash price ended.", PriceNow(690m)));
        var sheet = RenderSheet();
        GoToPayment(sheet);

        sheet.Find("[data-testid=place-order]").Click();
        Dialogs.WaitForAssertion(() => Assert.Equal("The flash price has ended.", Dialogs.Find("[data-testid=price-changed-reason]").TextContent.Trim()));
        Assert.Single(Dialogs.FindAll("[data-testid=price-changed-dialog]"));
        Dialogs.Find("[data-testid=price-changed-cancel]").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid=price-changed-dialog]")));
        Assert.Single(Api.OrderAttempts);
        Assert.Equal(2, Assert.Single(Cart.Lines).Quantity);
        sheet.WaitForAssertion(() => Assert.False(sheet.Find("[data-testid=place-order]").HasAttribute("disabled")));
        Assert.Equal("payment", sheet.Find("[data-testid=cart-sheet]").GetAttribute("data-step"));
        Assert.Empty(OpenChanges);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace(" )", ")", StringComparison.Ordinal).Replace("( ", "(", StringComparison.Ordinal);
}
