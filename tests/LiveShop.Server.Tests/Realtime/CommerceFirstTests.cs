using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Tests.Realtime;

/// <summary>
/// Chat waits out the frame window (a whole minute on this server, see <see cref="SlowChatWindowFactory"/>);
/// a pin, a flash price or any other commerce event does not: it leaves at once, carrying the chat queued before it.
/// </summary>
public class CommerceFirstTests(SlowChatWindowFactory factory) : IClassFixture<SlowChatWindowFactory>
{
    [Fact]
    public async Task PinAndFlashPrice_AfterAQueuedChatBacklog_ReachTheViewerWithoutWaitingTheChatWindow()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Commerce first");
        var guest = await factory.GuestAsync("Backlog viewer");
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show, guest.Cookies);

        // Going live opened a chat window of a minute: these lines are stored (acknowledged) and wait in it.
        List<ChatPostedEvent> backlog = [];
        for (var i = 1; i <= 12; i++)
        {
            backlog.Add(await room.ChatAsync($"backlog line {i}"));
        }

        var pin = await room.PinAsync(LiveRoom.Lineup[2]);

        // The viewer's patience is 10 s, the chat window 60 s: the pin did not wait for it.
        var pushedPin = await viewer.NextAsync<PinsChangedEvent>(p => p.Sequence == pin.Sequence);
        Assert.Equal([LiveRoom.Lineup[2]], pushedPin.Pinned);

        // Every line queued before the pin reached the viewer no later than the pin, in order; the ones the window
        // held (all but the first, which found the loop idle) rode out in the pin's own frame.
        List<RoomFrame> frames;
        lock (viewer.State)
        {
            frames = [.. viewer.RoomFrames];
        }

        var pinFrame = frames.FindIndex(f => f.Events.Any(e => e.Sequence == pin.Sequence));
        var upToPin = frames.Take(pinFrame + 1).SelectMany(f => f.Events).Select(e => e.Sequence).ToList();
        Assert.Superset(backlog.Select(l => l.Sequence).ToHashSet(), upToPin.ToHashSet());
        Assert.Equal(upToPin.Order(), upToPin);
        Assert.Equal(backlog.Skip(1).Select(l => l.Sequence).Append(pin.Sequence), frames[pinFrame].Events.Select(e => e.Sequence).Where(s => s > backlog[0].Sequence));
        Assert.False(viewer.State.NeedsResync);
        Assert.Equal(pin.Sequence, viewer.State.LastSequence);

        // The same again for a flash price: the window the pin's frame opened does not hold it either.
        var more = await room.ChatAsync("one more line");
        var sale = await room.StartSaleAsync(LiveRoom.Lineup[2], 1500m);
        await viewer.NextAsync<FlashSaleStartedEvent>(s => s.Sequence == sale.Sequence);
        Assert.Equal(1500m, viewer.State.Sales[LiveRoom.Lineup[2]].Price);
        Assert.Contains(viewer.State.Chat, m => m.Id == more.Message.Id);
    }
}
