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
            products = products.Where(p => p.LowStockThreshold > 0 && p.Stock <= p.LowStockThreshold);
        }

        if (query.Currency is { Length: > 0 } currency)
        {
            products = products.Where(p => p.Currency == currency);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToUpperInvariant();
            products = products.Where(p => p.Name.ToUpper().Contains(term) || p.Sku.ToUpper().Contains(term));
        }

        var size = Math.Clamp(query.PageSize ?? 25, 1, Limits.ProductPageSizeMax);
        var page = Math.Clamp(query.Page ?? 0, 0, 100_000);
        var total = await products.CountAsync(cancellationToken);
        var items = await products.Include(p => p.Photos).OrderBy(p => p.Name).ThenBy(p => p.Sku).Skip(page * size).Take(size).ToListAsync(cancellationToken);
        return new PageDto<ShopProductDto>([.. items.Select(p => p.ToShopDto())], total);
    }

    public async Task<ShopProductDto> GetAsync(ClaimsPrincipal caller, Guid shopId, Guid productId, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, _ => true, "see the catalog", cancellationToken);
        return (await LoadAsync(shopId, productId, cancellationToken)).ToShopDto();
    }

    public async Task<ShopProductDto> CreateAsync(ClaimsPrincipal caller, Guid shopId, SaveProductRequest request, CancellationToken cancellationToken)
    {
        var membership = await RequireEditorAsync(caller, shopId, cancellationToken);
        var input = ProductInput.Parse(request);
        if (request.InitialStock < 0 || request.InitialStock > Limits.StockMax)
        {
            throw ProductInput.Invalid($"Stock is a number of units from 0 to {Limits.StockMax:N0}.");
        }

        await RequireFreeSkuAsync(shopId, input.Sku, null, cancellationToken);
        var now = clock.GetUtcNow();
        var product = new Product(Guid.CreateVersion7(), shopId, input.Sku, input.Name, input.Description, Product.PlaceholderImageUrl, input.Price, input.Currency, request.InitialStock, now);
        product.Edit(input, now);
        db.Products.Add(product);
        if (request.InitialStock > 0)
        {
            db.StockAdjustments.Add(new StockAdjustment(Guid.CreateVersion7(), product.Id, membership.UserId, caller.DisplayName(), 0, request.InitialStock, "Initial stock", now));
        }

        await SaveSkuAsync(input.Sku, cancellationToken);
        return product.ToShopDto();
    }

    public async Task<ShopProductDto> UpdateAsync(ClaimsPrincipal caller, Guid shopId, Guid productId, SaveProductRequest request, CancellationToken cancellationToken)
    {
        await RequireEditorAsync(caller, shopId, cancellationToken);
        var input = ProductInput.Parse(request);
        var product = await LoadAsync(shopId, productId, cancellationToken);
        await RequireFreeSkuAsync(shopId, input.Sku, productId, cancellationToken);
        if (input.Currency != product.Currency)
        {
            // A lineup sells in its show's currency: the product cannot leave it while a show still to end carries it.
            var inShow = await db.ShowProducts.AsNoTracking()
                .Where(l => l.ProductId == productId)
                .Join(db.Shows, l => l.ShowId, s => s.Id, (l, s) => s)
                .Where(s => s.Status != ShowStatus.Ended && s.Currency != input.Currency)
                .Select(s => s.Title)
                .FirstOrDefaultAsync(cancellationToken);
            if (inShow is not null)
            {
                throw DomainException.Conflict(ProblemCodes.ProductInvalid, $"“{product.Name}” is in the lineup of “{inShow}”, which sells in {product.Currency}: take it out of that show before changing its currency.");
            }
        }

        product.Edit(input, clock.GetUtcNow());
        await SaveSkuAsync(input.Sku, cancellationToken);
        return product.ToShopDto();
    }

    /// <summary>A copy with a new SKU, no stock, and the same photos (the image files are shared until neither uses them).</summary>
    public async Task<ShopProductDto> DuplicateAsync(ClaimsPrincipal caller, Guid shopId, Guid productId, CancellationToken cancellationToken)
    {
        await RequireEditorAsync(caller, shopId, cancellationToken);
        var source = await LoadAsync(shopId, productId, cancellationToken);
        var sku = await FreeCopySkuAsync(shopId, source.Sku, cancellationToken);
        var name = source.Name.Length + 7 <= Limits.ProductNameMaxLength ? $"{source.Name} (copy)" : source.Name;
        var now = clock.GetUtcNow();
        var copy = new Product(Guid.CreateVersion7(), shopId, sku, name, source.Description, source.ImageUrl, source.Price, source.Currency, 0, now);
        copy.Edit(new ProductInput(sku, name, source.Description, source.Price, source.CompareAtPrice, source.Currency, source.LowStockThreshold), now);
        foreach (var photo in source.OrderedPhotos)
        {
            copy.AddPhoto(Guid.CreateVersion7(), new PhotoSizes(photo.ImageId, photo.ThumbUrl, photo.MediumUrl, photo.LargeUrl, photo.Width, photo.Height), now);
        }

        db.Products.Add(copy);
        await SaveSkuAsync(sku, cancellationToken);
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
    /// 0, even while buyers are taking units), and every live show carrying the product is told.
    /// </summary>
    public async Task<StockAdjustmentDto> AdjustStockAsync(ClaimsPrincipal caller, Guid shopId, Guid productId, AdjustStockRequest request, CancellationToken cancellationToken)
    {
        var membership = await RequireEditorAsync(caller, shopId, cancellationToken);
        var reason = request?.Reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > Limits.StockReasonMaxLength || reason.Any(char.IsControl))
        {
            throw DomainException.Invalid(ProblemCodes.StockAdjustmentInvalid, $"Say why the stock changes (1 to {Limits.StockReasonMaxLength} characters), e.g. “Delivery from the farm” or “2 damaged”.");
        }

        var change = request!.Change;
        if (change == 0 || Math.Abs((long)change) > Limits.StockMax)
        {
            throw DomainException.Invalid(ProblemCodes.StockAdjustmentInvalid, $"Add or take out 1 to {Limits.StockMax:N0} units.");
        }

        var product = await LoadAsync(shopId, productId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Products
            .Where(p => p.Id == productId && p.Stock + change >= 0 && p.Stock + change <= Limits.StockMax)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Stock, p => p.Stock + change), cancellationToken);
        var after = await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync(cancellationToken);
        if (changed == 0)
        {
            throw DomainException.Conflict(ProblemCodes.StockAdjustmentInvalid, change < 0
                ? $"Only {after} of “{product.Name}” are in stock: you can take out at most {after}."
                : $"Stock can be at most {Limits.StockMax:N0} units.");
        }

        var adjustment = new StockAdjustment(Guid.CreateVersion7(), productId, membership.UserId, caller.DisplayName(), after - change, after, reason, clock.GetUtcNow());
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
            throw DomainException.Conflict(ProblemCodes.PhotoLimitReached, $"A product has at most {Limits.ProductPhotosMax} photos; remove one first.");
        }

        if (file is null)
        {
            throw DomainException.Invalid(ProblemCodes.ImageInvalid, "Choose a JPEG, PNG or WebP photo to upload (the form field “file”).");
        }

        var stored = await images.StoreAsync(file, cancellationToken);
        try
        {
            product.AddPhoto(Guid.CreateVersion7(), new PhotoSizes(stored.Id, stored.ThumbUrl, stored.MediumUrl, stored.LargeUrl, stored.Width, stored.Height), clock.GetUtcNow());
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
        await db.Products.Include(p => p.Photos).SingleOrDefaultAsync(p => p.Id == productId && p.ShopId == shopId, cancellationToken)
        ?? throw DomainException.NotFound(ProblemCodes.ProductNotFound, "This shop has no product with that id.");

    /// <summary>Saves; a request that lost a race for the SKU gets the same 409 as the check before it.</summary>
    private async Task SaveSkuAsync(string sku, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            throw SkuTaken(sku);
        }
    }

    private static DomainException SkuTaken(string sku) =>
        DomainException.Conflict(ProblemCodes.SkuTaken, $"Another product of this shop already has the SKU “{sku}”.");

    private async Task RequireFreeSkuAsync(Guid shopId, string sku, Guid? productId, CancellationToken cancellationToken)
    {
        if (await db.Products.AnyAsync(p => p.ShopId == shopId && p.Sku == sku && p.Id != productId, cancellationToken))
        {
            throw SkuTaken(sku);
        }
    }

    private async Task<string> FreeCopySkuAsync(Guid shopId, string sku, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "-COPY" : $"-COPY{n}";
            var candidate = (sku.Length + suffix.Length > Limits.SkuMaxLength ? sku[..(Limits.SkuMaxLength - suffix.Length)] : sku) + suffix;
            if (!await db.Products.AnyAsync(p => p.ShopId == shopId && p.Sku == candidate, cancellationToken))
            {
                return candidate;
            }
        }
    }

    private static StockAdjustmentDto ToDto(StockAdjustment a) => new(a.Id, a.At, a.ByName, a.Before, a.After, a.Reason, a.Variant);
}

/// <summary>The product list's filters: archived ones only (else active ones only), low stock only, a search in name and SKU, a currency, a page.</summary>
public sealed record ProductListQuery(bool Archived, bool LowStock, string? Search, string? Currency, int? Page, int? PageSize);
