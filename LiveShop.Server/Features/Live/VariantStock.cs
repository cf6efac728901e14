using LiveShop.Server.Data;
using LiveShop.Server.Features.Catalog;
using LiveShop.Shared.Catalog;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// Variant stock as the live room reads it. A product with variants keeps its stock per variant and its
/// <see cref="Product.Stock"/> as their sum; the room is told both, and a flash sale on chosen variants
/// sells only from theirs.
/// </summary>
internal static class VariantStock
{
    /// <summary>Every variant's stock of each product that has variants, in the variants' order; products without are absent.</summary>
    public static async Task<Dictionary<Guid, IReadOnlyList<VariantStockDto>>> OfAsync(LiveShopDbContext db, IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ProductVariant>().AsNoTracking()
            .Where(v => productIds.Contains(v.ProductId))
            .Select(v => new { v.ProductId, v.Id, v.Stock, v.Position })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ProductId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<VariantStockDto>)[.. g.OrderBy(r => r.Position).Select(r => new VariantStockDto(r.Id, r.Stock))]);
    }

    /// <summary>Every variant's stock of one product, in order; null for a product without variants.</summary>
    public static async Task<IReadOnlyList<VariantStockDto>?> OfAsync(LiveShopDbContext db, Guid productId, CancellationToken cancellationToken) =>
        (await OfAsync(db, [productId], cancellationToken)).GetValueOrDefault(productId);

    /// <summary>
    /// The stock a flash sale sells from, as this transaction sees it: its chosen variants' together, or
    /// the product's (all its variants, or a product without variants).
    /// </summary>
    public static async Task<int> ForSaleAsync(LiveShopDbContext db, FlashSale sale, CancellationToken cancellationToken)
    {
        if (sale.VariantIds.Count == 0)
        {
            return await db.Products.Where(p => p.Id == sale.ProductId).Select(p => p.Stock).SingleAsync(cancellationToken);
        }

        var ids = sale.VariantIds.ToList();
        return await db.Set<ProductVariant>().Where(v => v.ProductId == sale.ProductId && ids.Contains(v.Id)).SumAsync(v => v.Stock, cancellationToken);
    }

    /// <summary><see cref="ForSaleAsync"/> from stock already read: the product's total and its variants' (null: none).</summary>
    public static int ForSale(FlashSale sale, int productStock, IReadOnlyList<VariantStockDto>? variants) =>
        sale.VariantIds.Count == 0 || variants is null
            ? productStock
            : variants.Where(v => sale.VariantIds.Contains(v.VariantId)).Sum(v => v.Stock);
}
