using LiveShop.Client.Components.Sales;
using LiveShop.Shared;
using LiveShop.Shared.Sales;
using LiveShop.Client.Tests.TestDoubles;

namespace LiveShop.Client.Tests.Components.Sales;

public sealed class SalesTilesTests : BunitTestBase
{
    private static SalesSummaryDto Summary(string currency, decimal gmv, int orders, int units, int buyers, int viewers, decimal aov) =>
        new(Guid.NewGuid(), currency, gmv, orders, units, buyers, viewers, viewers == 0 ? 0 : (decimal)buyers / viewers, aov);

    private static string Tile(IRenderedComponent<SalesTiles> cut, string name) =>
        cut.Find($"[data-testid=tile-{name}] .ls-tile__value").TextContent.Trim();

    [Fact]
    public void Render_TwdSummary_ShowsWholeDollarMoneyCountsAndConversionPercent()
    {
        var cut = Ctx.Render<SalesTiles>(p => p
            .Add(t => t.Summary, Summary(Currencies.Twd, gmv: 123_456m, orders: 1_234, units: 2_345, buyers: 100, viewers: 800, aov: 100.04m))
            .Add(t => t.Earnings, 12_345.6m));

        Assert.Equal("NT$123,456", Tile(cut, "gmv"));
        Assert.Equal("1,234", Tile(cut, "orders"));
        Assert.Equal("2,345", Tile(cut, "units"));
        Assert.Equal("100", Tile(cut, "buyers"));
        Assert.Equal("12.5%", Tile(cut, "conversion"));
        Assert.Equal("NT$100.04", Tile(cut, "aov"));
        Assert.Equal("NT$12,345.60", Tile(cut, "earnings"));
        Assert.Contains("100 of 800 viewers bought", cut.Find("[data-testid=tile-conversion]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoViewers_ConversionSaysSo_AndWhatAViewerIs()
    {
        var cut = Ctx.Render<SalesTiles>(p => p.Add(t => t.Summary, Summary(Currencies.Eur, gmv: 0m, orders: 0, units: 0, buyers: 0, viewers: 0, aov: 0m)));

        var tile = cut.Find("[data-testid=tile-conversion]");
        Assert.Contains("No viewers yet", tile.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bots and bare connections are not viewers", tile.GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EurSummary_ShowsEuroWithCents()
    {
        var cut = Ctx.Render<SalesTiles>(p => p
            .Add(t => t.Summary, Summary(Currencies.Eur, gmv: 1_234.5m, orders: 30, units: 41, buyers: 27, viewers: 81, aov: 41.15m))
            .Add(t => t.Earnings, 86.42m)
            .Add(t => t.EarningsHint, "Your 70% of a 10% commission"));

        Assert.Equal("€1,234.50", Tile(cut, "gmv"));
        Assert.Equal("€41.15", Tile(cut, "aov"));
        Assert.Equal("33.3%", Tile(cut, "conversion"));
        Assert.Equal("€86.42", Tile(cut, "earnings"));
        Assert.Contains("Your 70% of a 10% commission", cut.Find("[data-testid=tile-earnings]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_InGreek_LabelsInGreek_NumbersAndEurosTheGreekWay()
    {
        using var greek = new UseCulture("el");
        var cut = Ctx.Render<SalesTiles>(p => p
            .Add(t => t.Summary, Summary(Currencies.Eur, gmv: 1_234.5m, orders: 1_234, units: 2_345, buyers: 100, viewers: 800, aov: 41.15m))
            .Add(t => t.Earnings, 86.42m));

        Assert.Equal("1.234,50\u00A0€", Tile(cut, "gmv"));
        Assert.Equal("1.234", Tile(cut, "orders"));
        Assert.Equal("2.345", Tile(cut, "units"));
        Assert.Equal("12,5%", Tile(cut, "conversion"));
        Assert.Equal("41,15\u00A0€", Tile(cut, "aov"));
        Assert.Equal("Παραγγελίες", cut.Find("[data-testid=tile-orders] .ls-tile__label").TextContent.Trim());
        Assert.Equal("Μετατροπή", cut.Find("[data-testid=tile-conversion] .ls-tile__label").TextContent.Trim());
        Assert.Contains("Αγόρασαν 100 από 800 θεατές", cut.Find("[data-testid=tile-conversion]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Orders", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_InTraditionalChinese_LabelsInTaiwansWords_NewTaiwanDollars()
    {
        using var taiwan = new UseCulture("zh-TW");
        var cut = Ctx.Render<SalesTiles>(p => p
            .Add(t => t.Summary, Summary(Currencies.Twd, gmv: 123_456m, orders: 1_234, units: 2_345, buyers: 100, viewers: 800, aov: 100m)));

        Assert.Equal("NT$123,456", Tile(cut, "gmv"));
        Assert.Equal("1,234", Tile(cut, "orders"));
        Assert.Equal("成交額", cut.Find("[data-testid=tile-gmv] .ls-tile__label").TextContent.Trim());
        Assert.Equal("轉換率", cut.Find("[data-testid=tile-conversion] .ls-tile__label").TextContent.Trim());
        Assert.Contains("800 位觀眾中有 100 位購買", cut.Find("[data-testid=tile-conversion]").TextContent, StringComparison.Ordinal);
        Assert.Contains("已付款、貨到付款及已出貨的訂單", cut.Find("[data-testid=tile-gmv]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoViewersNoOrders_ShowsDashesNotNaN()
    {
        var cut = Ctx.Render<SalesTiles>(p => p
            .Add(t => t.Summary, Summary(Currencies.Twd, gmv: 0m, orders: 0, units: 0, buyers: 0, viewers: 0, aov: 0m)));

        Assert.Equal("—", Tile(cut, "conversion"));
        Assert.Equal("—", Tile(cut, "aov"));
        Assert.Equal("—", Tile(cut, "earnings"));
        Assert.Equal("NT$0", Tile(cut, "gmv"));
        Assert.Contains("No viewers yet", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("∞", cut.Markup, StringComparison.Ordinal);
    }
}
