using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Media;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Catalog;

/// <summary>
/// A shop's catalog as its back office changes it: products, their photos and their stock. Every
/// call checks the caller's role in the shop named in the address; another shop's product is
/// "not found" there. Owners and managers change the catalog; every member may read it.
/// </summary>
public sealed class ShopCatalog(LiveShopDbContext db, ShopAccess access, StoreImage images, StockFanout stockFanout, TimeProvider clock)
{
    public async Task<PageDto<ShopProductDto>> ListAsync(ClaimsPrincipal caller, Guid shopId, ProductListQuery query, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, _ => true, "see the catalog", cancellationToken);
        var products = db.Products.AsNoTracking().Where(p => p.ShopId == shopId);
        products = query.Archived ? products.Where(p => p.ArchivedAt != null) : products.Where(p => p.ArchivedAt == null);
        if (query.LowStock)
        {
            // The product's total, or any one of its variants (a total at or below the threshold means every variant is too).
            products = products.Where(p => p.LowStockThreshold > 0 && (p.Stock <= p.LowStockThreshold || p.Variants.Any(v => v.Stock <= p.LowStockThreshold)));
        }

        if (query.Currency is { Length: > 0 } currency)
        {
            products = products.Where(p => p.Currency == currency || p.Prices.Any(x => x.Currency == currency));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToUpperInvariant();
            products = products.Where(p => p.Name.ToUpper().Contains(term) || p.Sku.ToUpper().Contains(term));
        }

