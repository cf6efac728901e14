using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Catalog;

/// <summary>
/// Imports a catalog CSV (owners and managers). Rows are keyed by SKU in this shop: a new SKU creates a
/// product, a known one updates it. A preview writes nothing and lists every error; applying checks the
/// file again and writes every row in one transaction, or nothing when any row has an error. A stock cell
/// sets the product's stock through a logged adjustment (“CSV import”); an empty one leaves it as it is.
/// A product with variants is one row per variant: its rows are the whole set (a known variant SKU is
/// edited, a new one added, one left out removed unless it has stock), each row's stock that variant's.
/// </summary>
public sealed class ImportCatalogCsv(LiveShopDbContext db, ShopAccess access, StockFanout stockFanout, TimeProvider clock)
{
    public async Task<CsvImportResultDto> ImportAsync(ClaimsPrincipal caller, Guid shopId, IFormFile? file, bool apply, CancellationToken cancellationToken)
    {
        var membership = await access.RequireAsync(caller, shopId, ShopPermissions.CanManageCatalog, "import the catalog", cancellationToken);
        var sheet = CatalogCsv.Read(await ReadAsync(file, cancellationToken));
        var errors = sheet.Errors.ToList();
        var products = await db.Products.Include(p => p.Variants).Where(p => p.ShopId == shopId).ToDictionaryAsync(p => p.Sku, StringComparer.Ordinal, cancellationToken);
        var variantOwners = products.Values.SelectMany(p => p.Variants.Select(v => (v.Sku, Product: p))).ToDictionary(x => x.Sku, x => x.Product, StringComparer.Ordinal);
        var lineups = await OpenLineupsAsync(sheet.Valid, products, cancellationToken);

        var creates = new List<CatalogCsvRow>();
        var updates = new List<(CatalogCsvRow Row, Product Product)>();
        foreach (var row in sheet.Valid)
        {
            products.TryGetValue(row.Input.Sku, out var product);
            var skuErrors = SkuErrors(row, product, products, variantOwners);
            errors.AddRange(skuErrors);
            if (product is null)
            {
                if (skuErrors.Count == 0)
                {
                    creates.Add(row);
                }

                continue;
            }

            if (VariantErrors(row, product) is { } variantError)
            {
                errors.Add(variantError);
                continue;
            }

            var show = row.Input.Currency == product.Currency ? null
                : lineups.GetValueOrDefault(product.Id)?.Where(s => s.Currency != row.Input.Currency && product.Prices.All(p => p.Currency != s.Currency)).Select(s => s.Title).FirstOrDefault();
            if (show is not null)
            {
                errors.Add(new CsvErrorDto(row.Line, CatalogCsv.Currency, $"“{product.Name}” is in the lineup of “{show}”, which sells in {product.Currency}: take it out of that show before changing its currency."));
            }
            else if (skuErrors.Count == 0 && Changes(row, product))
            {
                updates.Add((row, product));
            }
        }

        errors = [.. errors.OrderBy(e => e.Line).ThenBy(e => CatalogCsv.AllColumns.ToList().IndexOf(e.Column))];
        if (!apply || errors.Count > 0)
        {
            return new CsvImportResultDto(sheet.Rows, creates.Count, updates.Count, errors, Applied: false);
        }

        var stockErrors = await ApplyAsync(membership, caller.DisplayName(), creates, updates, cancellationToken);
        return new CsvImportResultDto(sheet.Rows, creates.Count, updates.Count, stockErrors, Applied: stockErrors.Count == 0);
    }

