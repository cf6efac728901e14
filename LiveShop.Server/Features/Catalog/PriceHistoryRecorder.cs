using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveShop.Server.Features.Catalog;

/// <summary>
/// Writes a <see cref="PriceHistoryEntry"/> into the same save whenever a product is created or a price
/// changes: its main price, an extra price in another currency, a variant's price. One interceptor rather
/// than a line in every endpoint, so the catalog form, the CSV import, extra prices, copies and the demo seed
/// cannot forget it (bulk <c>ExecuteUpdate</c> never touches prices).
/// </summary>
public sealed class PriceHistoryRecorder(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? db)
    {
        if (db is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var entries = new List<PriceHistoryEntry>();
        foreach (var entry in db.ChangeTracker.Entries<Product>().ToList())
        {
            var product = entry.Entity;
            if (entry.State == EntityState.Added || (entry.State == EntityState.Modified && Changed(entry, nameof(Product.Price), nameof(Product.Currency))))
            {
                entries.Add(new PriceHistoryEntry(product.Id, null, product.Currency, product.Price, Effective(product, entry, now)));

                // Variants without their own price follow the product's: their history moves with it (new ones are recorded below).
                if (entry.State == EntityState.Modified)
                {
                    entries.AddRange(product.Variants
                        .Where(v => v.PriceOverride is null && db.Entry(v).State != EntityState.Added)
                        .Select(v => new PriceHistoryEntry(product.Id, v.Id, product.Currency, product.Price, now)));
                }
            }
        }

        foreach (var entry in db.ChangeTracker.Entries<ProductPrice>().ToList())
        {
            if (entry.State == EntityState.Added || (entry.State == EntityState.Modified && Changed(entry, nameof(ProductPrice.Price))))
            {
                var productId = (Guid)entry.Property("ProductId").CurrentValue!;
                entries.Add(new PriceHistoryEntry(productId, null, entry.Entity.Currency, entry.Entity.Price, now));
            }
        }

        var products = db.ChangeTracker.Entries<Product>().Select(p => p.Entity).ToList();
        foreach (var entry in db.ChangeTracker.Entries<ProductVariant>().ToList())
        {
            var variant = entry.Entity;
            if (entry.State != EntityState.Added && !(entry.State == EntityState.Modified && Changed(entry, nameof(ProductVariant.PriceOverride))))
            {
                continue;
            }

            var product = products.FirstOrDefault(p => p.Id == variant.ProductId);
            if (product is not null)
            {
                entries.Add(new PriceHistoryEntry(product.Id, variant.Id, product.Currency, variant.PriceIn(product), now));
            }
        }

        db.Set<PriceHistoryEntry>().AddRange(entries);
    }

    private static bool Changed<T>(EntityEntry<T> entry, params string[] properties)
        where T : class =>
        properties.Any(p => entry.Property(p).IsModified && !Equals(entry.Property(p).OriginalValue, entry.Property(p).CurrentValue));

    /// <summary>A new product's first price counts from its creation (the demo seed backdates some); a change from now.</summary>
    private static DateTimeOffset Effective(Product product, EntityEntry<Product> entry, DateTimeOffset now) =>
        entry.State == EntityState.Added && product.CreatedAt != default ? product.CreatedAt : now;
}
