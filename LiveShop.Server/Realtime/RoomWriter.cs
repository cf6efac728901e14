using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Realtime;

/// <summary>The events one change emits, numbered in order, all at the same server time.</summary>
public sealed class RoomChange(DateTimeOffset now, long firstSequence)
{
    private readonly List<RoomEvent> _events = [];
    private long _next = firstSequence;

    /// <summary>The server time of the change, to the millisecond: what is pushed is exactly what every provider stores.</summary>
    public DateTimeOffset Now { get; } = now.ToMilliseconds();

    public IReadOnlyList<RoomEvent> Events => _events;

    /// <summary>The sequence the next emitted event will get (pins use it as their order).</summary>
    public long NextSequence => _next;

    public T Emit<T>(Func<long, DateTimeOffset, T> create)
        where T : RoomEvent
    {
        var roomEvent = create(_next++, Now);
        _events.Add(roomEvent);
        return roomEvent;
    }
}

/// <summary>
/// Runs one change to a show's room: under the show's lock it validates and changes the entities,
/// stores them together with the events they emit (one transaction), and only then queues the
/// events for broadcast. A refusal (DomainException) or a failed save leaves nothing behind; an id
/// that is not a show is refused (show-not-found) before anything is locked.
/// With several instances (<paramref name="relay"/> set) the show's lock in this process only queues this
/// instance's writers; what orders changes across instances is the show's row, bumped first in each
/// change's transaction (<see cref="Features.Shows.Show.RoomWrites"/>), and the committed events reach the
/// rooms through the relay, which also sends them to the other instances.
/// </summary>
public sealed class RoomWriter(LiveShopDbContext db, RoomSequencer sequencer, RoomBroadcaster broadcaster, IEnumerable<IRoomObserver> observers, KnownShows shows, TimeProvider clock, Scaleout.RoomRelay? relay = null)
{
    /// <param name="showId">The show whose room changes.</param>
    /// <param name="change">Validates and changes the entities, emitting the room events.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock and the database work.</param>
    /// <param name="precheck">Runs first under the lock, before any database work: a cheap refusal (it may throw) for callers that queue by the thousand.</param>
    /// <param name="recheckWhen">
    /// While waiting for the lock: a token that fires when <paramref name="precheck"/> may now refuse (say, the
    /// flash sale the caller queues for has sold out); the precheck then runs at once, so a refusal is answered
    /// without waiting for everyone queued ahead. Read before each wait.
    /// </param>
    public async Task<TResult> WriteAsync<TResult>(Guid showId, Func<RoomChange, Task<TResult>> change, CancellationToken cancellationToken = default, Action? precheck = null, Func<CancellationToken>? recheckWhen = null)
    {
        // No lock, no cached number for an id that is not a show: a flood of random ids leaves nothing behind.
        await shows.RequireAsync(db, showId, cancellationToken);
        using var _ = await LockAsync(showId, precheck, recheckWhen, cancellationToken);
        precheck?.Invoke();
        RoomChange room = null!;
        TResult result = default!;
        try
        {
            // One transaction: conditional updates (stock, flash units), entity changes and the events
            // commit together or not at all. The execution strategy retries transient faults (SQL Server).
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (relay is not null)
                {
                    // The show's row lock, held to the commit: another instance's change to this show waits here, and
                    // the last sequence read next includes everything committed before.
                    await db.Shows.Where(s => s.Id == showId)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.RoomWrites, x => x.RoomWrites + 1), cancellationToken);
                }

                var last = await sequencer.LastAsync(db, showId, cancellationToken);
                room = new RoomChange(clock.GetUtcNow(), last + 1);
                result = await change(room);
                foreach (var roomEvent in room.Events)
                {
                    db.RoomEvents.Add(RoomEventRecord.From(showId, roomEvent));
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
        }
        catch (Exception e)
        {
            db.ChangeTracker.Clear();

            // A refusal is thrown before anything is saved: the cached sequence is still right.
            if (e is not DomainException)
            {
                sequencer.Forget(showId);
            }

            throw;
        }

        if (room.Events.Count > 0)
        {
            sequencer.Committed(showId, room.Events[^1].Sequence);
            if (relay is not null)
            {
                relay.Committed(showId, room.Events);
            }
            else
            {
                foreach (var observer in observers)
                {
                    observer.Observe(showId, room.Events);
                }

                broadcaster.Enqueue(showId, room.Events);
            }
        }

        return result;
    }

    private async Task<IDisposable> LockAsync(Guid showId, Action? precheck, Func<CancellationToken>? recheckWhen, CancellationToken cancellationToken)
    {
        if (recheckWhen is null || precheck is null)
        {
            return await sequencer.LockAsync(showId, cancellationToken);
        }

        while (true)
        {
            var recheck = recheckWhen();
            precheck();
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, recheck);
            try
            {
                return await sequencer.LockAsync(showId, wait.Token);
            }
            catch (OperationCanceledException) when (recheck.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Something the precheck looks at changed: check again (it throws to refuse), then queue again.
            }
        }
    }
}
