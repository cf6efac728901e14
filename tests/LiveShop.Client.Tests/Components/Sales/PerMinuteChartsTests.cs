using LiveShop.Client.Components.Sales;
using LiveShop.Shared.Sales;

namespace LiveShop.Client.Tests.Components.Sales;

public sealed class PerMinuteChartsTests : BunitTestBase
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 20, 0, 0, TimeSpan.Zero);

    private static List<MinutePointDto> Minutes(params int[] viewers) =>
        [.. viewers.Select((v, i) => new MinutePointDto(Start.AddMinutes(i), v, i))];

    [Fact]
    public void FirstMinute_ShowsTheViewerPeakAsABar_NotAnInvisibleOnePointLine()
    {
        var cut = Ctx.Render<PerMinuteCharts>(p => p.Add(c => c.Points, Minutes(3)));

        var viewers = cut.FindAll("figure.ls-chart")[0];
        Assert.NotEmpty(viewers.QuerySelectorAll(".mud-chart-bar"));
        Assert.Empty(viewers.QuerySelectorAll(".mud-chart-line"));
    }

    [Fact]
    public void SeveralMinutes_DrawTheViewersAsALine()
    {
        var cut = Ctx.Render<PerMinuteCharts>(p => p.Add(c => c.Points, Minutes(3, 8, 5)));

        var viewers = cut.FindAll("figure.ls-chart")[0];
        Assert.NotEmpty(viewers.QuerySelectorAll(".mud-chart-line"));
    }

    [Fact]
    public void BeforeTheShow_SaysTheChartFillsInOnceLive()
    {
        var cut = Ctx.Render<PerMinuteCharts>(p => p.Add(c => c.Points, new List<MinutePointDto>()));

        Assert.Contains("once the show is live", cut.Find("[data-testid=per-minute-empty]").TextContent, StringComparison.Ordinal);
    }
}
