using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Catalog;

/// <summary>
/// One SKU namespace per shop across products and variants: a SKU is free only when no product and no
/// variant of the shop uses it. Product SKUs and variant SKUs each have a unique index; the two tables are
/// kept apart by these checks (see docs/decisions.md).
/// </summary>
public static class CatalogSkus
{
    /// <summary>Which of <paramref name="skus"/> another product of the shop, or a variant of another product, already uses.</summary>
    public static async Task<HashSet<string>> UsedAsync(LiveShopDbContext db, Guid shopId, IReadOnlyCollection<string> skus, Guid? exceptProductId, CancellationToken cancellationToken)
    {
        var asProducts = await db.Products.AsNoTracking()
            .Where(p => p.ShopId == shopId && p.Id != exceptProductId && skus.Contains(p.Sku))
            .Select(p => p.Sku).ToListAsync(cancellationToken);
        var asVariants = await db.Set<ProductVariant>().AsNoTracking()
            .Where(v => v.ShopId == shopId && v.ProductId != exceptProductId && skus.Contains(v.Sku))
            .Select(v => v.Sku).ToListAsync(cancellationToken);
        return [.. asProducts, .. asVariants];
    }

    public static DomainException Taken(string sku) =>
        DomainException.Conflict(ProblemCodes.SkuTaken, "Another product or variant of this shop already uses the SKU “{0}”.", sku);

    /// <summary>A unique index refused a save: another request took a SKU between the check and the save.</summary>
    public static DomainException Taken(IReadOnlyList<string> skus) => skus.Count switch
    {
        1 => Taken(skus[0]),
        <= 5 => DomainException.Conflict(ProblemCodes.SkuTaken, "Another product or variant of this shop already uses one of the SKUs {0}.", string.Join(", ", skus.Select(s => $"“{s}”"))),
        _ => DomainException.Conflict(ProblemCodes.SkuTaken, "Another product or variant of this shop took one of these SKUs meanwhile: check them and try again."),
    };
}
