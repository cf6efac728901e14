using System.Net;
using LiveShop.Client.Components.Sales;
using LiveShop.Client.Pages.Host;
using LiveShop.Client.Services;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Sales;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LiveShop.Client.Tests.TestDoubles.SalesFixtures;

namespace LiveShop.Client.Tests.Pages.Host;

public sealed class SalesDashboardTests : BunitTestBase
{
    private readonly FakeSalesApi _api = new();
    private readonly FakeSalesFeed _feed = new();
    private SalesDashboardDto _dashboard = Dashboard();

    public SalesDashboardTests()
    {
        _api.Get(ApiRoutes.ShowSales(ShowId), () => _dashboard)
            .Get(ApiRoutes.ShowOrders(ShowId), Orders)
            .Get(ApiRoutes.ShowLinks(ShowId), Links)
            .Get(ApiRoutes.Show(ShowId), Show);

        // The base has already built its provider (setting the renderer info), so these come from a fallback.
        Ctx.Services.AddFallbackServiceProvider(new ServiceCollection()
            .AddSingleton(new ApiClient(_api.CreateClient()))
            .AddSingleton<ISalesFeed>(_feed)
            .BuildServiceProvider());
    }

    private IRenderedComponent<SalesDashboard> Render() => Ctx.Render<SalesDashboard>(p => p
        .Add(d => d.ShowId, ShowId)
        .AddCascadingValue(SignedIn.As(HostId, "Mei Lin", Roles.Host)));

    private IRenderedComponent<SalesDashboard> RenderLoaded()
    {
        var cut = Render();
        cut.WaitForElement("[data-testid=attribution-table]");
        return cut;
    }

    private static string Text(IRenderedComponent<SalesDashboard> cut, string selector) => cut.Find(selector).TextContent.Trim();

