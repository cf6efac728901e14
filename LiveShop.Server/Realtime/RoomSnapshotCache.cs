using System.Collections.Concurrent;
using LiveShop.Server.Data;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Realtime;

/// <summary>A show's snapshot and stored counters as read at one moment, shared by the pages that join soon after.</summary>
public sealed record SharedSnapshot(RoomSnapshot Snapshot, int StoredPeakViewers, long StoredReactionTotal, DateTimeOffset ReadAt);

/// <summary>
/// One snapshot per show for a burst of joins: built once (by one caller; the others await the same
/// build) and reused while younger than <see cref="RoomOptions.SnapshotMaxAgeMilliseconds"/>. A joining page
/// gets it plus the events stored after it, so what it sees is as new as a snapshot of its own
/// (see <see cref="RoomQueries.CatchUpAsync"/>). Entries of shows nobody joins for a minute are dropped.
/// </summary>
public sealed class RoomSnapshotCache(IServiceScopeFactory scopes, IOptions<RoomOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, Lazy<Task<SharedSnapshot>>> _entries = new();

    /// <summary>Snapshots built so far (for tests and diagnostics).</summary>
    internal int Builds;

    public async Task<SharedSnapshot> GetAsync(Guid showId, CancellationToken cancellationToken = default)
    {
        var maxAge = TimeSpan.FromMilliseconds(options.Value.SnapshotMaxAgeMilliseconds);
        while (true)
        {
            var entry = _entries.GetOrAdd(showId, id => new Lazy<Task<SharedSnapshot>>(() => BuildAsync(id)));
            SharedSnapshot shared;
            try
            {
                shared = await entry.Value.WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed build (no such show, a database fault) is not kept: the next caller tries again.
                _entries.TryRemove(new KeyValuePair<Guid, Lazy<Task<SharedSnapshot>>>(showId, entry));
                throw;
            }

            if (clock.GetUtcNow() - shared.ReadAt <= maxAge)
            {
                Sweep();
                return shared;
            }

            _entries.TryRemove(new KeyValuePair<Guid, Lazy<Task<SharedSnapshot>>>(showId, entry));
        }
    }

    private async Task<SharedSnapshot> BuildAsync(Guid showId)
    {
        Interlocked.Increment(ref Builds);
        var readAt = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        // Built for everyone waiting: no one caller's cancellation may fail it for the others.
        var snapshot = await scope.ServiceProvider.GetRequiredService<IRoomSnapshotSource>().SnapshotAsync(showId, CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        var stored = await db.Shows.AsNoTracking().Where(s => s.Id == showId)
            .Select(s => new { s.PeakViewers, s.ReactionTotal })
            .SingleAsync(CancellationToken.None);
        return new SharedSnapshot(snapshot, stored.PeakViewers, stored.ReactionTotal, readAt);
    }

    private void Sweep()
    {
        if (_entries.Count < 64)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var (showId, entry) in _entries)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && now - entry.Value.Result.ReadAt > Idle)
            {
                _entries.TryRemove(new KeyValuePair<Guid, Lazy<Task<SharedSnapshot>>>(showId, entry));
            }
        }
    }
}
