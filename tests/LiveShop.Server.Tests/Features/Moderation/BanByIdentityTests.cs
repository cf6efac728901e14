using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using static LiveShop.Server.Tests.Features.Moderation.ModerationSetup;

namespace LiveShop.Server.Tests.Features.Moderation;

/// <summary>
/// Issue 13: a banned viewer came back as a fresh guest and chatted on. A restriction also covers the
/// browsers (visitor cookie) and, for guests, the addresses the user joined the show from. Every test
/// client here comes from 127.0.0.1, so "another browser" is still "the same address".
/// </summary>
public class BanByIdentityTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static Task<RestrictionDto> RestrictAsync(LiveRoom room, Guid userId, RestrictionKind kind, int? seconds = null) =>
        room.HostRoom.Connection.InvokeAsync<RestrictionDto>(nameof(ILiveShowHub.RestrictUser), room.Show.Id, new RestrictUserRequest(userId, kind, seconds));

    private static Task LiftAsync(LiveRoom room, Guid userId) =>
        room.HostRoom.Connection.InvokeAsync(nameof(ILiveShowHub.LiftRestriction), room.Show.Id, userId);

    /// <summary>A browser (its own cookie jar) with a visitor cookie, as every browser that opened a page has.</summary>
    private CookieContainer Browser()
    {
        var cookies = new CookieContainer();
        cookies.Add(factory.BaseAddress, new Cookie(VisitorCookie.Name, factory.VisitorCookieValue(Guid.NewGuid())));
        return cookies;
    }

    /// <summary>A new guest account made in this browser (a fresh guest replaces the browser's previous sign-in).</summary>
    private async Task<CurrentUserDto> NewGuestAsync(CookieContainer browser, string name)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = browser }) { BaseAddress = factory.BaseAddress };
        var response = await http.PostAsJsonAsync(ApiRoutes.Guest, new GuestRequest(name));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CurrentUserDto>())!;
    }

    [Fact]
    public async Task BannedGuest_BackAsAFreshGuestFromTheSameBrowser_CannotChat_UntilLifted_AndOnlyInThatShow()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Ban by browser");
        await using var otherShow = await LiveRoom.StartAsync(factory, "Not banned here");
        var browser = Browser();
        var banned = await NewGuestAsync(browser, "Spammer");
        await using (var first = await RoomWatcher.JoinAsync(factory, room.Show, browser))
        {
            await room.ChatAsync(first.Connection, "buy followers at …");
        }

        await RestrictAsync(room, banned.Id!.Value, RestrictionKind.Ban);

        // A new guest account, the same browser.
        var fresh = await NewGuestAsync(browser, "Totally New");
        Assert.NotEqual(banned.Id, fresh.Id);
        await using var again = await RoomWatcher.JoinAsync(factory, room.Show, browser);
        Assert.Equal(RestrictionKind.Ban, again.LastJoin?.Restriction?.Kind);
        var sentence = await RefusedAsync(() => again.Connection.SendChatAsync(room.Show.Id, "I'm back"), ProblemCodes.Restricted);
        Assert.Contains("banned", sentence, StringComparison.Ordinal);
        await RefusedAsync(() => again.Connection.AskAsync(room.Show.Id, "Why can't I chat?"), ProblemCodes.Restricted);

        // A ban is one show's: the same browser chats in another.
        await using (var elsewhere = await RoomWatcher.JoinAsync(factory, otherShow.Show, browser))
        {
            await otherShow.ChatAsync(elsewhere.Connection, "hello other show");
        }

        // Lifting the ban lifts what it covered.
        await LiftAsync(room, banned.Id!.Value);
        Assert.Null((await again.JoinAgainAsync()).Restriction);
        await room.ChatAsync(again.Connection, "Sorry, won't happen again");
    }

    [Fact]
    public async Task BannedGuest_BackAsAGuestFromAnotherBrowserOnTheSameAddress_CannotChat_ButASignedInAccountThereCan()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Ban by address");
        var browser = Browser();
        var banned = await NewGuestAsync(browser, "Troll");
        await using (var first = await RoomWatcher.JoinAsync(factory, room.Show, browser))
        {
            await room.ChatAsync(first.Connection, "this show is rubbish");
        }

        await RestrictAsync(room, banned.Id!.Value, RestrictionKind.Timeout, 3600);

        // A new guest in a private window (another browser) on the same connection.
        var privateWindow = Browser();
        await NewGuestAsync(privateWindow, "Innocent Looking");
        await using var guestRoom = await RoomWatcher.JoinAsync(factory, room.Show, privateWindow);
        Assert.Equal(RestrictionKind.Timeout, guestRoom.LastJoin?.Restriction?.Kind);
        var sentence = await RefusedAsync(() => guestRoom.Connection.SendChatAsync(room.Show.Id, "hello again"), ProblemCodes.Restricted);
        Assert.Contains("timed out", sentence, StringComparison.Ordinal);

        // A signed-in account behind the same address (a venue's Wi-Fi) is someone else: it chats.
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var viewerRoom = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        Assert.Null(viewerRoom.LastJoin?.Restriction);
        await room.ChatAsync(viewerRoom.Connection, "Great show");

        await LiftAsync(room, banned.Id!.Value);
        await room.ChatAsync(guestRoom.Connection, "hello again");
    }

    [Fact]
    public async Task BannedAccount_SignedOutAndBackAsAGuestFromTheSameBrowser_CannotChat()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Ban follows the browser");
        var account = await factory.RegisterAsync(asHost: false, "Regular Viewer");
        account.Cookies.Add(factory.BaseAddress, new Cookie(VisitorCookie.Name, factory.VisitorCookieValue(Guid.NewGuid())));
        await using (var first = await RoomWatcher.JoinAsync(factory, room.Show, account.Cookies))
        {
            await room.ChatAsync(first.Connection, "hi");
        }

        await RestrictAsync(room, account.User.Id!.Value, RestrictionKind.Ban);

        await NewGuestAsync(account.Cookies, "Anonymous Fan");
        await using var guestRoom = await RoomWatcher.JoinAsync(factory, room.Show, account.Cookies);
        await RefusedAsync(() => guestRoom.Connection.SendChatAsync(room.Show.Id, "can't stop me"), ProblemCodes.Restricted);
    }
}
