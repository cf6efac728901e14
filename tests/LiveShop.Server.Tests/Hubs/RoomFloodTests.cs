using LiveShop.Server.Features.Live;
using LiveShop.Server.Realtime;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Server.Tests.Hubs;

/// <summary>What an anonymous flood leaves behind in the live room: nothing for unknown shows, no errors in the log, honest counts.</summary>
public sealed class RoomFloodTests(LogCapturingFactory factory) : IClassFixture<LogCapturingFactory>
{
    private RoomPresence Presence => factory.Services.GetRequiredService<RoomPresence>();

    private RoomSequencer Sequencer => factory.Services.GetRequiredService<RoomSequencer>();

    private RoomActivity Activity => factory.Services.GetRequiredService<RoomActivity>();

    [Fact]
    public async Task UnknownShowIds_JoinChatAskReact_CreateNothing()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var guest = await factory.GuestAsync("Flooder");
        await using var connection = await factory.ConnectAsync(guest.Cookies);
        var before = (Presence.RoomCount, Presence.ConnectionCount, Sequencer.OpenLocks, Sequencer.CachedShows, Activity.EntryCount);

        for (var i = 0; i < 200; i++)
        {
            var id = Guid.NewGuid();
            await AssertRefusedAsync(() => connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), id, null), ProblemCodes.ShowNotFound);
            await AssertRefusedAsync(() => connection.InvokeAsync<SendChatResult>(nameof(ILiveShowHub.SendChat), id, new SendChatRequest("hi", null)), ProblemCodes.ShowNotFound);
            await AssertRefusedAsync(() => connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.AskQuestion), id, new AskQuestionRequest("why?")), ProblemCodes.ShowNotFound);
            await AssertRefusedAsync(() => connection.InvokeAsync(nameof(ILiveShowHub.React), id), ProblemCodes.ShowNotFound);
        }

        // Nothing grew (the stats loop may meanwhile drop rooms an earlier test left empty, so counts can only fall).
        var after = (Presence.RoomCount, Presence.ConnectionCount, Sequencer.OpenLocks, Sequencer.CachedShows, Activity.EntryCount);
        Assert.True(after.RoomCount <= before.RoomCount && after.ConnectionCount <= before.ConnectionCount && after.OpenLocks <= before.OpenLocks
            && after.CachedShows <= before.CachedShows && after.EntryCount <= before.EntryCount, $"Before {before}, after {after}.");
        // The real room still works for the same connection.
        var join = await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), room.Show.Id, null);
        Assert.Equal(room.Show.Id, join.ShowId);
    }

    [Fact]
    public async Task RoomLocks_AfterWritesFinish_AreGone()
    {
        await using var room = await LiveRoom.StartAsync(factory);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => room.ChatAsync($"Hello {i}")));

        Assert.Equal(0, Sequencer.OpenLocks);
    }

    [Fact]
    public async Task StatsRound_WithUnknownShowsInPresence_OtherShowStillCountedAndUnknownDropped()
    {
        // Ids the hub would refuse, put straight into presence: the stats loop must neither fail on them nor keep them.
        var unknown = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in unknown)
        {
            Presence.Join(id, "ghost-" + id.ToString("N"), RoomPresence.PersonKey(null, id));
        }

        await using var room = await LiveRoom.StartAsync(factory);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show, Visitors.NewCookies(factory));

        var stats = await room.HostRoom.StatsAsync(s => s.ViewersNow == 2);

        Assert.Equal(2, stats.PeakViewers);
        Assert.Empty(Presence.Shows.Intersect(unknown));
    }

    [Fact]
    public async Task Refusals_ThousandAnonymous_LogNoErrorAndNoStackTrace()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await using var anonymous = await factory.ConnectAsync();
        var logged = factory.Logs.Lines.Count;

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => i % 2 == 0
            ? AssertRefusedAsync(() => anonymous.InvokeAsync<SendChatResult>(nameof(ILiveShowHub.SendChat), room.Show.Id, new SendChatRequest("spam", null)), ProblemCodes.NotSignedIn)
            : AssertRefusedAsync(() => anonymous.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), Guid.NewGuid(), null), ProblemCodes.ShowNotFound)));

        var written = factory.Logs.Lines.Skip(logged).ToList();
        Assert.DoesNotContain(written, l => l.Level >= LogLevel.Error);
        Assert.DoesNotContain(written, l => l.Exception is not null);
    }

    [Fact]
    public async Task ViewersNow_OnePersonManyTabsAndBareConnections_CountsPeopleOnly()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var visitor = Visitors.NewCookies(factory);
        var guest = await factory.GuestAsync("Two phones");
        await using var tab1 = await RoomWatcher.JoinAsync(factory, room.Show, visitor);
        await using var tab2 = await RoomWatcher.JoinAsync(factory, room.Show, visitor);
        await using var tab3 = await RoomWatcher.JoinAsync(factory, room.Show, visitor);
        await using var phone1 = await RoomWatcher.JoinAsync(factory, room.Show, guest.Cookies);
        await using var phone2 = await RoomWatcher.JoinAsync(factory, room.Show, guest.Cookies);
        await using var bare1 = await RoomWatcher.JoinAsync(factory, room.Show);
        await using var bare2 = await RoomWatcher.JoinAsync(factory, room.Show);

        // The host, the visitor's browser and the guest: three people, eight connections.
        var stats = await room.HostRoom.StatsAsync(s => s.ViewersNow == 3);
        Assert.Equal(3, Presence.Count(room.Show.Id));
        Assert.Equal(3, stats.PeakViewers);

        await tab1.DisposeAsync();
        await tab2.DisposeAsync();
        await phone1.DisposeAsync();
        await Task.Delay(RoomStatsPublisher.Interval * 2);
        Assert.Equal(3, Presence.Count(room.Show.Id));

        await tab3.DisposeAsync();
        var fewer = await room.HostRoom.StatsAsync(s => s.ViewersNow == 2);
        Assert.Equal(3, fewer.PeakViewers);
    }

    private static async Task AssertRefusedAsync(Func<Task> call, string code)
    {
        var refusal = await Assert.ThrowsAsync<HubException>(call);
        Assert.Contains($"[{code}]", refusal.Message, StringComparison.Ordinal);
    }
}
