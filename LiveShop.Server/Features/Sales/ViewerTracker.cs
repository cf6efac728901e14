using System.Collections.Concurrent;

namespace LiveShop.Server.Features.Sales;

/// <summary>
/// Who joined a show's room: the signed-in user (if any) and the browser's visitor id (if it has
/// the cookie); the connection only when it has neither.
/// </summary>
public readonly record struct ViewerIdentity(Guid? UserId, Guid? VisitorId, string ConnectionId)
{
    /// <summary>
    /// One record per (user, browser) pair, so a browser seen both anonymous and signed in leaves both
    /// facts: the user id (32 hex digits), <c>v:</c> and the visitor id, both ids (64 hex digits), or
    /// <c>c:</c> and the connection. The first three are the forms stored before the ids had columns.
    /// </summary>
    public string Key => (UserId, VisitorId) switch
    {
        (null, null) => "c:" + ConnectionId,
        ({ } user, null) => user.ToString("N"),
        (null, { } visitor) => "v:" + visitor.ToString("N"),
        ({ } user, { } visitor) => user.ToString("N") + visitor.ToString("N"),
    };
}

/// <summary>
/// Who has watched each show, for "unique viewers" and conversion (see <see cref="SalesQueries"/> for
/// how the records are counted). Joins are noted in memory and stored in batches by
/// <see cref="SalesPulse"/>, so a wave of joins costs one insert per new viewer, not per join.
/// </summary>
public sealed class ViewerTracker
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, byte>> _seen = new();
    private readonly ConcurrentQueue<(Guid ShowId, ViewerIdentity Viewer)> _pending = new();

    public void Seen(Guid showId, ViewerIdentity viewer)
    {
        if (_seen.GetOrAdd(showId, _ => new()).TryAdd(viewer.Key, 0))
        {
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
        }

        return batch;
    }
}
