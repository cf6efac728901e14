using System.Collections.Concurrent;
using LiveShop.Server.Features.Attribution;

namespace LiveShop.Server.Features.Sales;

/// <summary>
/// Who joined a show's room: the signed-in user (if any) and the browser's visitor id (if it has the
/// cookie). A join with neither is a bare connection, not a viewer, and has no identity (see <see cref="Of"/>).
/// </summary>
public readonly record struct ViewerIdentity(Guid? UserId, Guid? VisitorId)
{
    /// <summary>
    /// One record per (user, browser) pair, so a browser seen both anonymous and signed in leaves both
    /// facts: the user id (32 hex digits), <c>v:</c> and the visitor id, or both ids (64 hex digits).
    /// The first two are the forms stored before the ids had columns; rows keyed <c>c:</c> and a
    /// connection id were bare connections, no longer recorded nor counted.
    /// </summary>
    public string Key => (UserId, VisitorId) switch
    {
        ({ } user, null) => user.ToString("N"),
        (null, { } visitor) => "v:" + visitor.ToString("N"),
        ({ } user, { } visitor) => user.ToString("N") + visitor.ToString("N"),
        (null, null) => throw new InvalidOperationException("A join with neither a user nor a visitor id is not a viewer."),
    };

    /// <summary>
    /// The viewer behind a hub join, or null when it is not one: a connection with neither a user nor
    /// the visitor cookie (it never loaded a page), or a known crawler or an empty User-Agent
    /// (<see cref="CrawlerAgents"/>).
    /// </summary>
    public static ViewerIdentity? Of(Guid? userId, HttpContext? http)
    {
        var visitorId = VisitorCookie.Read(http);
        return (userId is null && visitorId is null) || CrawlerAgents.IsCrawler(http) ? null : new ViewerIdentity(userId, visitorId);
    }
}

/// <summary>
/// Who has watched each show, for "unique viewers" and conversion (see <see cref="SalesQueries"/> for
/// how the records are counted). Joins are noted in memory and stored in batches by
/// <see cref="SalesPulse"/>, so a wave of joins costs one insert per new viewer, not per join.
/// <para>
/// Memory is bounded: a show's set of keys already seen is dropped once nothing of it waits to be
/// stored and the show has ended or seen no join for <see cref="IdleAfter"/> (<see cref="Prune"/>),
/// and a set that reaches <see cref="MaxKeysPerShow"/> starts over. Either way a viewer seen again is
/// queued again and the pulse finds its row already stored (the table's key is show + viewer key), so
/// nothing counts twice; forgetting only costs a lookup.
/// </para>
/// </summary>
public sealed class ViewerTracker(TimeProvider clock)
{
    /// <summary>A show with no join for this long is forgotten (its viewers are stored).</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(10);

    /// <summary>The most keys remembered for one show; past it the show's set starts over.</summary>
    public const int MaxKeysPerShow = 50_000;

    private readonly ConcurrentDictionary<Guid, ShowSeen> _seen = new();
    private readonly ConcurrentQueue<(Guid ShowId, ViewerIdentity Viewer)> _pending = new();

    /// <summary>Keys remembered across all shows (what this tracker holds in memory besides the queue).</summary>
    public int Held => _seen.Values.Sum(s => s.Keys.Count);

    /// <summary>The shows with a set in memory.</summary>
    public ICollection<Guid> Shows => _seen.Keys;

    /// <summary>Notes a hub join; bare connections and crawlers are not viewers and are ignored (<see cref="ViewerIdentity.Of"/>).</summary>
    public void Seen(Guid showId, Guid? userId, HttpContext? http)
    {
        if (ViewerIdentity.Of(userId, http) is { } viewer)
        {
            Seen(showId, viewer);
        }
    }

    public void Seen(Guid showId, ViewerIdentity viewer)
    {
        var show = _seen.GetOrAdd(showId, _ => new ShowSeen());
        show.LastJoin = clock.GetUtcNow().UtcTicks;
        if (show.Keys.Count >= MaxKeysPerShow)
        {
            show.Keys.Clear();
        }

        if (show.Keys.TryAdd(viewer.Key, 0))
        {
            Interlocked.Increment(ref show.Pending);
            _pending.Enqueue((showId, viewer));
        }
    }

    /// <summary>Takes the viewers not yet stored (at most <paramref name="max"/>).</summary>
    public IReadOnlyList<(Guid ShowId, ViewerIdentity Viewer)> Drain(int max)
    {
        var batch = new List<(Guid, ViewerIdentity)>();
        while (batch.Count < max && _pending.TryDequeue(out var next))
        {
            batch.Add(next);
            if (_seen.TryGetValue(next.ShowId, out var show))
            {
                Interlocked.Decrement(ref show.Pending);
            }
        }

        return batch;
    }

    /// <summary>
    /// Forgets the shows whose viewers are all drained (call it after the drained batch was stored) and
    /// that have ended or been idle for <see cref="IdleAfter"/>. A join racing with this lands in a set
    /// that is being dropped; its viewer is queued all the same, so nothing is lost.
    /// </summary>
    public int Prune(IReadOnlySet<Guid> ended)
    {
        var idleSince = (clock.GetUtcNow() - IdleAfter).UtcTicks;
        var dropped = 0;
        foreach (var (showId, show) in _seen)
        {
            if (Volatile.Read(ref show.Pending) <= 0 && (ended.Contains(showId) || Interlocked.Read(ref show.LastJoin) < idleSince)
                && _seen.TryRemove(new(showId, show)))
            {
                dropped++;
            }
        }

        return dropped;
    }

    private sealed class ShowSeen
    {
        public readonly ConcurrentDictionary<string, byte> Keys = new();
        public int Pending;
        public long LastJoin;
    }
}
