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
/// </summary>
public sealed class ImportCatalogCsv(LiveShopDbContext db, ShopAccess access, StockFanout stockFanout, TimeProvider clock)
{
    public async Task<CsvImportResultDto> ImportAsync(ClaimsPrincipal caller, Guid shopId, IFormFile? file, bool apply, CancellationToken cancellationToken)
    {
        var membership = await access.RequireAsync(caller, shopId, ShopPermissions.CanManageCatalog, "import the catalog", cancellationToken);
        var sheet = CatalogCsv.Read(await ReadAsync(file, cancellationToken));
        var errors = sheet.Errors.ToList();
        var products = await db.Products.Where(p => p.ShopId == shopId).ToDictionaryAsync(p => p.Sku, StringComparer.Ordinal, cancellationToken);
        var lineups = await OpenLineupsAsync(sheet.Valid, products, cancellationToken);

        var creates = new List<CatalogCsvRow>();
        var updates = new List<(CatalogCsvRow Row, Product Product)>();
        foreach (var row in sheet.Valid)
        {
            if (!products.TryGetValue(row.Input.Sku, out var product))
            {
                creates.Add(row);
                continue;
            }

            var show = row.Input.Currency == product.Currency ? null
                : lineups.GetValueOrDefault(product.Id)?.Where(s => s.Currency != row.Input.Currency).Select(s => s.Title).FirstOrDefault();
            if (show is not null)
            {
                errors.Add(new CsvErrorDto(row.Line, CatalogCsv.Currency, $"“{product.Name}” is in the lineup of “{show}”, which sells in {product.Currency}: take it out of that show before changing its currency."));
            }
            else if (Changes(row, product))
            {
                updates.Add((row, product));
            }
        }

        errors = [.. errors.OrderBy(e => e.Line)];
        if (!apply || errors.Count > 0)
        {
            return new CsvImportResultDto(sheet.Rows, creates.Count, updates.Count, errors, Applied: false);
        }

        var stockErrors = await ApplyAsync(membership, caller.DisplayName(), creates, updates, cancellationToken);
        return new CsvImportResultDto(sheet.Rows, creates.Count, updates.Count, stockErrors, Applied: stockErrors.Count == 0);
    }

    /// <summary>Writes every row in one transaction; a stock that changed meanwhile so far that the new value cannot be reached undoes it all.</summary>
    private async Task<List<CsvErrorDto>> ApplyAsync(ShopMembership membership, string byName, List<CatalogCsvRow> creates, List<(CatalogCsvRow Row, Product Product)> updates, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var shopId = membership.Shop.Id;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var row in creates)
        {
            var stock = row.Stock ?? 0;
            var product = new Product(Guid.CreateVersion7(), shopId, row.Input.Sku, row.Input.Name, row.Input.Description, Product.PlaceholderImageUrl, row.Input.Price, row.Input.Currency, stock, now);
            product.Edit(row.Input, now);
            if (row.Archived)
            {
                product.Archive(true, now);
            }

            db.Products.Add(product);
            if (stock > 0)
            {
                db.StockAdjustments.Add(new StockAdjustment(Guid.CreateVersion7(), product.Id, membership.UserId, byName, 0, stock, CatalogCsv.StockReason, now));
            }
        }

        foreach (var (row, product) in updates.Where(u => FieldsChange(u.Row, u.Product)))
        {
            product.Edit(row.Input, now);
            if (row.Archived != product.IsArchived)
            {
                product.Archive(row.Archived, now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        // Stock as ShopCatalog.AdjustStockAsync changes it: by the difference, conditionally, never below 0 even while buyers take units.
        var changedStock = new List<Guid>();
        foreach (var (row, product) in updates.Where(u => u.Row.Stock is { } target && target != u.Product.Stock))
        {
            var change = row.Stock!.Value - product.Stock;
            var id = product.Id;
            var changed = await db.Products
                .Where(p => p.Id == id && p.Stock + change >= 0 && p.Stock + change <= Limits.StockMax)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + change), cancellationToken);
            var after = await db.Products.Where(p => p.Id == id).Select(p => p.Stock).SingleAsync(cancellationToken);
            if (changed == 0)
            {
                // Leaving without a commit rolls every row back.
                return [new CsvErrorDto(row.Line, CatalogCsv.Stock, $"Only {after} of “{product.Name}” are in stock now (sold meanwhile): nothing was imported. Check the stock and import again.")];
            }

            db.StockAdjustments.Add(new StockAdjustment(Guid.CreateVersion7(), id, membership.UserId, byName, after - change, after, CatalogCsv.StockReason, now));
            changedStock.Add(id);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (changedStock.Count > 0)
        {
            stockFanout.ChangedOutsideShows(changedStock);
        }

        return [];
    }

    /// <summary>Whether the row changes the product: any field, archived, or a stock cell with another number. A row equal to the product is left alone (not counted).</summary>
    private static bool Changes(CatalogCsvRow row, Product product) =>
        FieldsChange(row, product) || (row.Stock is { } stock && stock != product.Stock);

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
        DomainException.TooLarge(ProblemCodes.CsvInvalid, $"A catalog file can be at most {Limits.CsvImportMaxBytes / (1024 * 1024)} MB; split it into smaller files.");
}
