using System.Globalization;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Video;
using LiveShop.Server.Realtime.Scaleout;
using LiveShop.Shared;
using LiveShop.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace LiveShop.Server.Tests.Features.Video;

/// <summary>
/// The camera's sessions in a real Redis, as two instances see them (issue 16): the cap holds across instances when
/// viewers on both ask at once, and an instance that dies without saying goodbye does not keep its viewers' places
/// or its camera forever.
/// </summary>
public sealed class SharedCameraSessionsTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ConnectionMultiplexer _mux = null!;

    public async Task InitializeAsync() => _mux = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);

    public async Task DisposeAsync()
    {
        await _mux.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Request_ViewersOnTwoInstancesAtOnce_TheCapHolds_RefusalsCounted()
    {
        var first = Instance(out _);
        var second = Instance(out _);
        var show = Guid.NewGuid();
        await first.StartAsync(show, "camera", cap: 5);

        var requests = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? first : second).RequestAsync(show, $"viewer-{i}").AsTask()));

        Assert.Equal(5, requests.Count(r => r.Outcome == CameraRequestOutcome.Accepted));
        Assert.Equal(35, requests.Count(r => r.Outcome == CameraRequestOutcome.CapReached));
        Assert.Equal(35, requests.Max(r => r.Viewers!.Refused));
        Assert.All(requests, r => Assert.Equal("camera", r.Host));

        // Asking again keeps one's place; leaving (through the instance the viewer is on) frees it for the next.
        var accepted = requests.Select((r, i) => (r, i)).Where(x => x.r.Outcome == CameraRequestOutcome.Accepted).Select(x => x.i).ToList();
        SharedCameraSessions On(int viewer) => viewer % 2 == 0 ? first : second;
        Assert.Equal(CameraRequestOutcome.Accepted, (await On(accepted[0]).RequestAsync(show, $"viewer-{accepted[0]}")).Outcome);
        var left = Assert.Single(await On(accepted[1]).LeaveAsync($"viewer-{accepted[1]}"));
        Assert.Equal(("camera", 4), (left.Host, left.Viewers!.DirectViewers));
        Assert.Equal(CameraRequestOutcome.Accepted, (await first.RequestAsync(show, "late")).Outcome);
    }

    [Fact]
    public async Task Request_AtTheCap_FreesThePlacesOfADeadInstancesViewers_NotOfALateOnes()
    {
        var first = Instance(out var firstName);
        var second = Instance(out var secondName);
        var show = Guid.NewGuid();
        await first.StartAsync(show, "camera", cap: 2);
        Assert.Equal(CameraRequestOutcome.Accepted, (await second.RequestAsync(show, "on-second-1")).Outcome);
        Assert.Equal(CameraRequestOutcome.Accepted, (await second.RequestAsync(show, "on-second-2")).Outcome);

        // Full while the second instance lives (it writes its numbers of the room each second).
        _clock.Advance(TimeSpan.FromSeconds(6));
        await WriteNumbersAsync(show, firstName, secondName);
        Assert.Equal(CameraRequestOutcome.CapReached, (await first.RequestAsync(show, "on-first")).Outcome);

        // Its numbers went stale 5 s ago (a late tick under load): still alive, still full.
        _clock.Advance(TimeSpan.FromSeconds(10));
        await WriteNumbersAsync(show, firstName);
        var late = await first.RequestAsync(show, "on-first");
        Assert.Equal(CameraRequestOutcome.CapReached, late.Outcome);
        Assert.Empty(late.Freed);

        // Killed: nothing written for 30 s. The next request frees both places and gets one.
        _clock.Advance(TimeSpan.FromSeconds(20));
        await WriteNumbersAsync(show, firstName);
        var freed = await first.RequestAsync(show, "on-first");
        Assert.Equal(CameraRequestOutcome.Accepted, freed.Outcome);
        Assert.Equal(["on-second-1", "on-second-2"], freed.Freed.Order());
        Assert.Equal(1, freed.Viewers!.DirectViewers);
        Assert.Null(await first.StageOfAsync(show, "on-second-1"));
    }

    [Fact]
    public async Task TheCamerasInstanceDies_TheConsoleStartsItAgainOnAnother_AndViewersReachTheNewOne()
    {
        var first = Instance(out _);
        var second = Instance(out var secondName);
        var show = Guid.NewGuid();
        await first.StartAsync(show, "camera", cap: 3);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await WriteNumbersAsync(show, secondName);   // the first (the camera's) stopped writing: killed

        // The host's console reconnects to the second instance and starts the camera there, replacing the dead one.
        var (replaced, viewers) = await second.StartAsync(show, "camera-again", cap: 3);
        Assert.Equal("camera", replaced);
        Assert.Equal(0, viewers.DirectViewers);
        var request = await second.RequestAsync(show, "viewer");
        Assert.Equal((CameraRequestOutcome.Accepted, "camera-again"), (request.Outcome, request.Host));
        Assert.Equal("camera-again", await first.CameraOfAsync(show));
    }

    [Fact]
    public async Task RedisAway_ACameraCallIsAClear503_AndLeavingDoesNotFail()
    {
        var first = Instance(out _);
        var show = Guid.NewGuid();
        await first.StartAsync(show, "camera", cap: 3);
        await first.RequestAsync(show, "viewer");
        _redis.Stop();

        var refusal = await Assert.ThrowsAsync<DomainException>(() => first.RequestAsync(show, "another").AsTask());

        Assert.Equal(ProblemCodes.CameraRelayUnavailable, refusal.Code);
        Assert.Equal(RefusalKind.Unavailable, refusal.Kind);
        Assert.Empty(await first.LeaveAsync("viewer"));
        Assert.Empty(await first.LeaveAsync("camera", show));
    }

    private SharedCameraSessions Instance(out string name)
    {
        var identity = new InstanceIdentity();
        name = identity.Name;
        return new SharedCameraSessions(_mux, identity, _clock, NullLogger<SharedCameraSessions>.Instance);
    }

    /// <summary>What <see cref="RoomViewerTotals"/> writes each second for the instances that are alive: their numbers, fresh for 5 s.</summary>
    private async Task WriteNumbersAsync(Guid show, params string[] alive)
    {
        var db = _mux.GetDatabase();
        var staleAt = (_clock.GetUtcNow() + RoomViewerTotals.Stale).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        foreach (var name in alive)
        {
            await db.HashSetAsync(RoomViewerTotals.Key(show), name, $"1|0|{staleAt}");
        }
    }
}
