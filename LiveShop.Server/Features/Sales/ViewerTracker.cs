using System.Collections.Concurrent;

namespace LiveShop.Server.Features.Sales;

/// <summary>
/// Who has watched each show (a user id, or the browser's visitor id, or at worst the connection),
/// for "unique viewers" and conversion. Joins are noted in memory and stored in batches by
/// <see cref="SalesPulse"/>, so a wave of joins costs one insert per new viewer, not per join.
/// </summary>
public sealed class ViewerTracker
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, byte>> _seen = new();
    private readonly ConcurrentQueue<(Guid ShowId, string Key)> _pending = new();

    public void Seen(Guid showId, string viewerKey)
    {
        if (_seen.GetOrAdd(showId, _ => new()).TryAdd(viewerKey, 0))
        {
            _pending.Enqueue((showId, viewerKey));
        }
    }

    /// <summary>Takes the viewers not yet stored (at most <paramref name="max"/>).</summary>
    public IReadOnlyList<(Guid ShowId, string Key)> Drain(int max)
    {
        var batch = new List<(Guid, string)>();
        while (batch.Count < max && _pending.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        return batch;
    }
}