    [Fact]
    public void Load_Dashboard_AttributionShowsEveryModelAndTotalsEqualGmv()
    {
        var cut = RenderLoaded();

        Assert.Equal("NT$2,970", Text(cut, "[data-testid=tile-gmv] .ls-tile__value"));
        foreach (var (model, name) in new[] { ("LastTouch", "Last touch"), ("FirstTouch", "First touch"), ("Linear", "Linear"), ("TimeDecay", "Time decay") })
        {
            Assert.StartsWith(name, Text(cut, $"[data-testid=attr-col-{model}]"), StringComparison.Ordinal);
            Assert.Equal("NT$2,970", Text(cut, $"[data-testid=attr-total-{model}]"));
        }

        var rows = cut.FindAll("[data-testid=attr-row]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("MEI7", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("NT$1,390", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Direct", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("7 days", Text(cut, "[data-testid=attr-window]"), StringComparison.Ordinal);
        Assert.Contains("every 24 hours", Text(cut, "[data-testid=attr-window]"), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Dashboard_MarksOnlyTheChosenModelColumn()
    {
        var cut = RenderLoaded();

        var linear = cut.Find("[data-testid=attr-col-Linear]");
        Assert.Equal("true", linear.GetAttribute("data-chosen"));
        Assert.Contains("is-chosen", linear.ClassList);
        Assert.Contains("in use", linear.TextContent, StringComparison.Ordinal);
        foreach (var other in new[] { "LastTouch", "FirstTouch", "TimeDecay" })
        {
            var header = cut.Find($"[data-testid=attr-col-{other}]");
            Assert.Equal("false", header.GetAttribute("data-chosen"));
            Assert.DoesNotContain("is-chosen", header.ClassList);
        }

        Assert.Single(cut.FindAll("[data-testid=attr-chosen]"));
    }

    [Fact]
    public void Load_LinksTable_CountsVisitors_AndSaysRepeatsAndBotsDoNot()
    {
        var cut = RenderLoaded();

        var header = cut.Find("[data-testid=links-visitors-header]");
        Assert.Equal("Visitors", header.TextContent.Trim());
        Assert.Contains("Opening it again, link previews and bots are not counted", header.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Equal("31", cut.Find("[data-testid=link-row]").QuerySelectorAll("td")[2].TextContent.Trim());
    }

    [Fact]
    public void Load_Dashboard_ShowsEarningsFlashResultsLinksAndCsvLink()
    {
        var cut = RenderLoaded();

        Assert.Equal("NT$207.90", Text(cut, "[data-testid=tile-earnings] .ls-tile__value"));
        Assert.Contains("Your 70% of a 10% commission", Text(cut, "[data-testid=tile-earnings]"), StringComparison.Ordinal);
        Assert.Equal("5%", Text(cut, "[data-testid=tile-conversion] .ls-tile__value"));
        Assert.Equal("Sold out in 1m 12s", Text(cut, "[data-testid=flash-result-end]"));
        Assert.Contains("Ken Wu", Text(cut, "[data-testid=earnings-split]"), StringComparison.Ordinal);
        Assert.Contains("http://localhost/r/MEI7", Text(cut, "[data-testid=link-row]"), StringComparison.Ordinal);

        var csv = cut.Find("[data-testid=export-csv]");
        Assert.Equal(ApiRoutes.ShowOrdersCsv(ShowId), csv.GetAttribute("href"));
        Assert.True(csv.HasAttribute("download"));
        Assert.Equal(ShowId, _feed.StartedFor);
    }

    [Fact]
    public async Task Push_SalesUpdated_ReplacesGmvTileAtOnceThenReloadsOrders()
    {
        var cut = RenderLoaded();
        var reload = new TaskCompletionSource<HttpResponseMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _api.On(HttpMethod.Get, ApiRoutes.ShowSales(ShowId), _ => reload.Task);
        var newOrder = Order(Guid.NewGuid(), "LS-1003", OrderStatus.CashOnDelivery, WentLive.AddMinutes(3));
        _api.Get(ApiRoutes.ShowOrders(ShowId), () => (IReadOnlyList<OrderDto>)[newOrder, .. Orders()]);

        var pushed = Summary(gmv: 4_960m, orders: 3, units: 5, buyers: 3);
        await cut.InvokeAsync(() => _feed.PushAsync(pushed));

        // The tiles change before the reload has answered.
        Assert.Equal("NT$4,960", Text(cut, "[data-testid=tile-gmv] .ls-tile__value"));
        Assert.Equal("3", Text(cut, "[data-testid=tile-orders] .ls-tile__value"));
        Assert.Empty(cut.FindAll("[data-testid=status-LS-1003]"));
        Assert.Equal(2, _api.Count(HttpMethod.Get, ApiRoutes.ShowSales(ShowId)));

        reload.SetResult(FakeSalesApi.JsonResponse(Dashboard(pushed)));

        cut.WaitForAssertion(() => Assert.Equal("Cash on delivery", Text(cut, "[data-testid=status-LS-1003]")));
        Assert.Equal("NT$4,960", Text(cut, "[data-testid=tile-gmv] .ls-tile__value"));
        Assert.Equal(3, cut.FindAll("[data-testid=order-row]").Count);
    }

    [Fact]
    public async Task Reconnected_AfterADrop_ReadsTheNumbersAgain_WhatWasPushedMeanwhileIsNotLost()
    {
        var cut = RenderLoaded();
        Assert.Equal(1, _api.Count(HttpMethod.Get, ApiRoutes.ShowSales(ShowId)));
        await cut.InvokeAsync(() => _feed.ChangeStateAsync(LiveConnectionState.Reconnecting));

        // An order came in while the host's connection was down: its push never arrived.
        var missed = Summary(gmv: 4_960m, orders: 3, units: 5, buyers: 3);
        _dashboard = Dashboard(missed);
        var newOrder = Order(Guid.NewGuid(), "LS-1003", OrderStatus.CashOnDelivery, WentLive.AddMinutes(3));
        _api.Get(ApiRoutes.ShowOrders(ShowId), () => (IReadOnlyList<OrderDto>)[newOrder, .. Orders()]);
        await cut.InvokeAsync(() => _feed.ChangeStateAsync(LiveConnectionState.Connected));

        cut.WaitForAssertion(() => Assert.Equal("NT$4,960", Text(cut, "[data-testid=tile-gmv] .ls-tile__value")));
        cut.WaitForAssertion(() => Assert.Equal("Cash on delivery", Text(cut, "[data-testid=status-LS-1003]")));
        Assert.Equal(2, _api.Count(HttpMethod.Get, ApiRoutes.ShowSales(ShowId)));
    }

    [Fact]
    public async Task Push_ForAnotherShow_IsIgnored()
    {
        var cut = RenderLoaded();

        await cut.InvokeAsync(() => _feed.PushAsync(Summary(gmv: 9_999m) with { ShowId = Guid.NewGuid() }));

        Assert.Equal("NT$2,970", Text(cut, "[data-testid=tile-gmv] .ls-tile__value"));
        Assert.Equal(1, _api.Count(HttpMethod.Get, ApiRoutes.ShowSales(ShowId)));
    }

    [Fact]
    public void MarkShipped_PaidOrder_PostsShippedAndTheChipChanges()
    {
        var shipped = Order(PaidOrderId, "LS-1002", OrderStatus.Shipped, WentLive.AddMinutes(2), affiliate: "MEI7") with { UpdatedAt = WentLive.AddMinutes(30) };
        _api.On(HttpMethod.Post, ApiRoutes.OrderStatus(PaidOrderId), _ => Task.FromResult(FakeSalesApi.JsonResponse(shipped)));
        var cut = RenderLoaded();
        Assert.Equal("Paid", Text(cut, "[data-testid=status-LS-1002]"));
        Assert.Empty(cut.FindAll("[data-testid=ship-LS-1001]"));

        cut.Find("[data-testid=ship-LS-1002]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Shipped", Text(cut, "[data-testid=status-LS-1002]")));
        var post = Assert.Single(_api.Requests, r => r.Method == HttpMethod.Post);
        Assert.Equal(ApiRoutes.OrderStatus(PaidOrderId), post.Path);
        Assert.Contains("\"Shipped\"", post.Body, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=ship-LS-1002]"));
    }

    [Fact]
    public void MarkShipped_Refused_KeepsTheOrderPaidAndSaysWhy()
    {
        _api.On(HttpMethod.Post, ApiRoutes.OrderStatus(PaidOrderId), _ =>
            Task.FromResult(FakeSalesApi.Problem(HttpStatusCode.Conflict, "order-status-invalid", "This order was already shipped.")));
        var cut = RenderLoaded();

        cut.Find("[data-testid=ship-LS-1002]").Click();

        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=ship-LS-1002]").HasAttribute("disabled")));
        Assert.Equal("Paid", Text(cut, "[data-testid=status-LS-1002]"));
        Assert.Contains(Ctx.Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "This order was already shipped.");
    }

    [Fact]
    public void NewLink_WholeShow_PostsNoProductPutsTheLinkOnTopAndCopiesItsUrl()
    {
        var created = new ShareLinkDto("SHOW2", "/r/SHOW2", ShowId, null, null, HostId, "Mei Lin", DeviceNow, 0, 0, 0m);
        _api.On(HttpMethod.Post, ApiRoutes.ShowLinks(ShowId), _ => Task.FromResult(FakeSalesApi.JsonResponse(created)));
        var cut = RenderLoaded();

        cut.Find("[data-testid=new-link]").Click();

        cut.WaitForAssertion(() => Assert.Equal("SHOW2", cut.FindAll("[data-testid=link-row]")[0].GetAttribute("data-code")));
        var post = Assert.Single(_api.Requests, r => r.Method == HttpMethod.Post);
        Assert.Contains("\"productId\":null", post.Body, StringComparison.Ordinal);
        Assert.Contains("The whole show", cut.FindAll("[data-testid=link-row]")[0].TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=copy-link-SHOW2]").Click();

        var copy = Ctx.JSInterop.VerifyInvoke("navigator.clipboard.writeText");
        Assert.Equal("http://localhost/r/SHOW2", copy.Arguments[0]);
    }

    [Fact]
    public void Load_Forbidden_SaysOnlyTheHostCanSeeSales()
    {
        _api.On(HttpMethod.Get, ApiRoutes.ShowSales(ShowId), _ =>
            Task.FromResult(FakeSalesApi.Problem(HttpStatusCode.Forbidden, "not-show-host", "You are not this show's host.")));

        var cut = Render();

        cut.WaitForAssertion(() => Assert.Equal("Only the show's host can see its sales.", Text(cut, "[data-testid=sales-error] .mud-alert-message")));
        Assert.Empty(cut.FindAll("[data-testid=sales-tiles]"));
    }

    [Fact]
    public void Prerender_ShowsSkeletonWithoutCallingTheApi()
    {
        Ctx.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render();

        Assert.NotNull(cut.Find("[data-testid=sales-loading]"));
        Assert.Empty(_api.Requests);
        Assert.Null(_feed.StartedFor);
    }
}
