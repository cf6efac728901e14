using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Sales;
using LiveShop.Server.Realtime;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Sales;

/// <summary>
/// The numbers a seller relies on count people, not connections (docs/metrics.md): unique viewers and
/// share-link visitors leave out bare connections, cookieless clients and crawlers, and the viewer
/// tracker forgets a show once its viewers are stored.
/// </summary>
public class HonestNumbersTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private const string Googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private const string FacebookPreview = "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)";

    [Fact]
    public async Task BareHubConnections_JoiningAShow_DoNotRaiseUniqueViewers()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Bare connections");

        // Twenty connections that never loaded a page: no cookie, no account.
        for (var i = 0; i < 20; i++)
        {
            await using var bare = await ConnectAsync(null);
            await bare.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), room.Show.Id, null);
        }

        // Then one person who opened the show page.
        await JoinAsPageVisitorAsync(room.Show.Id);

        Assert.Equal(1, await StoredViewersAsync(room, 1));
        Assert.Equal(1, await UniqueViewersAsync(room));
    }

    [Fact]
    public async Task ForgedVisitorCookies_JoiningAShow_DoNotRaiseViewersNowOrUniqueViewers()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Forged cookies");
        var presence = factory.Services.GetRequiredService<RoomPresence>();

        // Ten connections in the room at once, each with a visitor id the client made up: bare, or with another id's tag.
        var forged = new List<RoomWatcher>();
        for (var i = 0; i < 10; i++)
        {
            forged.Add(await RoomWatcher.JoinAsync(factory, room.Show, WithForgedVisitor(withTag: i % 2 == 1)));
        }

        // Then one person who opened the show page.
        var browser = factory.NewBrowser(out var cookies);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/shows/{room.Show.Id}")).StatusCode);
        await using var person = await RoomWatcher.JoinAsync(factory, room.Show, cookies);

        // Viewers now: the host and that person.
        Assert.Equal(2, presence.Count(room.Show.Id));
        Assert.Equal(2, (await room.HostRoom.StatsAsync(s => s.ViewersNow == 2)).PeakViewers);
        Assert.Equal(1, await StoredViewersAsync(room, 1));
        Assert.Equal(1, await UniqueViewersAsync(room));
        foreach (var watcher in forged)
        {
            await watcher.DisposeAsync();
        }
    }

    [Fact]
    public async Task SameUserOnTwoBrowsers_CountsOnce()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Two browsers");
        foreach (var _ in new[] { "phone", "laptop" })
        {
            var browser = factory.NewBrowser(out var cookies);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/shows/{room.Show.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync(ApiRoutes.SignIn, new Shared.Accounts.SignInRequest(DemoSeeder.ViewerAccount.Email, DemoSeeder.DemoPassword, false))).StatusCode);
            await using var connection = await ConnectAsync(cookies);
            await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), room.Show.Id, null);
        }

        Assert.Equal(2, await StoredViewersAsync(room, 2));
        Assert.Equal(1, await UniqueViewersAsync(room));
    }

    [Fact]
    public async Task CrawlerJoiningWithACookie_IsNotAViewer()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Crawler join");

        // A crawler that renders the page keeps its cookie and even opens the hub: still not a viewer.
        var crawler = factory.NewBrowser(out var crawlerCookies);
        Assert.Equal(HttpStatusCode.OK, (await ShareLinkVisits.GetAsync(crawler, $"/shows/{room.Show.Id}", Googlebot)).StatusCode);
        await using (var connection = await ConnectAsync(crawlerCookies, Googlebot))
        {
            await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), room.Show.Id, null);
        }

        await JoinAsPageVisitorAsync(room.Show.Id);

        Assert.Equal(1, await StoredViewersAsync(room, 1));
        Assert.Equal(1, await UniqueViewersAsync(room));
    }

    [Fact]
    public async Task ShareLink_CookielessRequestsAndCrawlers_RecordNothing_ABrowserRecordsOnce()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Link touches");
        var link = await CreateLinkAsync(room);
        var target = $"/shows/{room.Show.Id}";

        // 300 requests from a client that drops cookies: half stop at the first redirect, half follow it.
        using var cookieless = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = factory.BaseAddress };
        for (var i = 0; i < 300; i++)
        {
            var response = i % 2 == 0
                ? await ShareLinkVisits.GetAsync(cookieless, link.Path, ShareLinkVisits.BrowserAgent)
                : await cookieless.OpenShareLinkAsync(link.Path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(i % 2 == 0 ? $"{link.Path}?v=1" : target, response.Headers.Location!.OriginalString);
        }

        // A link preview (cookie jar and all) lands on the show at once, so previews work, and records nothing.
        var preview = factory.NewBrowser();
        var previewed = await ShareLinkVisits.GetAsync(preview, link.Path, FacebookPreview);
        Assert.Equal(target, previewed.Headers.Location!.OriginalString);
        Assert.Equal(target, (await preview.OpenShareLinkAsync(link.Path, FacebookPreview)).Headers.Location!.OriginalString);
        Assert.Equal((0, 0), (await TouchRowsAsync(link), await LinkVisitorsAsync(room, link)));

        // A real browser keeps the cookie, follows the redirect, and lands on the show: one touch.
        var browser = factory.NewBrowser();
        Assert.Equal(target, (await browser.OpenShareLinkAsync(link.Path)).Headers.Location!.OriginalString);
        Assert.Equal((1, 1), (await TouchRowsAsync(link), await LinkVisitorsAsync(room, link)));

        // Opening it again ten times is the same visit.
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(target, (await browser.OpenShareLinkAsync(link.Path)).Headers.Location!.OriginalString);
        }

        Assert.Equal((1, 1), (await TouchRowsAsync(link), await LinkVisitorsAsync(room, link)));
    }

    [Fact]
    public async Task ShareLink_ReopenedAfterAnotherLink_IsTouchedAgain_SoLastTouchStaysRight()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Link order");
        var first = await CreateLinkAsync(room);
        var second = await CreateLinkAsync(room);
        var browser = factory.NewBrowser();

        await browser.OpenShareLinkAsync(first.Path);
        await browser.OpenShareLinkAsync(second.Path);
        await browser.OpenShareLinkAsync(first.Path);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync(ApiRoutes.Guest, new Shared.Accounts.GuestRequest("Came back"))).StatusCode);
        var order = await browser.BuyAsync(Shopping.Request(room.Show.Id, LiveRoom.Lineup[0], 690m));

        // The buyer came through the first link last: it gets the last-touch credit; each link had one visitor.
        Assert.Equal(first.Code, order.AffiliateCode);
        Assert.Equal((2, 1), (await TouchRowsAsync(first), await LinkVisitorsAsync(room, first)));
        Assert.Equal(1, await LinkVisitorsAsync(room, second));
    }

    [Fact]
    public async Task ViewerTracker_ForgetsAnEndedShow_AndCountsStayRightWhenViewersComeBack()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Tracker bound");
        var tracker = factory.Services.GetRequiredService<ViewerTracker>();
        var visitors = Enumerable.Range(0, 150).Select(_ => Guid.NewGuid()).ToList();
        foreach (var visitor in visitors)
        {
            await using var connection = await ConnectAsync(WithVisitor(visitor));
            await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), room.Show.Id, null);
        }

        Assert.Equal(150, await StoredViewersAsync(room, 150));
        Assert.Contains(room.Show.Id, tracker.Shows);

        // The show ends: once its viewers are stored the tracker lets it go.
        Assert.Equal(HttpStatusCode.OK, (await room.Host.Http.PostAsync(ApiRoutes.EndShow(room.Show.Id), null)).StatusCode);
        for (var wait = 0; wait < 100 && tracker.Shows.Contains(room.Show.Id); wait++)
        {
            await Task.Delay(100);
        }

        Assert.DoesNotContain(room.Show.Id, tracker.Shows);

        // Fifty of them come back to the replay, and one newcomer: the forgotten ones do not count twice.
        foreach (var visitor in visitors.Take(50).Append(Guid.NewGuid()))
        {
            await using var connection = await ConnectAsync(WithVisitor(visitor));
            await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), room.Show.Id, null);
        }

        Assert.Equal(151, await StoredViewersAsync(room, 151));
        Assert.Equal(151, await UniqueViewersAsync(room));
    }

    /// <summary>A browser that already has a visitor cookie (as after loading a page), without loading one.</summary>
    private System.Net.CookieContainer WithVisitor(Guid visitor)
    {
        var cookies = new System.Net.CookieContainer();
        cookies.Add(factory.BaseAddress, new System.Net.Cookie(VisitorCookie.Name, factory.VisitorCookieValue(visitor)));
        return cookies;
    }

    /// <summary>A client that sends a visitor id of its own choosing (bare, or with a tag made for another id) instead of loading a page.</summary>
    private System.Net.CookieContainer WithForgedVisitor(bool withTag)
    {
        var chosen = Guid.NewGuid().ToString("N");
        var cookies = new System.Net.CookieContainer();
        cookies.Add(factory.BaseAddress, new System.Net.Cookie(VisitorCookie.Name, withTag ? chosen + factory.VisitorCookieValue(Guid.NewGuid())[32..] : chosen));
        return cookies;
    }

    private async Task<HubConnection> ConnectAsync(System.Net.CookieContainer? cookies, string? userAgent = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.BaseAddress, HubRoutes.Live), options =>
            {
                if (cookies is not null)
                {
                    options.Cookies = cookies;
                }

                if (userAgent is not null)
                {
                    options.Headers["User-Agent"] = userAgent;
                }
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>A browser opens the show page (getting its visitor cookie) and its page joins the room.</summary>
    private async Task JoinAsPageVisitorAsync(Guid showId)
    {
        var browser = factory.NewBrowser(out var cookies);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/shows/{showId}")).StatusCode);
        await using var connection = await ConnectAsync(cookies);
        await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), showId, null);
    }

    /// <summary>
    /// Waits until the pulse has stored at least <paramref name="expected"/> viewer rows for the show
    /// besides the host's own (joins are stored in order, so earlier joins are stored by then), then
    /// returns how many there are after one more beat.
    /// </summary>
    private async Task<int> StoredViewersAsync(LiveRoom room, int expected)
    {
        var hostId = room.Host.User.Id;
        Task<int> CountAsync() => factory.ReadAsync(db => db.ShowViewers.CountAsync(v => v.ShowId == room.Show.Id && v.UserId != hostId));
        for (var wait = 0; wait < 100 && await CountAsync() < expected; wait++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(600);
        return await CountAsync();
    }

    private async Task<int> UniqueViewersAsync(LiveRoom room) =>
        (await room.Host.Http.GetFromJsonAsync<SalesDashboardDto>(ApiRoutes.ShowSales(room.Show.Id)))!.Summary.UniqueViewers;

    private static async Task<ShareLinkDto> CreateLinkAsync(LiveRoom room)
    {
        var response = await room.Host.Http.PostAsJsonAsync(ApiRoutes.ShowLinks(room.Show.Id), new CreateShareLinkRequest(null));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ShareLinkDto>())!;
    }

    private Task<int> TouchRowsAsync(ShareLinkDto link) => factory.ReadAsync(db => db.LinkTouches.CountAsync(t => t.Code == link.Code));

    private static async Task<int> LinkVisitorsAsync(LiveRoom room, ShareLinkDto link) =>
        (await room.Host.Http.GetFromJsonAsync<IReadOnlyList<ShareLinkDto>>(ApiRoutes.ShowLinks(room.Show.Id)))!.Single(l => l.Code == link.Code).Touches;
}
