using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>What a joining or reconnecting client gets: the events it missed, or a snapshot of the room.</summary>
public sealed class RoomQueries(LiveShopDbContext db, RoomSequencer sequencer, RoomPresence presence, RoomActivity activity, TimeProvider clock)
{
    /// <summary>
    /// Call after the connection was added to the show's group: anything stored from then on reaches it
    /// as a push, anything stored before is in this answer (a few may be in both; clients drop duplicates).
    /// </summary>
    public async Task<JoinResult> CatchUpAsync(Guid showId, long? afterSequence, CancellationToken cancellationToken = default)
    {
        var last = await sequencer.LastAsync(db, showId, cancellationToken);
        var stats = await StatsAsync(showId, cancellationToken);
        if (afterSequence is { } after && after >= 0 && after <= last && last - after <= Limits.ResyncMaxEvents)
        {
            var missed = await db.RoomEvents.AsNoTracking()
                .Where(e => e.ShowId == showId && e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .ToListAsync(cancellationToken);
            // Server time as late as possible: clients compare it with the middle of their round trip.
            return new JoinResult(showId, clock.GetUtcNow(), null, [.. missed.Select(e => e.ToEvent())], stats);
        }

        var snapshot = await SnapshotAsync(showId, cancellationToken);
        return new JoinResult(showId, clock.GetUtcNow(), snapshot, [], stats);
    }

    public async Task<RoomSnapshot> SnapshotAsync(Guid showId, CancellationToken cancellationToken = default)
    {
        // Read the number first: the state read after it is at least as new, and later events have higher numbers.
        var last = await sequencer.LastAsync(db, showId, cancellationToken);
        // Read-only, and only the lineup's pin order: this runs for every viewer that joins.
        var show = await db.Shows.AsNoTracking().Include(s => s.Lineup)
            .SingleOrDefaultAsync(s => s.Id == showId, cancellationToken)
            ?? throw DomainException.ShowNotFound();
        var now = clock.GetUtcNow();
        var sales = await db.FlashSales.AsNoTracking()
            .Where(s => s.ShowId == showId && s.EndedAt == null)
            .ToListAsync(cancellationToken);
        // Stock is the shop's and changes with every order (here or in another show): a joining page gets it now.
        var lineupIds = show.Lineup.Select(l => l.ProductId).ToList();
        var products = await db.Products.AsNoTracking()
            .Where(p => lineupIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Stock })
            .ToListAsync(cancellationToken);
        var variants = await VariantStock.OfAsync(db, lineupIds, cancellationToken);
        List<ProductStockDto> stock = [.. products.Select(p => new ProductStockDto(p.Id, p.Stock, variants.GetValueOrDefault(p.Id)))];
        var chat = await db.RoomEvents.AsNoTracking()
            .Where(e => e.ShowId == showId && e.Kind == RoomEventKinds.Chat)
            .OrderByDescending(e => e.Sequence)
            .Take(Limits.RecentChatLines)
            .ToListAsync(cancellationToken);
        return new RoomSnapshot(
            showId,
            last,
            show.Status,
            show.WentLiveAt,
            show.EndedAt,
            show.PinnedProductIds,
            [.. sales.Where(s => s.IsRunning(now)).Select(s => s.ToDto())],
            [.. chat.OrderBy(e => e.Sequence).Select(e => ((ChatPostedEvent)e.ToEvent()).Message)],
            show.ReactionTotal,
            show.ChatSettings,
            stock);
    }

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

        return new RoomStats(
            showId,
            presence.Count(showId),
            Math.Max(stored.PeakViewers, presence.Peak(showId)),
            activity.ChatPerMinute(showId),
            stored.ReactionTotal,
            clock.GetUtcNow());
    }
}
