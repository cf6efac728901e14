using System.Collections.Concurrent;
using LiveShop.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Realtime;

/// <summary>
/// Hands out each show's next sequence number. All changes to one show's room run one at a time
/// (<see cref="LockAsync"/>), so numbers are gap-free and in commit order; the last number is
/// cached and read back from the database after a restart. The unique (ShowId, Sequence) index is
/// the last line of defence should two instances ever write to one show.
/// With several instances (<see cref="Scaleout.RoomScaleout.Shared"/>) nothing is cached: the last number is
/// read from the database each time, the writer having taken the show's row lock first (see <see cref="RoomWriter"/>).
/// A show's lock exists only while someone holds or waits for it (ref-counted), so ids that are
/// never written again (or never existed) leave nothing behind.
/// </summary>
public sealed class RoomSequencer(Scaleout.RoomScaleout? scaleout = null)
{
    private readonly bool _shared = scaleout?.Shared ?? false;

    private readonly Dictionary<Guid, Gate> _locks = [];
    private readonly Lock _locksGate = new();
    private readonly ConcurrentDictionary<Guid, long> _last = new();

    /// <summary>Locks held or waited for right now (for tests and diagnostics).</summary>
    internal int OpenLocks
    {
        get
        {
            lock (_locksGate)
            {
                return _locks.Count;
            }
        }
    }

    /// <summary>Holders and waiters of one show's lock (for tests and diagnostics).</summary>
    internal int Users(Guid showId)
    {
        lock (_locksGate)
        {
            return _locks.TryGetValue(showId, out var gate) ? gate.Users : 0;
        }
    }

    /// <summary>Shows whose last sequence is cached.</summary>
    internal int CachedShows => _last.Count;

    public async Task<IDisposable> LockAsync(Guid showId, CancellationToken cancellationToken = default)
    {
        Gate gate;
        lock (_locksGate)
        {
            if (!_locks.TryGetValue(showId, out gate!))
            {
                gate = new Gate();
                _locks[showId] = gate;
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Unuse(showId, gate);
            throw;
        }

        return new Release(this, showId, gate);
    }

    /// <summary>The last sequence stored for the show (0 when none).</summary>
    public async Task<long> LastAsync(LiveShopDbContext db, Guid showId, CancellationToken cancellationToken = default)
    {
        if (!_shared && _last.TryGetValue(showId, out var last))
        {
            return last;
        }

        last = await db.RoomEvents.Where(e => e.ShowId == showId).MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        return _shared ? last : _last.GetOrAdd(showId, last);
    }

    /// <summary>Records that events up to <paramref name="sequence"/> are stored. Call with the lock held.</summary>
    public void Committed(Guid showId, long sequence)
    {
        if (!_shared)
        {
            _last[showId] = sequence;
        }
    }

    /// <summary>Forgets the cached number (after a failed write, or for a show that does not exist), so the next writer reads it again.</summary>
    public void Forget(Guid showId) => _last.TryRemove(showId, out _);

    private void Unuse(Guid showId, Gate gate)
    {
        lock (_locksGate)
        {
            if (--gate.Users == 0)
            {
                _locks.Remove(showId);
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        /// <summary>Holders and waiters; guarded by the sequencer's lock.</summary>
        public int Users { get; set; }
    }

    private sealed class Release(RoomSequencer owner, Guid showId, Gate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Semaphore.Release();
                owner.Unuse(showId, gate);
            }
        }
    }
}