    /// <summary>
    /// Writes every row in one transaction; a stock that changed meanwhile so far that the new value cannot be reached,
    /// or a variant that got stock meanwhile and is left out, undoes it all. The products to update are locked first and read again.
    /// </summary>
    private async Task<List<CsvErrorDto>> ApplyAsync(ShopMembership membership, string byName, List<CatalogCsvRow> creates, List<(CatalogCsvRow Row, Product Product)> updates, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var shopId = membership.Shop.Id;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The rows' write locks first (orders change stock meanwhile; a no-op write takes them), then the products as they are now.
        var ids = updates.Select(u => u.Product.Id).ToList();
        db.ChangeTracker.Clear();
        if (ids.Count > 0)
        {
            await db.Products.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, p => p.UpdatedAt), cancellationToken);
        }

        var fresh = await db.Products.Include(p => p.Variants).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var log = new List<StockAdjustment>();
        StockAdjustment Logged(Guid productId, int before, int after, string reason, ProductVariant? variant) =>
            new(Guid.CreateVersion7(), productId, membership.UserId, byName, before, after, reason, now, variant?.Id, variant?.Label);

        foreach (var row in creates)
        {
            var stock = row.HasVariants ? 0 : row.Stock ?? 0;
            var product = new Product(Guid.CreateVersion7(), shopId, row.Input.Sku, row.Input.Name, row.Input.Description, Product.PlaceholderImageUrl, row.Input.Price, row.Input.Currency, stock, now);
            product.Edit(row.Input, now);
            if (row.Archived)
            {
                product.Archive(true, now);
            }

            if (row.HasVariants)
            {
                var set = product.SetVariants(new VariantsInput(row.Options, [.. row.Variants.Select(v => new VariantInput(null, v.Sku, v.Values, v.PriceOverride, v.Stock ?? 0))]), now, out _);
                product.StartWithVariantStock();
                log.AddRange(set.Select(x => Logged(product.Id, x.Before, x.After, CatalogCsv.StockReason, x.Variant)));
            }

            db.Products.Add(product);
            if (stock > 0)
            {
                log.Add(Logged(product.Id, 0, stock, CatalogCsv.StockReason, null));
            }
        }

        var added = new Dictionary<Guid, int>();
        foreach (var (row, stale) in updates)
        {
            var product = fresh[stale.Id];
            if (FieldsChange(row, product))
            {
                product.Edit(row.Input, now);
                if (row.Archived != product.IsArchived)
                {
                    product.Archive(row.Archived, now);
                }
            }

            if (!row.HasVariants)
            {
                continue;
            }

            // A product without variants that gets them: its stock moves to the first variant, whose stock cell then sets it below.
            var converting = !product.HasVariants;
            var input = new VariantsInput(row.Options, [.. row.Variants.Select((v, i) =>
            {
                var known = product.Variants.FirstOrDefault(x => x.Sku == v.Sku);
                return new VariantInput(known?.Id, v.Sku, v.Values, v.PriceOverride, known is not null || (converting && i == 0) ? 0 : v.Stock ?? 0);
            })]);
            try
            {
                var set = product.SetVariants(input, now, out var stockAdded);
                log.AddRange(set.Select(x => Logged(product.Id, x.Before, x.After, x.Reason == "Initial stock" ? CatalogCsv.StockReason : x.Reason, x.Variant)));
                added[product.Id] = stockAdded;
            }
            catch (DomainException refusal)
            {
                // A variant left out got stock since the preview: nothing is written (leaving without a commit).
                return [new CsvErrorDto(row.Line, CatalogCsv.VariantSku, refusal.Message)];
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            throw CatalogSkus.Taken([.. creates.Select(c => c.Input.Sku), .. updates.SelectMany(u => u.Row.Variants.Select(v => v.Sku))]);
        }

        foreach (var (id, stockAdded) in added.Where(a => a.Value != 0))
        {
            await db.Products.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + stockAdded), cancellationToken);
        }

        // Stock as ShopCatalog.AdjustStockAsync changes it: by the difference, conditionally, never below 0 even while buyers take units.
        var changedStock = new List<Guid>(added.Where(a => a.Value != 0).Select(a => a.Key));
        foreach (var (row, stale) in updates)
        {
            var product = fresh[stale.Id];
            IEnumerable<(int Line, int Target, ProductVariant? Variant)> targets = row.HasVariants
                ? row.Variants.Where(v => v.Stock is not null).Select(v => (v.Line, v.Stock!.Value, (ProductVariant?)product.Variants.Single(x => x.Sku == v.Sku)))
                : row.Stock is { } wanted && !product.HasVariants ? [(row.Line, wanted, null)] : [];
            foreach (var (line, target, variant) in targets)
            {
                var current = variant?.Stock ?? product.Stock;
                if (target == current)
                {
                    continue;
                }

                if (await SetStockAsync(product, variant, target - current, cancellationToken) is { } after)
                {
                    log.Add(Logged(product.Id, after - (target - current), after, CatalogCsv.StockReason, variant));
                    changedStock.Add(product.Id);
                    continue;
                }

                // Leaving without a commit rolls every row back.
                var name = variant is null ? $"“{product.Name}”" : $"“{product.Name}” in “{variant.Label}”";
                return [new CsvErrorDto(line, CatalogCsv.Stock, $"Only {await StockNowAsync(product.Id, variant, cancellationToken)} of {name} are in stock now (sold meanwhile): nothing was imported. Check the stock and import again.")];
            }
        }

        db.StockAdjustments.AddRange(log);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (changedStock.Count > 0)
        {
            stockFanout.ChangedOutsideShows([.. changedStock.Distinct()]);
        }

        return [];
    }

    /// <summary>Moves the stock of a product (or of one of its variants and the product's total with it) by <paramref name="change"/>; the stock after it, or null when that would go below 0 or over the limit.</summary>
    private async Task<int?> SetStockAsync(Product product, ProductVariant? variant, int change, CancellationToken cancellationToken)
    {
        var id = product.Id;
        if (variant is null)
        {
            var changed = await db.Products
                .Where(p => p.Id == id && p.Stock + change >= 0 && p.Stock + change <= Limits.StockMax)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + change), cancellationToken);
            return changed == 0 ? null : await StockNowAsync(id, null, cancellationToken);
        }

        var variantId = variant.Id;
        var moved = await db.Set<ProductVariant>()
            .Where(v => v.Id == variantId && v.Stock + change >= 0 && v.Stock + change <= Limits.StockMax)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Stock, v => v.Stock + change), cancellationToken);
        if (moved == 0)
        {
            return null;
        }

        await db.Products.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + change), cancellationToken);
        return await StockNowAsync(id, variant, cancellationToken);
    }

    private Task<int> StockNowAsync(Guid productId, ProductVariant? variant, CancellationToken cancellationToken) => variant is null
        ? db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync(cancellationToken)
        : db.Set<ProductVariant>().Where(v => v.Id == variant.Id).Select(v => v.Stock).SingleAsync(cancellationToken);

    /// <summary>
    /// A SKU of the row that the shop uses otherwise: the product's SKU as a variant's, a variant's SKU as another product's or
    /// as a variant of another product (product and variant SKUs share one namespace per shop).
    /// </summary>
    private static List<CsvErrorDto> SkuErrors(CatalogCsvRow row, Product? product, Dictionary<string, Product> products, Dictionary<string, Product> variantOwners)
    {
        var errors = new List<CsvErrorDto>();
        if (product is null && variantOwners.TryGetValue(row.Input.Sku, out var owner))
        {
            errors.Add(new CsvErrorDto(row.Line, CatalogCsv.Sku, $"“{row.Input.Sku}” is the SKU of a variant of “{owner.Name}”: a product needs a SKU of its own."));
        }

        foreach (var variant in row.Variants)
        {
            var user = products.GetValueOrDefault(variant.Sku) ?? variantOwners.GetValueOrDefault(variant.Sku);
            if (user is not null && user != product)
            {
                errors.Add(new CsvErrorDto(variant.Line, CatalogCsv.VariantSku, $"“{variant.Sku}” is already used by “{user.Name}” in this shop: each variant needs a SKU of its own."));
            }
        }

        return errors;
    }

    /// <summary>What the form refuses too: leaving out a variant that still has stock; setting a total where each variant has its own stock.</summary>
    private static CsvErrorDto? VariantErrors(CatalogCsvRow row, Product product)
    {
        if (row.HasVariants)
        {
            var stocked = product.OrderedVariants.FirstOrDefault(v => v.Stock > 0 && row.Variants.All(r => r.Sku != v.Sku));
            return stocked is null ? null : new CsvErrorDto(row.Line, CatalogCsv.VariantSku,
                $"“{stocked.Label}” ({stocked.Sku}) of “{product.Name}” still has {stocked.Stock} in stock and is not in the file: a product's rows are all its variants, so adjust its stock to 0 before leaving it out.");
        }

        return product.HasVariants && row.Stock is { } stock && stock != product.Stock
            ? new CsvErrorDto(row.Line, CatalogCsv.Stock, $"“{product.Name}” has variants: set each variant's stock on its own row (with variant_sku and the option columns).")
            : null;
    }

    /// <summary>
    /// Whether the row changes the product: any field, archived, a stock cell with another number, or (with variants) its
    /// options, its variants (SKU, values, price, order) or their stock. A row equal to the product is left alone (not counted).
    /// </summary>
    private static bool Changes(CatalogCsvRow row, Product product)
    {
        if (FieldsChange(row, product))
        {
            return true;
        }

        if (!row.HasVariants)
        {
            return !product.HasVariants && row.Stock is { } stock && stock != product.Stock;
        }

        var variants = product.OrderedVariants.ToList();
        return !row.Options.SequenceEqual(product.OptionNames, StringComparer.Ordinal)
            || row.Variants.Count != variants.Count
            || row.Variants.Zip(variants).Any(x => x.First.Sku != x.Second.Sku
                || !x.First.Values.SequenceEqual(x.Second.Values, StringComparer.Ordinal)
                || x.First.PriceOverride != x.Second.PriceOverride
                || (x.First.Stock is { } stock && stock != x.Second.Stock));
    }

    private static bool FieldsChange(CatalogCsvRow row, Product product) =>
        row.Input.Name != product.Name
        || row.Input.Description != product.Description
        || row.Input.Price != product.Price
        || row.Input.CompareAtPrice != product.CompareAtPrice
        || row.Input.Currency != product.Currency
        || row.Input.LowStockThreshold != product.LowStockThreshold
        || row.Archived != product.IsArchived;

    /// <summary>Shows still to end whose lineup carries a product the file gives another currency (a lineup sells in its show's currency).</summary>
    private async Task<Dictionary<Guid, List<(string Title, string Currency)>>> OpenLineupsAsync(IReadOnlyList<CatalogCsvRow> rows, Dictionary<string, Product> products, CancellationToken cancellationToken)
    {
        var ids = rows.Where(r => products.TryGetValue(r.Input.Sku, out var p) && p.Currency != r.Input.Currency).Select(r => products[r.Input.Sku].Id).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var shows = await db.ShowProducts.AsNoTracking()
            .Where(l => ids.Contains(l.ProductId))
            .Join(db.Shows, l => l.ShowId, s => s.Id, (l, s) => new { l.ProductId, s.Title, s.Currency, s.Status })
            .Where(x => x.Status != ShowStatus.Ended)
            .ToListAsync(cancellationToken);
        return shows.GroupBy(x => x.ProductId).ToDictionary(g => g.Key, g => g.Select(x => (x.Title, x.Currency)).ToList());
    }

    private static async Task<byte[]> ReadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            throw CatalogCsvParser.Invalid("Choose a CSV file to import (the form field “file”).");
        }

        if (file.Length > Limits.CsvImportMaxBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    public static DomainException TooLarge() =>
        DomainException.TooLarge(ProblemCodes.CsvInvalid, "A catalog file can be at most {0} MB; split it into smaller files.", Limits.CsvImportMaxBytes / (1024 * 1024));
}
