using LiveShop.Server.Data;
using LiveShop.Shared.Catalog;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Catalog;

/// <summary>Catalog reads shared by the API and server prerendering.</summary>
public sealed class CatalogQueries(LiveShopDbContext db)
{
    /// <summary>The catalog by name, optionally only the products sold in one currency (main or extra price), priced in it.</summary>
    public async Task<List<ProductDto>> ProductsAsync(string? currency, CancellationToken cancellationToken = default)
    {
        var query = db.Products.AsNoTracking();
        if (currency is not null)
        {
            query = query.Where(p => p.Currency == currency || p.Prices.Any(x => x.Currency == currency));
        }

        var products = await query.OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return products.ConvertAll(p => currency is null ? p.ToDto() : p.ToDto(currency));
    }
}
