using System.Collections.Concurrent;
using LiveShop.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// Hands out each show's next sequence number. All changes to one show's room run one at a time
/// (<see cref="LockAsync"/>), so numbers are gap-free and in commit order; the last number is
/// cached and read back from the database after a restart. The unique (ShowId, Sequence) index is
/// the last line of defence should two instances ever write to one show.
/// </summary>
public sealed class RoomSequencer
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();
    private readonly ConcurrentDictionary<Guid, long> _last = new();

    public async Task<IDisposable> LockAsync(Guid showId, CancellationToken cancellationToken = default)
    {
        var gate = _locks.GetOrAdd(showId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    /// <summary>The last sequence stored for the show (0 when none).</summary>
    public async Task<long> LastAsync(LiveShopDbContext db, Guid showId, CancellationToken cancellationToken = default)
    {
        if (_last.TryGetValue(showId, out var last))
        {
            return last;
        }

        last = await db.RoomEvents.Where(e => e.ShowId == showId).MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        return _last.GetOrAdd(showId, last);
    }

    /// <summary>Records that events up to <paramref name="sequence"/> are stored. Call with the lock held.</summary>
    public void Committed(Guid showId, long sequence) => _last[showId] = sequence;

    /// <summary>Forgets the cached number (after a failed write), so the next writer reads it again.</summary>
    public void Forget(Guid showId) => _last.TryRemove(showId, out _);

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
