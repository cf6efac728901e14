using LiveShop.Client.Components.Sales;
using LiveShop.Client.Services;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Sales;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.Components.Sales;

public sealed class HostEarningsCardTests : BunitTestBase
{
    private static readonly Guid TeaShow = Guid.NewGuid();
    private static readonly Guid BerlinShow = Guid.NewGuid();
    private readonly FakeSalesApi _api = new();

    public HostEarningsCardTests()
    {
        _api.On(HttpMethod.Get, ApiRoutes.HostEarnings, request =>
        {
            var query = Uri.UnescapeDataString(request.RequestUri!.Query);
            var month = query.Contains(DeviceNow.AddDays(-30).ToString("O"), StringComparison.Ordinal);
            return Task.FromResult(FakeSalesApi.JsonResponse(month ? Month() : Week()));
        });
        Ctx.Services.AddFallbackServiceProvider(new ServiceCollection().AddSingleton(new ApiClient(_api.CreateClient())).BuildServiceProvider());
    }

    private static EarningsReportDto Week() => new(
        DeviceNow.AddDays(-7),
        DeviceNow,
        [
            new ShowEarningsDto(TeaShow, "Oolong tasting", DeviceNow.AddDays(-2), "Host", Currencies.Twd, 12_340m, 0.1m, 1_234m),
            new ShowEarningsDto(BerlinShow, "Berlin ceramics", DeviceNow.AddDays(-1), "CoHost", Currencies.Eur, 189m, 0.3m, 56.7m),
        ],
        new Dictionary<string, decimal> { [Currencies.Twd] = 1_234m, [Currencies.Eur] = 56.7m });

    private static EarningsReportDto Month() => Week() with
    {
        From = DeviceNow.AddDays(-30),
        TotalByCurrency = new Dictionary<string, decimal> { [Currencies.Twd] = 9_876m, [Currencies.Eur] = 56.7m },
    };

    [Fact]
    public void Render_LastSevenDays_ShowsATotalPerCurrencyAndLinksEachShowsSales()
    {
        var cut = Ctx.Render<HostEarningsCard>();

        cut.WaitForAssertion(() => Assert.Equal("NT$1,234", cut.Find("[data-testid=earnings-total-TWD]").TextContent.Trim()));
        Assert.Equal("€56.70", cut.Find("[data-testid=earnings-total-EUR]").TextContent.Trim());
        var rows = cut.FindAll("[data-testid=earnings-show]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Co-host", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal($"host/shows/{BerlinShow}/sales", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal($"host/shows/{TeaShow}/sales", rows[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains(DeviceNow.AddDays(-7).ToString("O"), Assert.Single(_api.Requests).Query, StringComparison.Ordinal);
    }

    [Fact]
    public void Toggle_ThirtyDays_AsksForThirtyDaysAndShowsTheirTotal()
    {
        var cut = Ctx.Render<HostEarningsCard>();
        cut.WaitForElement("[data-testid=earnings-total-TWD]");

        cut.Find("[data-testid=earnings-30d]").Click();

        cut.WaitForAssertion(() => Assert.Equal("NT$9,876", cut.Find("[data-testid=earnings-total-TWD]").TextContent.Trim()));
        Assert.Contains(DeviceNow.AddDays(-30).ToString("O"), _api.Requests[^1].Query, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoEarnings_SaysSoInsteadOfAnEmptyTable()
    {
        _api.Get(ApiRoutes.HostEarnings, () => new EarningsReportDto(DeviceNow.AddDays(-7), DeviceNow, [], new Dictionary<string, decimal>()));

        var cut = Ctx.Render<HostEarningsCard>();

        cut.WaitForAssertion(() => Assert.Contains("Nothing earned in the last 7 days", cut.Find("[data-testid=earnings-empty]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=earnings-shows]"));
    }
}