        var size = Math.Clamp(query.PageSize ?? 25, 1, Limits.ProductPageSizeMax);
        var page = Math.Clamp(query.Page ?? 0, 0, 100_000);
        var total = await products.CountAsync(cancellationToken);
        var items = await products.Include(p => p.Photos).Include(p => p.Variants).AsSplitQuery().OrderBy(p => p.Name).ThenBy(p => p.Sku).Skip(page * size).Take(size).ToListAsync(cancellationToken);
        return new PageDto<ShopProductDto>([.. items.Select(p => p.ToShopDto())], total);
    }

    public async Task<ShopProductDto> GetAsync(ClaimsPrincipal caller, Guid shopId, Guid productId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, _ => true, "see the catalog", cancellationToken);
        var product = await LoadAsync(shopId, productId, cancellationToken);
        return product.ToShopDto() with { LowestPrice30Days = await LowestBeforeCompareAtAsync(product, cancellationToken) };
    }

    /// <summary>With a compare-at price, in a shop under the EU's 30-day rule: the lowest price of the 30 days before the current one took effect.</summary>
    private async Task<decimal?> LowestBeforeCompareAtAsync(Product product, CancellationToken cancellationToken) =>
        product.CompareAtPrice is not null && await db.Shops.AnyAsync(s => s.Id == product.ShopId && s.ShowLowestPrice30Days, cancellationToken)
            ? await PriceHistory.LowestBeforeCurrentPriceAsync(db, product.Id, product.Currency, clock.GetUtcNow(), cancellationToken)
            : null;

    public async Task<ShopProductDto> CreateAsync(ClaimsPrincipal caller, Guid shopId, SaveProductRequest request, CancellationToken cancellationToken)
    {
        var membership = await RequireEditorAsync(caller, shopId, cancellationToken);
        var input = ProductInput.Parse(request);
        if (request.InitialStock < 0 || request.InitialStock > Limits.StockMax)
        {
            throw ProductInput.Invalid("Stock is a number of units from 0 to {0:N0}.", Limits.StockMax);
        }

        var variants = VariantsInput.Parse(request, input.Sku);
        var prices = ProductPricesInput.Parse(request.Prices, input.Currency);
        if (variants.HasVariants && request.InitialStock != 0)
        {
            throw VariantsInput.Invalid("A product with variants has the stock of its variants: give each variant its starting stock instead of the product.");
        }

        var skus = Skus(input, variants);
        await RequireFreeSkusAsync(shopId, skus, null, cancellationToken);
        var now = clock.GetUtcNow();
        var stock = variants.HasVariants ? 0 : request.InitialStock;
        var product = new Product(Guid.CreateVersion7(), shopId, input.Sku, input.Name, input.Description, Product.PlaceholderImageUrl, input.Price, input.Currency, stock, now);
        product.Edit(input, now);
        product.SetPrices(prices, now);
        if (variants.HasVariants)
        {
            var set = product.SetVariants(variants, now, out _);
            product.StartWithVariantStock();
            Log(set, product.Id, membership, caller.DisplayName(), now);
        }

        db.Products.Add(product);
        if (stock > 0)
        {
            db.StockAdjustments.Add(new StockAdjustment(Guid.CreateVersion7(), product.Id, membership.UserId, caller.DisplayName(), 0, stock, "Initial stock", now));
        }

        await SaveSkusAsync(skus, cancellationToken);
        return product.ToShopDto();
    }

    public async Task<ShopProductDto> UpdateAsync(ClaimsPrincipal caller, Guid shopId, Guid productId, SaveProductRequest request, CancellationToken cancellationToken)
    {
        var membership = await RequireEditorAsync(caller, shopId, cancellationToken);
        var input = ProductInput.Parse(request);
        var variants = VariantsInput.Parse(request, input.Sku);
        var prices = ProductPricesInput.Parse(request.Prices, input.Currency);
        var skus = Skus(input, variants);
        var now = clock.GetUtcNow();

        // The product row's write lock first (orders change its stock meanwhile), then the product as it is now.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Products.Where(p => p.Id == productId && p.ShopId == shopId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, now), cancellationToken);
        if (locked == 0)
        {
            throw ProductNotFound();
        }

        var product = await LoadAsync(shopId, productId, cancellationToken);
        await RequireFreeSkusAsync(shopId, skus, productId, cancellationToken);
        await RequireCurrenciesKeptAsync(product, [input.Currency, .. prices.Select(p => p.Currency)], cancellationToken);
        product.Edit(input, now);
        product.SetPrices(prices, now);
        var stockAdded = 0;
        if (variants.HasVariants || product.HasVariants)
        {
            Log(product.SetVariants(variants, now, out stockAdded), productId, membership, caller.DisplayName(), now);
        }

        await SaveSkusAsync(skus, cancellationToken);
        if (stockAdded != 0)
        {
            await db.Products.Where(p => p.Id == productId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + stockAdded), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await db.Entry(product).ReloadAsync(cancellationToken);
        if (stockAdded != 0)
        {
            stockFanout.ChangedOutsideShows([productId]);
        }

        return product.ToShopDto();
    }

    /// <summary>A copy with a new SKU, no stock, the same photos (the image files are shared until neither uses them) and the same options and variants (each with a new SKU and no stock).</summary>
    public async Task<ShopProductDto> DuplicateAsync(ClaimsPrincipal caller, Guid shopId, Guid productId, CancellationToken cancellationToken)
    {
        await RequireEditorAsync(caller, shopId, cancellationToken);
        var source = await LoadAsync(shopId, productId, cancellationToken);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sku = await FreeCopySkuAsync(shopId, source.Sku, taken, cancellationToken);
        var name = source.Name.Length + 7 <= Limits.ProductNameMaxLength ? $"{source.Name} (copy)" : source.Name;
        var now = clock.GetUtcNow();
        var copy = new Product(Guid.CreateVersion7(), shopId, sku, name, source.Description, source.ImageUrl, source.Price, source.Currency, 0, now);
        copy.Edit(new ProductInput(sku, name, source.Description, source.Price, source.CompareAtPrice, source.Currency, source.LowStockThreshold), now);
        copy.SetPrices([.. source.Prices.Select(p => new ProductPriceInput(p.Currency, p.Price, p.CompareAtPrice))], now);
        foreach (var photo in source.OrderedPhotos)
        {
            copy.AddPhoto(Guid.CreateVersion7(), new PhotoSizes(photo.ImageId, photo.ThumbUrl, photo.MediumUrl, photo.LargeUrl, photo.Width, photo.Height), now);
        }

        if (source.HasVariants)
        {
            var variants = new List<VariantInput>();
            foreach (var variant in source.OrderedVariants)
            {
                variants.Add(new VariantInput(null, await FreeCopySkuAsync(shopId, variant.Sku, taken, cancellationToken), variant.Values, variant.PriceOverride, 0));
            }

            copy.SetVariants(new VariantsInput(source.OptionNames, variants), now, out _);
            copy.StartWithVariantStock();
        }

        db.Products.Add(copy);
        await SaveSkusAsync([.. taken], cancellationToken);
        return copy.ToShopDto();
    }

    public async Task<ShopProductDto> ArchiveAsync(ClaimsPrincipal caller, Guid shopId, Guid productId, bool archived, CancellationToken cancellationToken)
    {
        await RequireEditorAsync(caller, shopId, cancellationToken);
        var product = await LoadAsync(shopId, productId, cancellationToken);
        product.Archive(archived, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return product.ToShopDto();
    }

    /// <summary>
    /// Units in or out by hand, with a reason, logged. The change is a conditional update (never below
    /// 0, even while buyers are taking units), and every live show carrying the product is told. A product
    /// with variants changes one variant's stock (named by <see cref="AdjustStockRequest.VariantId"/>) and its
    /// total by the same amount, in one transaction; the log line carries the variant's label.
    /// </summary>
    public async Task<StockAdjustmentDto> AdjustStockAsync(ClaimsPrincipal caller, Guid shopId, Guid productId, AdjustStockRequest request, CancellationToken cancellationToken)
    {
        var membership = await RequireEditorAsync(caller, shopId, cancellationToken);
        var reason = request?.Reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > Limits.StockReasonMaxLength || reason.Any(char.IsControl))
        {
            throw DomainException.Invalid(ProblemCodes.StockAdjustmentInvalid, "Say why the stock changes (1 to {0} characters), e.g. “Delivery from the farm” or “2 damaged”.", Limits.StockReasonMaxLength);
        }

        var change = request!.Change;
        if (change == 0 || Math.Abs((long)change) > Limits.StockMax)
        {
            throw DomainException.Invalid(ProblemCodes.StockAdjustmentInvalid, "Add or take out 1 to {0:N0} units.", Limits.StockMax);
        }

        var product = await LoadAsync(shopId, productId, cancellationToken);
        if (product.HasVariants || request.VariantId is not null)
        {
            return await AdjustVariantStockAsync(caller, membership, product, request.VariantId, change, reason, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Products
            .Where(p => p.Id == productId && p.Stock + change >= 0 && p.Stock + change <= Limits.StockMax)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + change), cancellationToken);
        var after = await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync(cancellationToken);
        if (changed == 0)
        {
            throw change < 0
                ? DomainException.Conflict(ProblemCodes.StockAdjustmentInvalid, "Only {0} of “{1}” are in stock: you can take out at most {0}.", after, product.Name)
                : DomainException.Conflict(ProblemCodes.StockAdjustmentInvalid, "Stock can be at most {0:N0} units.", Limits.StockMax);
        }

        var adjustment = new StockAdjustment(Guid.CreateVersion7(), productId, membership.UserId, caller.DisplayName(), after - change, after, reason, clock.GetUtcNow());
        db.StockAdjustments.Add(adjustment);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        stockFanout.ChangedOutsideShows([productId]);
        return ToDto(adjustment);
    }

    private async Task<StockAdjustmentDto> AdjustVariantStockAsync(ClaimsPrincipal caller, ShopMembership membership, Product product, Guid? variantId, int change, string reason, CancellationToken cancellationToken)
    {
        if (!product.HasVariants)
        {
            throw DomainException.NotFound(ProblemCodes.VariantNotFound, "“{0}” has no variants: change its stock without naming one.", product.Name);
        }

        if (variantId is not { } id)
        {
            throw DomainException.Invalid(ProblemCodes.VariantRequired, "“{0}” has variants: choose the variant whose stock changes.", product.Name);
        }

        var variant = product.Variants.SingleOrDefault(v => v.Id == id)
            ?? throw DomainException.NotFound(ProblemCodes.VariantNotFound, "“{0}” has no variant with that id: reload the product.", product.Name);

        // The product row first (the lock every change of the product takes first), then the variant; both conditional, both or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var productId = product.Id;
        await db.Products.Where(p => p.Id == productId && p.Stock + change >= 0)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + change), cancellationToken);
        var changed = await db.Set<ProductVariant>()
            .Where(v => v.Id == id && v.ProductId == productId && v.Stock + change >= 0 && v.Stock + change <= Limits.StockMax)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Stock, v => v.Stock + change), cancellationToken);
        var after = await db.Set<ProductVariant>().Where(v => v.Id == id).Select(v => v.Stock).SingleAsync(cancellationToken);
        if (changed == 0)
        {
            // Leaving without a commit undoes the product's total too.
            throw change < 0
                ? DomainException.Conflict(ProblemCodes.StockAdjustmentInvalid, "Only {0} of “{1}” in “{2}” are in stock: you can take out at most {0}.", after, product.Name, variant.Label)
                : DomainException.Conflict(ProblemCodes.StockAdjustmentInvalid, "A variant's stock can be at most {0:N0} units.", Limits.StockMax);
        }

        var adjustment = new StockAdjustment(Guid.CreateVersion7(), productId, membership.UserId, caller.DisplayName(), after - change, after, reason, clock.GetUtcNow(), id, variant.Label);
        db.StockAdjustments.Add(adjustment);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        stockFanout.ChangedOutsideShows([productId]);
        return ToDto(adjustment);
    }

    public async Task<List<StockAdjustmentDto>> StockLogAsync(ClaimsPrincipal caller, Guid shopId, Guid productId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, _ => true, "see the stock log", cancellationToken);
        await LoadAsync(shopId, productId, cancellationToken);
        var log = await db.StockAdjustments.AsNoTracking().Where(a => a.ProductId == productId).ToListAsync(cancellationToken);
        return [.. log.OrderByDescending(a => a.At).Take(500).Select(ToDto)];
    }

    /// <summary>Stores an uploaded photo (decoded, re-encoded, metadata dropped, three sizes) and adds it last.</summary>
    public async Task<ShopProductDto> AddPhotoAsync(ClaimsPrincipal caller, Guid shopId, Guid productId, IFormFile? file, CancellationToken cancellationToken)
    {
        await RequireEditorAsync(caller, shopId, cancellationToken);
        var product = await LoadAsync(shopId, productId, cancellationToken);
        if (product.Photos.Count >= Limits.ProductPhotosMax)
        {
            throw DomainException.Conflict(ProblemCodes.PhotoLimitReached, "A product has at most {0} photos; remove one first.", Limits.ProductPhotosMax);
        }

        if (file is null)
        {
            throw DomainException.Invalid(ProblemCodes.ImageInvalid, "Choose a JPEG, PNG or WebP photo to upload (the form field “file”).");
        }

        var stored = await images.StoreAsync(file, cancellationToken);
        try
        {
            product.AddPhoto(Guid.CreateVersion7(), PhotoSizes.From(stored), clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // Refused or cancelled after the files were written: they belong to nothing, so they go.
            await images.DeleteAsync(stored.Id, CancellationToken.None);
            throw;
        }

        return product.ToShopDto();
    }

    public async Task<ShopProductDto> RemovePhotoAsync(ClaimsPrincipal caller, Guid shopId, Guid productId, Guid photoId, CancellationToken cancellationToken)
    {
        await RequireEditorAsync(caller, shopId, cancellationToken);
        var product = await LoadAsync(shopId, productId, cancellationToken);
        var photo = product.RemovePhoto(photoId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        if (!await db.ProductPhotos.AnyAsync(p => p.ImageId == photo.ImageId, cancellationToken))
        {
            await images.DeleteAsync(photo.ImageId, cancellationToken);
        }

        return product.ToShopDto();
    }

    public async Task<ShopProductDto> ReorderPhotosAsync(ClaimsPrincipal caller, Guid shopId, Guid productId, ReorderPhotosRequest request, CancellationToken cancellationToken)
    {
        await RequireEditorAsync(caller, shopId, cancellationToken);
        var product = await LoadAsync(shopId, productId, cancellationToken);
        product.ReorderPhotos(request?.PhotoIds ?? [], clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return product.ToShopDto();
    }

    private Task<ShopMembership> RequireEditorAsync(ClaimsPrincipal caller, Guid shopId, CancellationToken cancellationToken) =>
        access.RequireAsync(caller, shopId, ShopPermissions.CanManageCatalog, "change the catalog", cancellationToken);

    private async Task<Product> LoadAsync(Guid shopId, Guid productId, CancellationToken cancellationToken) =>
        await db.Products.Include(p => p.Photos).Include(p => p.Variants).AsSplitQuery().SingleOrDefaultAsync(p => p.Id == productId && p.ShopId == shopId, cancellationToken)
        ?? throw ProductNotFound();

    /// <summary>
    /// A lineup sells in its show's currency: the product cannot stop selling in a currency (a new main
    /// currency, an extra price dropped) while a show still to end in that currency carries it.
    /// </summary>
    private async Task RequireCurrenciesKeptAsync(Product product, IReadOnlyList<string> kept, CancellationToken cancellationToken)
    {
        var dropped = product.SoldInCurrencies.Except(kept).ToList();
        if (dropped.Count == 0)
        {
            return;
        }

        var productId = product.Id;
        var inShow = await db.ShowProducts.AsNoTracking()
            .Where(l => l.ProductId == productId)
            .Join(db.Shows, l => l.ShowId, s => s.Id, (l, s) => s)
            .Where(s => s.Status != ShowStatus.Ended && dropped.Contains(s.Currency))
            .Select(s => new { s.Title, s.Currency })
            .FirstOrDefaultAsync(cancellationToken);
        if (inShow is not null)
        {
            throw DomainException.Conflict(ProblemCodes.ProductInvalid, "“{0}” is in the lineup of “{1}”, which sells in {2}: keep its price in {2}, or take it out of that show first.", product.Name, inShow.Title, inShow.Currency);
        }
    }

    private static DomainException ProductNotFound() => DomainException.NotFound(ProblemCodes.ProductNotFound, "This shop has no product with that id.");

    /// <summary>The product's SKU and its variants'.</summary>
    private static List<string> Skus(ProductInput input, VariantsInput variants) => [input.Sku, .. variants.Variants.Select(v => v.Sku)];

    /// <summary>Logs each variant's stock set by a change of variants (a new one's starting stock, the product's stock moving to its first).</summary>
    private void Log(IEnumerable<VariantStockSet> set, Guid productId, ShopMembership membership, string byName, DateTimeOffset now)
    {
        foreach (var s in set)
        {
            db.StockAdjustments.Add(new StockAdjustment(Guid.CreateVersion7(), productId, membership.UserId, byName, s.Before, s.After, s.Reason, now, s.Variant.Id, s.Variant.Label));
        }
    }

    /// <summary>Saves; a request that lost a race for a SKU gets the same 409 as the check before it.</summary>
    private async Task SaveSkusAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            throw CatalogSkus.Taken(skus);
        }
    }

    private async Task RequireFreeSkusAsync(Guid shopId, IReadOnlyList<string> skus, Guid? productId, CancellationToken cancellationToken)
    {
        var used = await CatalogSkus.UsedAsync(db, shopId, skus, productId, cancellationToken);
        if (skus.FirstOrDefault(used.Contains) is { } sku)
        {
            throw CatalogSkus.Taken(sku);
        }
    }

    /// <summary>A free SKU for a copy (“…-COPY”, “…-COPY2”): used by no product or variant of the shop, nor by another SKU of this copy (<paramref name="taken"/>, which gets it).</summary>
    private async Task<string> FreeCopySkuAsync(Guid shopId, string sku, HashSet<string> taken, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "-COPY" : $"-COPY{n}";
            var candidate = (sku.Length + suffix.Length > Limits.SkuMaxLength ? sku[..(Limits.SkuMaxLength - suffix.Length)] : sku) + suffix;
            if (!taken.Contains(candidate) && (await CatalogSkus.UsedAsync(db, shopId, [candidate], null, cancellationToken)).Count == 0)
            {
                taken.Add(candidate);
                return candidate;
            }
        }
    }

    private static StockAdjustmentDto ToDto(StockAdjustment a) => new(a.Id, a.At, a.ByName, a.Before, a.After, a.Reason, a.Variant);
}

/// <summary>The product list's filters: archived ones only (else active ones only), low stock only, a search in name and SKU, a currency, a page.</summary>
public sealed record ProductListQuery(bool Archived, bool LowStock, string? Search, string? Currency, int? Page, int? PageSize);
