using System.Collections.Concurrent;
using LiveShop.Server.Data;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Realtime;

/// <summary>A show's snapshot and stored counters as read at one moment, shared by the pages that join soon after.</summary>
public sealed record SharedSnapshot(RoomSnapshot Snapshot, int StoredPeakViewers, long StoredReactionTotal, DateTimeOffset ReadAt, long Generation);

/// <summary>
/// One snapshot per show for a burst of joins: built once (by one caller; the others await the same
/// build) and reused while younger than <see cref="RoomOptions.SnapshotMaxAgeMilliseconds"/>. A joining page
/// gets it plus the events stored after it, so what it sees is as new as a snapshot of its own
/// (see <see cref="RoomQueries.CatchUpAsync"/>). Only a big room's chat makes a shared snapshot older than
/// the room: any other committed event (a pin, a price, stock, a deleted line — whose text must never be
/// sent again) drops it, and a snapshot being built while one commits is not shared. Entries of shows nobody joins for a
/// minute are dropped.
/// </summary>
public sealed class RoomSnapshotCache(IServiceScopeFactory scopes, RoomMembers members, IOptions<RoomOptions> options) : IRoomObserver
{
    /// <summary>A cache's age is real time, whatever clock the shop's business runs on (tests fake that one).</summary>
    private static readonly TimeProvider Clock = TimeProvider.System;

    private readonly ConcurrentDictionary<Guid, long> _generations = new();

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

            if (Clock.GetUtcNow() - shared.ReadAt <= maxAge && shared.Generation == _generations.GetValueOrDefault(showId))
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
        var readAt = Clock.GetUtcNow();
        var generation = _generations.GetValueOrDefault(showId);
        await using var scope = scopes.CreateAsyncScope();
        // Built for everyone waiting: no one caller's cancellation may fail it for the others.
        var snapshot = await scope.ServiceProvider.GetRequiredService<IRoomSnapshotSource>().SnapshotAsync(showId, CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        var stored = await db.Shows.AsNoTracking().Where(s => s.Id == showId)
            .Select(s => new { s.PeakViewers, s.ReactionTotal })
            .SingleAsync(CancellationToken.None);
        return new SharedSnapshot(snapshot, stored.PeakViewers, stored.ReactionTotal, readAt, generation);
    }

    public void Observe(Guid showId, IReadOnlyList<RoomEvent> events)
    {
        if (events.Any(e => e is ProductStockEvent))
        {
            // Stock is the shop's: an order here changes what every show carrying the product shows, and
            // scheduled or ended shows are not told (see StockFanout), so no snapshot is kept past it.
            foreach (var show in _entries.Keys)
            {
                Invalidate(show);
            }
        }

        // In a big room chat alone does not drop it (the tail of a join carries the lines); in a small one it
        // does, so a small room's snapshot is always the room as it is.
        if (events.Any(e => e is not ChatPostedEvent) || members.Count(showId) < options.Value.BigRoomViewers)
        {
            Invalidate(showId);
        }
    }

    private void Invalidate(Guid showId)
    {
        _generations.AddOrUpdate(showId, 1, (_, generation) => generation + 1);
        _entries.TryRemove(showId, out _);
    }

    private void Sweep()
    {
        if (_entries.Count < 64)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        foreach (var (showId, entry) in _entries)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && now - entry.Value.Result.ReadAt > Idle)
            {
                _entries.TryRemove(new KeyValuePair<Guid, Lazy<Task<SharedSnapshot>>>(showId, entry));
            }
        }
    }
}
