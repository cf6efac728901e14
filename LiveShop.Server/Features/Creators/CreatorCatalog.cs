using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Shared.Creators;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Creators;

/// <summary>
/// Which brands' products a creator may put into their own shows: those of each brand that approved them (and whose
/// team they are not in), that the brand's program opens and that are not archived, of brands not suspended.
/// </summary>
public static class CreatorCatalog
{
    /// <summary>Of <paramref name="productIds"/>, those opened to <paramref name="creatorId"/>, each with its brand (shop) id.</summary>
    public static async Task<IReadOnlyDictionary<Guid, Guid>> OpenedAsync(LiveShopDbContext db, Guid creatorId, IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken)
    {
        if (productIds.Count == 0)
        {
            return new Dictionary<Guid, Guid>();
        }

        var products = await db.Products.AsNoTracking()
            .Where(p => productIds.Contains(p.Id) && p.ArchivedAt == null)
            .Select(p => new { p.Id, p.ShopId })
            .ToListAsync(cancellationToken);
        var shopIds = products.Select(p => p.ShopId).Distinct().ToList();
        var brands = await db.CreatorEnrollments.AsNoTracking()
            .Where(e => e.CreatorId == creatorId && shopIds.Contains(e.ShopId) && e.Status == CreatorStatus.Approved
                && !db.ShopMembers.Any(m => m.ShopId == e.ShopId && m.UserId == creatorId))
            .Join(db.CreatorPrograms, e => e.ShopId, p => p.ShopId, (e, p) => new { Enrollment = e, Program = p })
            .Join(db.Shops.Where(s => s.SuspendedAt == null), x => x.Program.ShopId, s => s.Id, (x, s) => x)
            .ToDictionaryAsync(x => x.Program.ShopId, cancellationToken);
        return products
            .Where(p => brands.TryGetValue(p.ShopId, out var brand) && brand.Program.RateFor(p.Id, brand.Enrollment.RateOverride) is not null)
            .ToDictionary(p => p.Id, p => p.ShopId);
    }

    /// <summary>
    /// The creators' links that can earn from a brand: to the brand's shows, and, by creators in its program, to shows
    /// that carry its products (another brand's creators linking to a show the brand is in are not the brand's).
    /// </summary>
    public static IQueryable<ShareLink> LinksForBrand(LiveShopDbContext db, Guid shopId) =>
        db.ShareLinks.Where(l => l.ByCreator
            && (db.Shows.Any(s => s.Id == l.ShowId && s.ShopId == shopId)
                || (db.ShowProducts.Any(p => p.ShowId == l.ShowId && p.Product!.ShopId == shopId)
                    && db.CreatorEnrollments.Any(e => e.ShopId == shopId && e.CreatorId == l.CreatedById))));

    /// <summary>The brands a creator's links can earn from: the shops whose products are in the linked shows, other than the creator's own.</summary>
    public static Task<List<Guid>> BrandsOfLinksAsync(LiveShopDbContext db, Guid creatorId, CancellationToken cancellationToken) =>
        db.ShareLinks.Where(l => l.CreatedById == creatorId && l.ByCreator)
            .Join(db.ShowProducts, l => l.ShowId, p => p.ShowId, (l, p) => p.Product!.ShopId)
            .Where(shopId => !db.ShopMembers.Any(m => m.ShopId == shopId && m.UserId == creatorId))
            .Distinct()
            .ToListAsync(cancellationToken);
}
