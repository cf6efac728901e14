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

    [Fact]
    public void PerBuyerCapReached_SaysSo_ShowsTheNewTotal_AcceptBuysAtTheListPrice_AndTheCartRemembers()
    {
        GivenShow(jadeOnSale: true); // NT$490, 2 per buyer
        Cart.Add(JadeItem, 2);
        var refusal = PriceNow(690m);
        refusal["saleId"] = JadeSaleId.ToString();
        refusal["perBuyerCap"] = 2;
        refusal["held"] = 1;
        refusal["unitsLeft"] = 17;
        Api.Answer(
            HttpMethod.Post,
            ApiRoutes.Orders,
            FakeApi.Problem(HttpStatusCode.Conflict, ProblemCodes.PerBuyerCapReached, "At the flash price, each buyer can get at most 2.", refusal),
            FakeApi.Json(HttpStatusCode.Created, Order("1051", OrderStatus.Paid, DeviceNow, unitPrice: 690m, quantity: 2)));
        var sheet = RenderSheet();
        GoToPayment(sheet);

        sheet.Find("[data-testid=place-order]").Click();
        Dialogs.WaitForAssertion(() => Assert.Equal(
            "The flash price is 2 per buyer, and you already have 1.",
            Dialogs.Find("[data-testid=price-changed-reason]").TextContent.Trim()));
        Assert.Equal("2 × NT$690 = NT$1,380", Normalize(Dialogs.Find("[data-testid=price-changed-total]").TextContent));
        // Behind the dialog the cart already prices the line as the server will: one more at most at the flash price.
        Assert.Equal(690m, Cart.PriceOf(Cart.Lines[0]).Unit);
        Dialogs.Find("[data-testid=price-changed-accept]").Click();

        Snackbars.WaitForAssertion(() => Assert.Contains("Order #1051 placed", Snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal(690m, Api.OrderAttempts[1].Order.Lines[0].ExpectedUnitPrice);
        Assert.NotEqual(Api.OrderAttempts[0].IdempotencyKey, Api.OrderAttempts[1].IdempotencyKey);
    }

    [Fact]
    public void FlashSaleSoldOut_SaysHowManyAreLeft()
    {
        GivenShow(jadeOnSale: true);
        Cart.Add(JadeItem, 2);
        var refusal = PriceNow(690m);
        refusal["unitsLeft"] = 1;
        Api.Answer(HttpMethod.Post, ApiRoutes.Orders, FakeApi.Problem(HttpStatusCode.Conflict, ProblemCodes.FlashSaleSoldOut, "Only 1 left.", refusal));
        var sheet = RenderSheet();
        GoToPayment(sheet);

        sheet.Find("[data-testid=place-order]").Click();

        Dialogs.WaitForAssertion(() => Assert.Equal("Only 1 left at the flash price.", Dialogs.Find("[data-testid=price-changed-reason]").TextContent.Trim()));
        Assert.Equal("Buy at NT$690", Dialogs.Find("[data-testid=price-changed-accept]").TextContent.Trim());
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace(" )", ")", StringComparison.Ordinal).Replace("( ", "(", StringComparison.Ordinal);
}
