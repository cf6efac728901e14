using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Realtime;

/// <summary>What a joining or reconnecting client gets: the events it missed, or a snapshot of the room.</summary>
public sealed class RoomQueries(LiveShopDbContext db, RoomSequencer sequencer, IRoomSnapshotSource snapshots, RoomSnapshotCache shared, RoomPresence presence, RoomActivity activity, RoomMembers members, IOptions<RoomOptions> options, TimeProvider clock, Scaleout.RoomViewerTotals? totals = null, Scaleout.RoomRelay? relay = null)
{
    /// <summary>
    /// Call after the connection was added to the show's group: anything stored from then on reaches it
    /// as a push, anything stored before is in this answer (a few may be in both; clients drop duplicates).
    /// </summary>
    public async Task<JoinResult> CatchUpAsync(Guid showId, long? afterSequence, CancellationToken cancellationToken = default)
    {
        var last = await sequencer.LastAsync(db, showId, cancellationToken);

        // Several instances: this instance's relay delivers everything after what this join reads.
        relay?.Joined(showId, last);
        if (afterSequence is { } after && after >= 0 && after <= last && last - after <= Limits.ResyncMaxEvents)
        {
            var stats = await StatsAsync(showId, cancellationToken);
            var missed = await EventsAfterAsync(showId, after, cancellationToken);
            // Server time as late as possible: clients compare it with the middle of their round trip.
            return new JoinResult(showId, clock.GetUtcNow(), null, missed, stats);
        }

        // The shared snapshot (a few hundred ms old at most) and what was stored after it: one indexed read
        // per join instead of a snapshot each, so a burst of thousands of joins costs a handful of snapshots.
        var snapshot = await shared.GetAsync(showId, cancellationToken);
        var tail = snapshot.Snapshot.LastSequence < last ? await EventsAfterAsync(showId, snapshot.Snapshot.LastSequence, cancellationToken) : [];
        return new JoinResult(showId, clock.GetUtcNow(), snapshot.Snapshot, tail, Stats(showId, snapshot.StoredPeakViewers, snapshot.StoredReactionTotal));
    }

    private async Task<IReadOnlyList<RoomEvent>> EventsAfterAsync(Guid showId, long after, CancellationToken cancellationToken)
    {
        var missed = await db.RoomEvents.AsNoTracking()
            .Where(e => e.ShowId == showId && e.Sequence > after)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        return [.. missed.Select(e => e.ToEvent())];
    }

    /// <summary>The room as it is now (see <see cref="IRoomSnapshotSource"/>).</summary>
    public Task<RoomSnapshot> SnapshotAsync(Guid showId, CancellationToken cancellationToken = default) => snapshots.SnapshotAsync(showId, cancellationToken);

    public async Task<RoomStats> StatsAsync(Guid showId, CancellationToken cancellationToken = default) =>
        await TryStatsAsync(showId, cancellationToken) ?? throw DomainException.ShowNotFound();

    /// <summary>The show's numbers now, or null when there is no such show.</summary>
    public async Task<RoomStats?> TryStatsAsync(Guid showId, CancellationToken cancellationToken = default)
    {
        var stored = await db.Shows.AsNoTracking().Where(s => s.Id == showId)
            .Select(s => new { s.PeakViewers, s.ReactionTotal })
            .SingleOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return null;
        }

        return Stats(showId, stored.PeakViewers, stored.ReactionTotal);
    }

    private RoomStats Stats(Guid showId, int storedPeak, long reactionTotal) => new(
        showId,
        presence.Count(showId),
        Math.Max(storedPeak, presence.Peak(showId)),
        activity.ChatPerMinute(showId) + (totals?.ChatElsewhere(showId) ?? 0),
        reactionTotal,
        clock.GetUtcNow(),
        ChatSampled: members.Count(showId) >= options.Value.BigRoomViewers);
}
