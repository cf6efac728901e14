using System.Diagnostics;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Realtime;

/// <summary>
/// A big room (three connections here, see <see cref="BigRoomFactory"/>) sends each viewer a bounded sample of
/// the chat plus the lines meant for them; the host sees every line; and no page takes the left-out lines for a gap.
/// </summary>
public class BigRoomTests(BigRoomFactory factory) : IClassFixture<BigRoomFactory>
{
    [Fact]
    public async Task ChatBurst_BigRoomViewer_GetsHostOwnAndMentioningLinesAndASampleWithinTheBound()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Big room chat");
        var mei = await factory.GuestAsync("Mei Lin");
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show, mei.Cookies);
        await using var anonymous = await RoomWatcher.JoinAsync(factory, room.Show);
        Assert.True(anonymous.LastJoin!.Stats.ChatSampled);

        // Ten guests, three lines each (a viewer's burst), one of them naming Mei; every line carries its sender's id.
        var guests = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => factory.GuestAsync($"Guest {i}")));
        var senders = await Task.WhenAll(guests.Select(g => factory.ConnectAsync(g.Cookies)));
        var clock = Stopwatch.StartNew();
        var burst = senders.SelectMany((sender, i) => Enumerable.Range(1, 3).Select(j =>
            room.ChatAsync(sender, i == 4 && j == 2 ? "@Mei Lin is the blue one still there?" : $"guest {i} line {j}", Guid.NewGuid()))).ToList();
        var meiLineId = Guid.NewGuid();
        var meisLine = await room.ChatAsync(viewer.Connection, "Mei's own question", meiLineId);
        var hostLine = await room.ChatAsync("Welcome, everyone!");
        var others = await Task.WhenAll(burst);
        var pin = await room.PinAsync(LiveRoom.Lineup[0]);
        await viewer.WaitForSequenceAsync(pin.Sequence);
        await anonymous.WaitForSequenceAsync(pin.Sequence);
        await room.HostRoom.WaitForSequenceAsync(pin.Sequence);
        var seconds = clock.Elapsed.TotalSeconds;

        var mention = others.Single(l => l.Message.Text.StartsWith("@Mei Lin", StringComparison.Ordinal));
        var got = Chat(viewer);
        Assert.Equal(meiLineId, got[meisLine.Sequence].Message.ClientMessageId);
        Assert.Contains(hostLine.Sequence, got.Keys);
        Assert.Contains(mention.Sequence, got.Keys);
        Assert.All(got.Values.Where(l => l.Sequence != meisLine.Sequence), l => Assert.Null(l.Message.ClientMessageId));

        // The rest is a sample: a full bucket, then the rate (the host's line counts against it too).
        var bound = BigRoomFactory.LinesPerSecond * (1 + seconds);
        var sampled = got.Keys.Except([meisLine.Sequence, hostLine.Sequence, mention.Sequence]).Count();
        Assert.True(sampled <= bound, $"Mei was sent {sampled} of the guests' 29 other lines in {seconds:0.0} s; at most {bound:0.0} may reach her.");
        var anonymousGot = Chat(anonymous);
        Assert.True(anonymousGot.Count - 1 <= bound, $"An anonymous viewer was sent {anonymousGot.Count} lines in {seconds:0.0} s.");
        Assert.Contains(hostLine.Sequence, anonymousGot.Keys);
        Assert.All(anonymousGot.Values, l => Assert.Null(l.Message.ClientMessageId));

        // The host reads every line, and no one's clientMessageId but their own.
        var hostGot = Chat(room.HostRoom);
        Assert.Superset(others.Select(l => l.Sequence).Append(meisLine.Sequence).Append(hostLine.Sequence).ToHashSet(), hostGot.Keys.ToHashSet());
        Assert.All(hostGot.Values, l => Assert.Null(l.Message.ClientMessageId));

        // Left-out lines are no gap: every frame follows on from the one before, and the pages stand at the last event.
        var last = await factory.LastSequenceAsync(room.Show.Id);
        Assert.Equal(pin.Sequence, last);
        foreach (var page in new[] { viewer, anonymous, room.HostRoom })
        {
            Assert.False(page.State.NeedsResync);
            Assert.Equal(last, page.State.LastSequence);
            Assert.Equal([LiveRoom.Lineup[0]], page.State.Pinned);
            // Where the join left the page: its snapshot (shared, so possibly a little older) and the events after it.
            var join = page.LastJoin!;
            var standsAt = Math.Max(join.Snapshot?.LastSequence ?? 0, join.Missed.Count > 0 ? join.Missed[^1].Sequence : 0);
            foreach (var frame in page.RoomFrames)
            {
                Assert.True(frame.After <= standsAt, $"A frame after {frame.After} reached a page that stood at {standsAt}.");
                standsAt = Math.Max(standsAt, frame.Through);
            }
        }

        // Mei's page confirmed her own line: it is in her chat once, not left pending.
        Assert.Single(viewer.State.Chat, m => m.Id == meisLine.Message.Id);
        foreach (var sender in senders)
        {
            await sender.DisposeAsync();
        }
    }

    private static Dictionary<long, ChatPostedEvent> Chat(RoomWatcher page)
    {
        lock (page.State)
        {
            return page.Frames.SelectMany(f => f).OfType<ChatPostedEvent>().GroupBy(l => l.Sequence).ToDictionary(g => g.Key, g => g.First());
        }
    }
}
