using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>The live room's state as a joining page needs it: status, pins, running flash prices, stock, open "+1" claims, recent chat.</summary>
public sealed class RoomSnapshots(LiveShopDbContext db, RoomSequencer sequencer, TimeProvider clock) : IRoomSnapshotSource
{
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
            stock,
            await Claims.ChatClaims.OpenAsync(db, showId, cancellationToken));
    }
}
