using LiveShop.Server.Data;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// Tells a show's room a product's stock, inside a room change: the stock as this transaction sees it
/// (so events in one room follow the order stock changed in), and, at 0, the end of the show's running
/// flash sale of that product as sold out — a sale never shows units the shop cannot deliver.
/// </summary>
internal static class ProductStock
{
    public static async Task<int> EmitAsync(LiveShopDbContext db, RoomChange room, Guid showId, Guid productId, CancellationToken cancellationToken)
    {
        var stock = await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync(cancellationToken);
        room.Emit((seq, at) => new ProductStockEvent(seq, at, productId, stock));
        if (stock > 0)
        {
            return stock;
        }

        var now = room.Now;
        var running = await db.FlashSales
            .Where(s => s.ShowId == showId && s.ProductId == productId && s.EndedAt == null && s.EndsAt > now)
            .ToListAsync(cancellationToken);

        // A sale this change already ended (its last flash unit went) is tracked with its end set: skip it.
        foreach (var sale in running.Where(s => s.EndedAt is null))
        {
            FlashSales.End(room, sale, FlashSaleEndReason.SoldOut);
        }

        return stock;
    }
}
