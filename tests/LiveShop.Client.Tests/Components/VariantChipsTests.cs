using LiveShop.Client.Components;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using static LiveShop.Client.Tests.VariantTestData;

namespace LiveShop.Client.Tests.Components;

/// <summary>Variant chips on the product sheet and the pinned card: choosing, sold-out values, prices per variant.</summary>
public sealed class VariantChipsTests : BunitTestBase
{
    private IRenderedComponent<ProductSheet> RenderSheet(LineupItemDto item, FlashSaleDto? sale = null, List<ProductChoice>? bought = null) =>
        Ctx.Render<ProductSheet>(p => p
            .Add(s => s.Item, item)
            .Add(s => s.Sale, sale)
            .Add(s => s.OnClose, () => { })
            .Add(s => s.OnBuy, (ProductChoice choice) => bought?.Add(choice))
            .Add(s => s.OnAddToCart, (ProductChoice _) => { }));

    private static string[] ChipValues(IRenderedComponent<ProductSheet> sheet) =>
        [.. sheet.FindAll("[data-testid=variant-chip]").Select(c => c.GetAttribute("data-value")!)];

    [Fact]
    public void Sheet_ProductWithColours_ShowsAChipPerColour_SoldOutOneDisabled_BuyWaitsForAChoice()
    {
        var sheet = RenderSheet(ScarfItem);

        Assert.Single(sheet.FindAll("[data-testid=variant-picker]"));
        Assert.Equal(["Red", "Blue", "Green"], ChipValues(sheet));
        var blue = sheet.Find("[data-testid=variant-chip][data-value=Blue]");
        Assert.True(blue.HasAttribute("disabled"));
        Assert.Contains("sold out", blue.TextContent, StringComparison.Ordinal);
        Assert.False(sheet.Find("[data-testid=variant-chip][data-value=Red]").HasAttribute("disabled"));
        Assert.Equal("from NT$1,200", sheet.Find("[data-testid=product-sheet-price]").TextContent.Trim());
        Assert.True(sheet.Find("[data-testid=product-sheet-buy]").HasAttribute("disabled"));
        Assert.True(sheet.Find("[data-testid=product-sheet-add]").HasAttribute("disabled"));
        Assert.Contains("Choose colour to buy", sheet.Find("[data-testid=variant-hint]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Sheet_ChoosingGreen_ShowsItsPriceAndStock_AndBuyCarriesTheVariant()
    {
        var bought = new List<ProductChoice>();
        var sheet = RenderSheet(ScarfItem, bought: bought);

        sheet.Find("[data-testid=variant-chip][data-value=Green]").Click();

        Assert.Equal("true", sheet.Find("[data-testid=variant-chip][data-value=Green]").GetAttribute("aria-pressed"));
        Assert.Equal("NT$1,400", sheet.Find("[data-testid=product-sheet-price]").TextContent.Trim());
        Assert.Equal("Green: 3 in stock", sheet.Find("[data-testid=product-sheet-stock]").TextContent.Trim());
        Assert.False(sheet.Find("[data-testid=product-sheet-buy]").HasAttribute("disabled"));
        sheet.Find("[data-testid=product-sheet-buy]").Click();
        Assert.Equal([new ProductChoice(ScarfItem, Green)], bought);
    }

    [Fact]
    public void Sheet_TwoOptions_ResolveTheCombination_AndASoldOutPairIsStruck()
    {
        var bought = new List<ProductChoice>();
        var sheet = RenderSheet(TeeItem, bought: bought);
        Assert.Equal(["Black", "White", "M", "L"], ChipValues(sheet));
        Assert.True(sheet.Find("[data-testid=variant-chip][data-value=White]").HasAttribute("disabled"));

        sheet.Find("[data-testid=variant-chip][data-value=Black]").Click();
        Assert.True(sheet.Find("[data-testid=product-sheet-buy]").HasAttribute("disabled"));
        sheet.Find("[data-testid=variant-chip][data-value=L]").Click();
        sheet.Find("[data-testid=product-sheet-buy]").Click();

        Assert.Equal([new ProductChoice(TeeItem, BlackL)], bought);
        Assert.Equal("Black / L: 4 in stock", sheet.Find("[data-testid=product-sheet-stock]").TextContent.Trim());
    }

    [Fact]
    public void Sheet_FlashSaleForRedOnly_FlashPriceOnRedButNotOnGreen()
    {
        var sheet = RenderSheet(ScarfItem, ScarfSale(DeviceNow, Red));
        Assert.Contains("Flash price on Red", sheet.Find("[data-testid=flash-variants]").TextContent, StringComparison.Ordinal);

        sheet.Find("[data-testid=variant-chip][data-value=Red]").Click();
        Assert.Equal("NT$900", sheet.Find("[data-testid=product-sheet-price]").TextContent.Trim());
        Assert.Equal("NT$1,200", sheet.Find("[data-testid=product-sheet] s").TextContent.Trim());

        sheet.Find("[data-testid=variant-chip][data-value=Green]").Click();
        Assert.Equal("NT$1,400", sheet.Find("[data-testid=product-sheet-price]").TextContent.Trim());
        Assert.Empty(sheet.FindAll("[data-testid=product-sheet] s"));
    }

    [Fact]
    public void Card_FlashSaleForRedOnly_ShowsTheFlashPriceOnlyWhenRedIsChosen()
    {
        var cut = Ctx.Render<ProductCard>(p => p
            .Add(c => c.Item, ScarfItem)
            .Add(c => c.Sale, ScarfSale(DeviceNow, Red))
            .Add(c => c.OnBuy, (ProductChoice _) => { }));
        Assert.Empty(cut.FindAll("[data-testid=flash-price]"));
        Assert.True(cut.Find($"[data-testid=buy-{Scarf}]").HasAttribute("disabled"));

        cut.Find("[data-testid=variant-chip][data-value=Red]").Click();
        Assert.Equal("NT$900", cut.Find("[data-testid=flash-price]").TextContent.Trim());
        Assert.Equal("NT$1,200", cut.Find("[data-testid=list-price]").TextContent.Trim());
        Assert.False(cut.Find($"[data-testid=buy-{Scarf}]").HasAttribute("disabled"));

        cut.Find("[data-testid=variant-chip][data-value=Green]").Click();
        Assert.Empty(cut.FindAll("[data-testid=flash-price]"));
        Assert.Equal("NT$1,400", cut.Find("[data-testid=card-price]").TextContent.Trim());
    }

    [Fact]
    public void Card_StockEventSellsOutTheChosenColour_ItsChipTurnsSoldOutAndBuyIsDisabled()
    {
        var state = VariantTestData.LiveShow(DeviceNow);
        var cut = Ctx.Render<ProductCard>(p => p
            .Add(c => c.Item, state.ItemFor(Scarf)!)
            .Add(c => c.OnBuy, (ProductChoice _) => { }));
        cut.Find("[data-testid=variant-chip][data-value=Red]").Click();
        Assert.False(cut.Find($"[data-testid=buy-{Scarf}]").HasAttribute("disabled"));

        state.ApplyEvents([new ProductStockEvent(11, DeviceNow, Scarf, 3, [new VariantStockDto(Red, 0), new VariantStockDto(Blue, 0), new VariantStockDto(Green, 3)])]);
        cut.Render(p => p.Add(c => c.Item, state.ItemFor(Scarf)!));

        var red = cut.Find("[data-testid=variant-chip][data-value=Red]");
        Assert.True(red.HasAttribute("disabled"));
        Assert.Equal("true", red.GetAttribute("data-sold-out"));
        Assert.Contains("sold out", red.TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find($"[data-testid=buy-{Scarf}]").HasAttribute("disabled"));
    }
}
