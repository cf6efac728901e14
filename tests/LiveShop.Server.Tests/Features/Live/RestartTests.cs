using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Features.Live;

/// <summary>A live show survives a server restart: a new server on the same database serves the same room.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "liveshop-tests", "restart-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Restart_LiveShowComesBackWithPinsRunningSaleAndRecentChat()
    {
        ShowDetailDto show;
        FlashSaleDto sale;
        long lastSequence;
        System.Net.CookieContainer viewerCookies;
        await using (var before = new LiveShopFactory(_folder))
        {
            viewerCookies = (await before.SignInAsync(DemoSeeder.ViewerAccount.Email)).Cookies;
            await using var room = await LiveRoom.StartAsync(before, "Survives a restart");
            show = room.Show;
            await room.PinAsync(LiveRoom.Lineup[2]);
            await room.PinAsync(LiveRoom.Lineup[0]);
            sale = (await room.StartSaleAsync(LiveRoom.Lineup[0], 590m, seconds: 1800, quantity: 12)).Sale;
            await room.ChatAsync("Welcome, everyone!");
            lastSequence = (await room.ChatAsync("The teapot is back in stock.")).Sequence;
        }

        await using var after = new LiveShopFactory(_folder);
        await using var viewer = await RoomWatcher.JoinAsync(after, show);
        var snapshot = viewer.LastJoin!.Snapshot!;

        Assert.Equal(ShowStatus.Live, snapshot.Status);
        Assert.Equal([LiveRoom.Lineup[2], LiveRoom.Lineup[0]], snapshot.Pinned);
        var restored = Assert.Single(snapshot.ActiveSales);
        Assert.Equal((sale.Id, sale.Price, sale.EndsAt, sale.QuantityCap), (restored.Id, restored.Price, restored.EndsAt, restored.QuantityCap));
        Assert.Equal(["Welcome, everyone!", "The teapot is back in stock."], snapshot.RecentChat.Select(m => m.Text));
        Assert.Equal(lastSequence, snapshot.LastSequence);

        // Whoever was signed in stays signed in (the cookie keys were kept with the data).
        var port = after.BaseAddress;
        using var viewerBrowser = new HttpClient(new HttpClientHandler { CookieContainer = Rebase(viewerCookies, port) }) { BaseAddress = port };
        var me = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<LiveShop.Shared.Accounts.CurrentUserDto>(viewerBrowser, LiveShop.Shared.ApiRoutes.Me);
        Assert.Equal((true, DemoSeeder.ViewerAccount.Id), (me!.IsAuthenticated, me.Id));
        Assert.Single(Directory.GetFiles(Path.Combine(_folder, "keys"), "key-*.xml"));

        // Numbering goes on where it stopped.
        var host = await after.SignInAsync(DemoSeeder.HostAccount.Email);
        await using var hostConnection = await after.ConnectAsync(host.Cookies);
        var next = (await hostConnection.InvokeAsync<SendChatResult>(nameof(ILiveShowHub.SendChat), show.Id, new SendChatRequest("Still here after the restart", null))).Posted!;
        Assert.Equal(lastSequence + 1, next.Sequence);
        await viewer.WaitForSequenceAsync(next.Sequence);
    }

    /// <summary>The same browser's cookies, for the restarted server (it listens on a new port; cookies ignore ports anyway).</summary>
    private static System.Net.CookieContainer Rebase(System.Net.CookieContainer cookies, Uri to)
    {
        var copy = new System.Net.CookieContainer();
        foreach (System.Net.Cookie cookie in cookies.GetAllCookies())
        {
            copy.Add(to, new System.Net.Cookie(cookie.Name, cookie.Value, "/"));
        }

        return copy;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }
}
