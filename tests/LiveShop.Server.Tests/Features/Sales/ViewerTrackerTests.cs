using System.Security.Cryptography;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Sales;
using LiveShop.Server.Features.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LiveShop.Server.Tests.Features.Sales;

/// <summary>The viewer tracker notes people only, once each, and holds (almost) nothing once a show's viewers are stored.</summary>
public class ViewerTrackerTests
{
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>The server's identity keys, as a request sees them: the visitor cookie is read through them.</summary>
    private static readonly IServiceProvider Services = new ServiceCollection().AddSingleton(new IdentityKeys(RandomNumberGenerator.GetBytes(32))).BuildServiceProvider();

    private static IdentityKeys Keys => Services.GetRequiredService<IdentityKeys>();

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
    public void Seen_UnsignedOrForgedVisitorCookies_AreNotQueued()
    {
        var tracker = new ViewerTracker(_clock);
        var visitor = Guid.NewGuid();
        var otherTag = Keys.SignVisitor(Guid.NewGuid())[32..];

        // A bare id (as the cookie used to be), a real id with another id's tag, and one signed by another secret.
        tracker.Seen(_show, null, JoinWithCookie(visitor.ToString("N"), Chrome));
        tracker.Seen(_show, null, JoinWithCookie(visitor.ToString("N") + otherTag, Chrome));
        tracker.Seen(_show, null, JoinWithCookie(new IdentityKeys(RandomNumberGenerator.GetBytes(32)).SignVisitor(visitor), Chrome));
        Assert.Empty(tracker.Drain(100));

        tracker.Seen(_show, null, Join(visitor, Chrome));
        Assert.Equal(new ViewerIdentity(null, visitor), Assert.Single(tracker.Drain(100)).Viewer);
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

    private static DefaultHttpContext Join(Guid? visitor, string? userAgent) =>
        JoinWithCookie(visitor is { } id ? Keys.SignVisitor(id) : null, userAgent);

    private static DefaultHttpContext JoinWithCookie(string? visitorCookie, string? userAgent)
    {
        var http = new DefaultHttpContext { RequestServices = Services };
        if (visitorCookie is not null)
        {
            http.Request.Headers.Cookie = $"{VisitorCookie.Name}={visitorCookie}";
        }

        if (userAgent is not null)
        {
            http.Request.Headers.UserAgent = userAgent;
        }

        return http;
    }
}
