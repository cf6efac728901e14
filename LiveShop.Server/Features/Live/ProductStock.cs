using LiveShop.Server.Data;
using LiveShop.Server.Realtime;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// Tells a show's room a product's stock, inside a room change: the stock as this transaction sees it
/// (so events in one room follow the order stock changed in), with every variant's for a product with
/// variants, and the end as sold out of the show's running flash sale of that product once the stock it
/// sells from is gone (the product's, or its chosen variants' together) — a sale never shows units the
/// shop cannot deliver.
/// </summary>
internal static class ProductStock
{
    public static async Task<int> EmitAsync(LiveShopDbContext db, RoomChange room, Guid showId, Guid productId, CancellationToken cancellationToken)
    {
        var stock = await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync(cancellationToken);
        var variants = await VariantStock.OfAsync(db, productId, cancellationToken);
        room.Emit((seq, at) => new ProductStockEvent(seq, at, productId, stock, variants));
        if (stock > 0 && (variants is null || variants.All(v => v.Stock > 0)))
        {
            return stock;
        }

        var now = room.Now;
        var running = await db.FlashSales
            .Where(s => s.ShowId == showId && s.ProductId == productId && s.EndedAt == null && s.EndsAt > now)
            .ToListAsync(cancellationToken);

        // A sale this change already ended (its last flash unit went) is tracked with its end set: skip it.
        foreach (var sale in running.Where(s => s.EndedAt is null && VariantStock.ForSale(s, stock, variants) == 0))
        {
            FlashSales.End(room, sale, FlashSaleEndReason.SoldOut);
        }

        return stock;
    }
}
