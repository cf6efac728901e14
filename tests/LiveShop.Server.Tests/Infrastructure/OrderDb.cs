using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>What an order attempt can write, read directly from the database.</summary>
public static class OrderDb
{
    /// <summary>
    /// Everything a flash-price order touches, as text: the sale's units sold, every buyer's claimed
    /// allowance, the product's stock, the show's orders and its last room-event sequence. Two equal
    /// footprints mean the attempts between them wrote nothing.
    /// </summary>
    public static Task<string> FlashFootprintAsync(this LiveShopFactory factory, Guid showId, Guid saleId, Guid productId) => factory.ReadAsync(async db =>
    {
        var sold = await db.FlashSales.Where(s => s.Id == saleId).Select(s => s.Sold).SingleAsync();
        var claims = await db.FlashSaleClaims.Where(c => c.SaleId == saleId).Select(c => new { c.BuyerId, c.Units }).ToListAsync();
        var stock = await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync();
        var orders = await db.Orders.Where(o => o.ShowId == showId).Select(o => o.Id).ToListAsync();
        var lastSequence = await db.RoomEvents.Where(e => e.ShowId == showId).MaxAsync(e => (long?)e.Sequence) ?? 0;
        return $"sold={sold}; claims={string.Join(",", claims.OrderBy(c => c.BuyerId).Select(c => $"{c.BuyerId}:{c.Units}"))}; "
            + $"stock={stock}; orders={string.Join(",", orders.Order())}; last sequence={lastSequence}";
    });
}
