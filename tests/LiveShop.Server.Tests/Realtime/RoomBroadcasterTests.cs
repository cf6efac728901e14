using LiveShop.Server.Realtime;
using LiveShop.Shared.Realtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Tests.Realtime;

/// <summary>The broadcaster's own memory: what it keeps per show must not outlive the show's audience.</summary>
public class RoomBroadcasterTests
{
    [Fact]
    public void Flush_EventsOfShowsNobodyWatches_KeepsNothingForThem()
    {
        var members = new RoomMembers(new RoomConnections());
        var broadcaster = new RoomBroadcaster(members, Options.Create(new RoomOptions()), NullLogger<RoomBroadcaster>.Instance);
        var watched = Guid.NewGuid();
        members.Join(watched, "page-1", null, null, seesAllChat: false);

        // A thousand live shows get a stock change each; one of them has a page in its room.
        foreach (var showId in Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).Append(watched))
        {
            broadcaster.Enqueue(showId, [new PinsChangedEvent(7, DateTimeOffset.UtcNow, Guid.NewGuid(), true, [])]);
        }

        broadcaster.Flush();
        Assert.Equal(1, broadcaster.ShowsTracked);

        // The page leaves: the show's next event forgets it too.
        members.Leave(watched, "page-1");
        broadcaster.Enqueue(watched, [new PinsChangedEvent(8, DateTimeOffset.UtcNow, Guid.NewGuid(), false, [])]);
        broadcaster.Flush();
        Assert.Equal(0, broadcaster.ShowsTracked);
    }
}
