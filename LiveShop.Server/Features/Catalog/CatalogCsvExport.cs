using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Shops;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Catalog;

/// <summary>A catalog file to download: its bytes and its name.</summary>
public sealed record CatalogCsvFile(byte[] Bytes, string FileName);

/// <summary>Exports a shop's catalog as CSV (any member of the shop): every product, archived ones included, by SKU.</summary>
public sealed class ExportCatalogCsv(LiveShopDbContext db, ShopAccess access, TimeProvider clock)
{
    public async Task<CatalogCsvFile> ExportAsync(ClaimsPrincipal caller, Guid shopId, CancellationToken cancellationToken)
    {
        var membership = await access.RequireAsync(caller, shopId, _ => true, "export the catalog", cancellationToken);
        var products = await db.Products.AsNoTracking().Include(p => p.Variants).Where(p => p.ShopId == shopId).ToListAsync(cancellationToken);
        return new CatalogCsvFile(CatalogCsv.Write(products), $"{membership.Shop.Slug}-catalog-{ShopToday(membership.Shop):yyyy-MM-dd}.csv");
    }

    /// <summary>Today where the shop is (its time zone; UTC if the zone is unknown on this machine).</summary>
    private DateOnly ShopToday(Shop shop)
    {
        var now = clock.GetUtcNow();
        var local = TimeZoneInfo.TryFindSystemTimeZoneById(shop.TimeZone, out var zone) ? TimeZoneInfo.ConvertTime(now, zone) : now;
        return DateOnly.FromDateTime(local.DateTime);
    }
}
