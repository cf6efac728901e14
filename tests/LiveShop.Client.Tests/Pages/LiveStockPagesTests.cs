using LiveShop.Client.Pages;
using LiveShop.Client.Pages.Host;
using LiveShop.Client.Services;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.Pages;

/// <summary>
/// The viewer page and the host console render stock from the room: a page loaded with "30 in stock"
/// shows what the join snapshot and the stock events say, without reloading.
/// </summary>
public sealed class LiveStockPagesTests : CheckoutTestBase
{
    private static readonly ChatSettingsDto NoSettings = new(0, null);

    private FakeLiveShowConnection _live = default!;

    private void GivenRoom(IReadOnlyList<ProductStockDto>? stock = null, IReadOnlyList<FlashSaleDto>? sales = null)
    {
        var snapshot = new RoomSnapshot(ShowId, 10, ShowStatus.Live, DeviceNow.AddMinutes(-5), null, [Jade], sales ?? [], [], 0, NoSettings, stock);
        _live = new FakeLiveShowConnection(new JoinResult(ShowId, DeviceNow, snapshot, [], new RoomStats(ShowId, 12, 12, 0, 0, DeviceNow)), DeviceNow);
        _live.Answer(nameof(ILiveShowHub.GetQuestions), _ => new LiveShop.Shared.Moderation.QuestionBoardDto(ShowId, [], []));
        _live.Answer(nameof(ILiveShowHub.GetModeration), _ => ModerationFixtures.Desk(isHost: true));
        Ctx.Services.AddFallbackServiceProvider(new ServiceCollection()
            .AddSingleton<IShowReader>(new SingleShowReader(Detail(DeviceNow)))
            .AddSingleton<ILiveShowConnection>(_live)
            .AddSingleton(new ApiClient(new FakeSalesApi().CreateClient()))
            .BuildServiceProvider());
        Ctx.Render<MudSnackbarProvider>();
        Ctx.Render<MudDialogProvider>();
    }

    private IRenderedComponent<ShowPage> RenderViewerPage(string query = "")
    {
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"shows/{ShowId}{query}");
        var page = Ctx.Render<ShowPage>(p => p.Add(c => c.Id, ShowId).AddCascadingValue(SignedIn.As(Buyer, "Mei Lin")));
        page.WaitForAssertion(() => Assert.Equal(LiveConnectionState.Connected, _live.State));
        return page;
    }

    private static string LineupStock(IRenderedComponent<ShowPage> page, string name) =>
        page.FindAll("[data-testid=lineup-item]").Single(e => e.TextContent.Contains(name, StringComparison.Ordinal))
            .QuerySelectorAll(".mud-text-secondary").Select(e => e.TextContent.Trim()).First(t => t.EndsWith("in stock", StringComparison.Ordinal) || t == "Sold out");

    [Fact]
    public async Task ViewerPage_LastUnitsGoElsewhere_TheCardTurnsSoldOutAndBuyIsDisabled()
    {
        GivenRoom();
        var page = RenderViewerPage();
        Assert.Equal("normal", page.Find($"[data-testid=product-card][data-product-id='{Jade}']").GetAttribute("data-state"));
        Assert.Equal("30 in stock", LineupStock(page, "Jade Face Roller"));

        await page.InvokeAsync(() => _live.PushEventsAsync(new ProductStockEvent(11, DeviceNow, Jade, 2)));
        page.WaitForAssertion(() => Assert.Equal("2 in stock", LineupStock(page, "Jade Face Roller")));
        Assert.False(page.Find($"[data-testid=buy-{Jade}]").HasAttribute("disabled"));

        await page.InvokeAsync(() => _live.PushEventsAsync(new ProductStockEvent(12, DeviceNow, Jade, 0)));

        page.WaitForAssertion(() => Assert.Equal("sold-out", page.Find($"[data-testid=product-card][data-product-id='{Jade}']").GetAttribute("data-state")));
        Assert.True(page.Find($"[data-testid=buy-{Jade}]").HasAttribute("disabled"));
        Assert.Equal("Sold out", LineupStock(page, "Jade Face Roller"));
        Assert.Equal("12 in stock", LineupStock(page, "Alishan oolong 150g"));
    }

    [Fact]
    public void ViewerPage_JoinSnapshotCarriesTheStockNow_TheProductSheetShowsIt()
    {
        GivenRoom(stock: [new ProductStockDto(Jade, 30), new ProductStockDto(Oolong, 0)]);

        var page = RenderViewerPage($"?product={Oolong}");

        page.WaitForAssertion(() => Assert.Equal("Sold out", page.Find("[data-testid=product-sheet-stock]").TextContent.Trim()));
        Assert.True(page.Find("[data-testid=product-sheet-buy]").HasAttribute("disabled"));
        Assert.Equal("Sold out", LineupStock(page, "Alishan oolong 150g"));
    }

    [Fact]
    public async Task HostConsole_StockColumnAndFlashButtonFollowTheRoom()
    {
        GivenRoom();
        var console = Ctx.Render<HostConsole>(p => p.Add(c => c.Id, ShowId)
            .AddCascadingValue(SignedIn.As(Detail(DeviceNow).Host.Id, "Mei", Roles.Host)));
        console.WaitForAssertion(() => Assert.Equal(LiveConnectionState.Connected, _live.State));
        Assert.False(FlashButton(console, "Alishan oolong 150g").HasAttribute("disabled"));

        await console.InvokeAsync(() => _live.PushEventsAsync(new ProductStockEvent(11, DeviceNow, Oolong, 0)));

        console.WaitForAssertion(() => Assert.True(FlashButton(console, "Alishan oolong 150g").HasAttribute("disabled")));
        Assert.Contains(console.FindAll("tr").Single(r => r.TextContent.Contains("Alishan oolong 150g", StringComparison.Ordinal)).QuerySelectorAll("td"),
            td => td.TextContent.Trim() == "0");
    }

    private static AngleSharp.Dom.IElement FlashButton(IRenderedComponent<HostConsole> console, string name) =>
        console.FindAll("tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal)).QuerySelector("[data-testid=flash-button]")!;
}
