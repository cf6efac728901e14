using System.Net.Http.Json;
using System.Threading.Channels;
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
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(5);

    /// <summary>A connection joined to a show, with the pushes it receives.</summary>
    private sealed class Watcher : IAsyncDisposable
    {
        private readonly Channel<ShowStatusChangedDto> _pushes = Channel.CreateUnbounded<ShowStatusChangedDto>();

        public Watcher(HubConnection connection)
        {
            Connection = connection;
            connection.On<ShowStatusChangedDto>(nameof(ILiveShowClient.ShowStatusChanged), change => _pushes.Writer.TryWrite(change));
        }

        public HubConnection Connection { get; }

        public async Task<ShowStatusChangedDto> NextAsync()
        {
            using var timeout = new CancellationTokenSource(Within);
            return await _pushes.Reader.ReadAsync(timeout.Token);
        }

        public bool HasMore => _pushes.Reader.TryPeek(out _);

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    private async Task<Watcher> WatchAsync(Guid showId, SignedIn? user = null)
    {
        var watcher = new Watcher(await factory.ConnectAsync(user?.Cookies));
        var joined = await watcher.Connection.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.JoinShow), showId);
        Assert.Equal(showId, joined.ShowId);
        return watcher;
    }

    [Fact]
    public async Task GoLive_ByHost_PushedToSignedInAndAnonymousViewers()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Pushed live");
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var signedInViewer = await WatchAsync(show.Id, viewer);
        await using var anonymousViewer = await WatchAsync(show.Id);
        await using var hostConnection = await WatchAsync(show.Id, host);

        var answer = await hostConnection.Connection.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.GoLive), show.Id);

        Assert.Equal(ShowStatus.Live, answer.Status);
        foreach (var watcher in new[] { signedInViewer, anonymousViewer, hostConnection })
        {
            var pushed = await watcher.NextAsync();
            Assert.Equal(show.Id, pushed.ShowId);
            Assert.Equal(ShowStatus.Live, pushed.Status);
            Assert.Equal(answer.WentLiveAt, pushed.WentLiveAt);
        }
    }

    [Fact]
    public async Task EndShow_ByHost_PushedAfterLiveInOrder()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Pushed end");
        await using var viewer = await WatchAsync(show.Id);
        await using var hostConnection = await WatchAsync(show.Id, host);

        await hostConnection.Connection.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.GoLive), show.Id);
        await hostConnection.Connection.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.EndShow), show.Id);

        Assert.Equal(ShowStatus.Live, (await viewer.NextAsync()).Status);
        var ended = await viewer.NextAsync();
        Assert.Equal(ShowStatus.Ended, ended.Status);
        Assert.NotNull(ended.EndedAt);
    }

    [Fact]
    public async Task GoLive_RestCall_AlsoPushedToViewers()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Live from REST");
        await using var viewer = await WatchAsync(show.Id);

        (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).EnsureSuccessStatusCode();

        Assert.Equal(ShowStatus.Live, (await viewer.NextAsync()).Status);
    }

    [Fact]
    public async Task JoinShow_ReturnsCurrentStatus()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Joined late");
        (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).EnsureSuccessStatusCode();
        await using var connection = await factory.ConnectAsync();

        var current = await connection.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.JoinShow), show.Id);

        Assert.Equal(ShowStatus.Live, current.Status);
        Assert.NotNull(current.WentLiveAt);
    }

    [Fact]
    public async Task JoinShow_UnknownShow_HubExceptionWithCode()
    {
        await using var connection = await factory.ConnectAsync();

        var refusal = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.JoinShow), Guid.NewGuid()));

        Assert.Contains($"[{ProblemCodes.ShowNotFound}]", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoLive_Viewer_RefusedNothingPushedStillScheduled()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Not yours");
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var viewerConnection = await WatchAsync(show.Id, viewer);

        var refusal = await Assert.ThrowsAsync<HubException>(() => viewerConnection.Connection.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.GoLive), show.Id));

        Assert.Contains($"[{ProblemCodes.Forbidden}] Only hosts can start shows.", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ShowStatus.Scheduled, (await host.Http.GetShowAsync(show.Id)).Status);
        Assert.False(viewerConnection.HasMore);
    }

    [Fact]
    public async Task GoLive_Anonymous_RefusedAsNotSignedIn()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Anonymous tries");
        await using var anonymous = await WatchAsync(show.Id);

        var refusal = await Assert.ThrowsAsync<HubException>(() => anonymous.Connection.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.GoLive), show.Id));

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
        await using var rival = await WatchAsync(show.Id, otherHost);

        var refusal = await Assert.ThrowsAsync<HubException>(() => rival.Connection.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.EndShow), show.Id));

        Assert.Contains($"[{ProblemCodes.NotShowHost}]", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ShowStatus.Live, (await host.Http.GetShowAsync(show.Id)).Status);
    }

    [Fact]
    public async Task GoLive_EndedShow_HubExceptionSaysEnded()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Over");
        await using var hostConnection = await WatchAsync(show.Id, host);
        await hostConnection.Connection.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.GoLive), show.Id);
        await hostConnection.Connection.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.EndShow), show.Id);

        var refusal = await Assert.ThrowsAsync<HubException>(() => hostConnection.Connection.InvokeAsync<ShowStatusChangedDto>(nameof(ILiveShowHub.GoLive), show.Id));

        Assert.Contains($"[{ProblemCodes.ShowEnded}]", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("cannot go live again", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeaveShow_NoMorePushes()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Left early");
        await using var leaver = await WatchAsync(show.Id);
        await using var stayer = await WatchAsync(show.Id);
        await leaver.Connection.InvokeAsync(nameof(ILiveShowHub.LeaveShow), show.Id);

        (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).EnsureSuccessStatusCode();

        Assert.Equal(ShowStatus.Live, (await stayer.NextAsync()).Status);
        Assert.False(leaver.HasMore);
    }

    [Fact]
    public async Task StatusPush_OnlyReachesThatShowsGroup()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var showA = await host.CreateShowAsync("Show A");
        var showB = await host.CreateShowAsync("Show B");
        await using var watchingA = await WatchAsync(showA.Id);
        await using var watchingB = await WatchAsync(showB.Id);

        (await host.Http.PostAsync(ApiRoutes.GoLive(showB.Id), null)).EnsureSuccessStatusCode();

        Assert.Equal(showB.Id, (await watchingB.NextAsync()).ShowId);
        Assert.False(watchingA.HasMore);
    }
}
