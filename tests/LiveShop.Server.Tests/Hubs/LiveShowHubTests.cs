using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Hubs;

public class LiveShowHubTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task GoLive_ByHost_PushedToSignedInAndAnonymousViewers()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Pushed live");
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var signedInViewer = await RoomWatcher.JoinAsync(factory, show, viewer.Cookies);
        await using var anonymousViewer = await RoomWatcher.JoinAsync(factory, show);
        await using var hostRoom = await RoomWatcher.JoinAsync(factory, show, host.Cookies);

        var answer = await hostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id);

        Assert.Equal(ShowStatus.Live, answer.Status);
        foreach (var watcher in new[] { signedInViewer, anonymousViewer, hostRoom })
        {
            var pushed = await watcher.NextAsync<ShowStatusEvent>();
            Assert.Equal(answer, pushed);
            Assert.Equal(ShowStatus.Live, watcher.State.Status);
        }
    }

    [Fact]
    public async Task EndShow_ByHost_PushedAfterLiveInOrder()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Pushed end");
        await using var viewer = await RoomWatcher.JoinAsync(factory, show);
        await using var hostRoom = await RoomWatcher.JoinAsync(factory, show, host.Cookies);

        await hostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id);
        await hostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.EndShow), show.Id);

        var live = await viewer.NextAsync<ShowStatusEvent>();
        var ended = await viewer.NextAsync<ShowStatusEvent>();
        Assert.Equal(ShowStatus.Live, live.Status);
        Assert.Equal(ShowStatus.Ended, ended.Status);
        // Going live also told the room the lineup's stock, one event per product, right after the status.
        Assert.Equal(live.Sequence + show.Lineup.Count + 1, ended.Sequence);
        Assert.NotNull(ended.EndedAt);
    }

    [Fact]
    public async Task GoLive_RestCall_AlsoPushedToViewers()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Live from REST");
        await using var viewer = await RoomWatcher.JoinAsync(factory, show);

        (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).EnsureSuccessStatusCode();

        Assert.Equal(ShowStatus.Live, (await viewer.NextAsync<ShowStatusEvent>()).Status);
    }

    [Fact]
    public async Task JoinShow_WithoutSequence_GetsSnapshotOfCurrentState()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Joined late");
        (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).EnsureSuccessStatusCode();
        await using var connection = await factory.ConnectAsync(Visitors.NewCookies(factory));

        var join = await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), show.Id, null);

        Assert.NotNull(join.Snapshot);
        Assert.Equal(ShowStatus.Live, join.Snapshot.Status);
        Assert.Equal(1 + show.Lineup.Count, join.Snapshot.LastSequence); // the status, then the lineup's stock
        Assert.Empty(join.Missed);
        Assert.Equal(1, join.Stats.ViewersNow);
    }

    [Fact]
    public async Task JoinShow_UnknownShow_HubExceptionWithCode()
    {
        await using var connection = await factory.ConnectAsync();

        var refusal = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), Guid.NewGuid(), null));

        Assert.Contains($"[{ProblemCodes.ShowNotFound}]", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoLive_Viewer_RefusedNothingPushedStillScheduled()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Not yours");
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var viewerRoom = await RoomWatcher.JoinAsync(factory, show, viewer.Cookies);

        var refusal = await Assert.ThrowsAsync<HubException>(() => viewerRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id));

        Assert.Contains($"[{ProblemCodes.Forbidden}] Only hosts can start shows.", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ShowStatus.Scheduled, (await host.Http.GetShowAsync(show.Id)).Status);
        Assert.False(viewerRoom.HasPendingEvents);
    }

    [Fact]
    public async Task GoLive_Anonymous_RefusedAsNotSignedIn()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Anonymous tries");
        await using var anonymous = await RoomWatcher.JoinAsync(factory, show);

        var refusal = await Assert.ThrowsAsync<HubException>(() => anonymous.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id));

        Assert.Contains($"[{ProblemCodes.NotSignedIn}]", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ShowStatus.Scheduled, (await host.Http.GetShowAsync(show.Id)).Status);
    }

    [Fact]
    public async Task EndShow_OtherHost_RefusedAndStillLive()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Someone else's");
        (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).EnsureSuccessStatusCode();
        var otherHost = await factory.RegisterAsync(asHost: true, "Rival Host");
        await using var rival = await RoomWatcher.JoinAsync(factory, show, otherHost.Cookies);

        var refusal = await Assert.ThrowsAsync<HubException>(() => rival.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.EndShow), show.Id));

        Assert.Contains($"[{ProblemCodes.NotShowHost}]", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ShowStatus.Live, (await host.Http.GetShowAsync(show.Id)).Status);
    }

    [Fact]
    public async Task GoLive_EndedShow_HubExceptionSaysEnded()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Over");
        await using var hostRoom = await RoomWatcher.JoinAsync(factory, show, host.Cookies);
        await hostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id);
        await hostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.EndShow), show.Id);

        var refusal = await Assert.ThrowsAsync<HubException>(() => hostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id));

        Assert.Contains($"[{ProblemCodes.ShowEnded}]", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("cannot go live again", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeaveShow_NoMorePushes()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Left early");
        await using var leaver = await RoomWatcher.JoinAsync(factory, show);
        await using var stayer = await RoomWatcher.JoinAsync(factory, show);
        await leaver.Connection.InvokeAsync(nameof(ILiveShowHub.LeaveShow), show.Id);

        (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).EnsureSuccessStatusCode();

        await stayer.NextAsync<ShowStatusEvent>();
        Assert.False(leaver.HasPendingEvents);
    }

    [Fact]
    public async Task RoomEvents_OnlyReachThatShowsRoom()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var showA = await host.CreateShowAsync("Show A");
        var showB = await host.CreateShowAsync("Show B");
        await using var watchingA = await RoomWatcher.JoinAsync(factory, showA);
        await using var watchingB = await RoomWatcher.JoinAsync(factory, showB);

        (await host.Http.PostAsync(ApiRoutes.GoLive(showB.Id), null)).EnsureSuccessStatusCode();

        await watchingB.NextAsync<ShowStatusEvent>();
        Assert.False(watchingA.HasPendingEvents);
    }
}
