using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Sales;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace LiveShop.Server.Tests.Features.Sales;

/// <summary>The viewer tracker notes people only, once each, and holds (almost) nothing once a show's viewers are stored.</summary>
public class ViewerTrackerTests
{
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly Guid _show = Guid.NewGuid();

    [Fact]
    public void Seen_BareConnectionsAndCrawlers_AreNotQueued_APageVisitorIs()
    {
        var tracker = new ViewerTracker(_clock);

        tracker.Seen(_show, null, Join(visitor: null, Chrome));
        tracker.Seen(_show, null, Join(Guid.NewGuid(), "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"));
        tracker.Seen(_show, null, Join(Guid.NewGuid(), "curl/8.5.0"));
        tracker.Seen(_show, Guid.NewGuid(), Join(Guid.NewGuid(), userAgent: null));
        var visitor = Guid.NewGuid();
        tracker.Seen(_show, null, Join(visitor, Chrome));
        tracker.Seen(_show, null, Join(visitor, Chrome));

        var queued = Assert.Single(tracker.Drain(100));
        Assert.Equal(new ViewerIdentity(null, visitor), queued.Viewer);
    }

    [Fact]
    public void Prune_AfterManyGuestsOfAnIdleShowAreStored_HoldsNothing()
    {
        var tracker = new ViewerTracker(_clock);
        for (var i = 0; i < 20_000; i++)
        {
            tracker.Seen(_show, new ViewerIdentity(Guid.NewGuid(), Guid.NewGuid()));
        }

        // Not stored yet: nothing is forgotten, however idle.
        _clock.Advance(ViewerTracker.IdleAfter + TimeSpan.FromMinutes(1));
        Assert.Equal(0, tracker.Prune(new HashSet<Guid>()));
        Assert.Equal(20_000, tracker.Held);

        var drained = 0;
        while (tracker.Drain(2000) is { Count: > 0 } batch)
        {
            drained += batch.Count;
        }

        Assert.Equal(20_000, drained);
        Assert.Equal(1, tracker.Prune(new HashSet<Guid>()));
        Assert.Equal(0, tracker.Held);
        Assert.Empty(tracker.Shows);
    }

    [Fact]
    public void Prune_KeepsALiveShowsViewers_UntilItEndsOrGoesIdle()
    {
        var tracker = new ViewerTracker(_clock);
        var viewer = new ViewerIdentity(Guid.NewGuid(), null);
        tracker.Seen(_show, viewer);
        tracker.Drain(10);

        _clock.Advance(ViewerTracker.IdleAfter / 2);
        Assert.Equal(0, tracker.Prune(new HashSet<Guid>()));

        // Still remembered: a second join of the same viewer queues nothing.
        tracker.Seen(_show, viewer);
        Assert.Empty(tracker.Drain(10));

        Assert.Equal(1, tracker.Prune(new HashSet<Guid> { _show }));
        Assert.Equal(0, tracker.Held);

        // Forgotten: the viewer is queued again (the stored rows' key keeps it from counting twice).
        tracker.Seen(_show, viewer);
        Assert.Single(tracker.Drain(10));
    }

    [Fact]
    public void Seen_AFloodOfDistinctVisitorsToALiveShow_StaysBounded()
    {
        var tracker = new ViewerTracker(_clock);
        for (var i = 0; i < ViewerTracker.MaxKeysPerShow * 2 + 10; i++)
        {
            tracker.Seen(_show, new ViewerIdentity(null, Guid.NewGuid()));
        }

        Assert.InRange(tracker.Held, 1, ViewerTracker.MaxKeysPerShow);
        Assert.Equal(ViewerTracker.MaxKeysPerShow * 2 + 10, tracker.Drain(int.MaxValue).Count);
    }

    private static DefaultHttpContext Join(Guid? visitor, string? userAgent)
    {
        var http = new DefaultHttpContext();
        if (visitor is { } id)
        {
            http.Request.Headers.Cookie = $"{VisitorCookie.Name}={id:N}";
        }

        if (userAgent is not null)
        {
            http.Request.Headers.UserAgent = userAgent;
        }

        return http;
    }
}
