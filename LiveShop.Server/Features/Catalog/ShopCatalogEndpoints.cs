using System.Security.Claims;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Media;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LiveShop.Server.Features.Catalog;

/// <summary>A shop's products in its back office: <c>/api/shops/{shopId}/products</c>.</summary>
public static class ShopCatalogEndpoints
{
    public static IEndpointRouteBuilder MapShopCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Shops + "/{shopId:guid}/products").WithTags("Shop catalog").RequireAuthorization();
        group.MapGet("/", ListAsync).WithName("ShopProducts")
            .WithSummary("The shop's products: active (or archived=true), low stock only, searched by name or SKU, in pages.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateProduct").WithSummary("Adds a product (owners and managers).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{productId:guid}", GetAsync).WithName("ShopProduct").WithSummary("One of the shop's products.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{productId:guid}", UpdateAsync).WithName("UpdateProduct").WithSummary("Edits a product (owners and managers).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{productId:guid}/duplicate", DuplicateAsync).WithName("DuplicateProduct").WithSummary("Copies a product: new SKU, no stock, same photos.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{productId:guid}/archive", ArchiveAsync).WithName("ArchiveProduct").WithSummary("Archives or restores a product.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{productId:guid}/stock", StockLogAsync).WithName("StockLog").WithSummary("The product's stock log, newest first.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{productId:guid}/stock", AdjustStockAsync).WithName("AdjustStock").WithSummary("Units in or out by hand, with a reason (logged).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{productId:guid}/photos", AddPhotoAsync).WithName("AddProductPhoto")
            .WithSummary("Uploads a photo (multipart/form-data, field “file”: JPEG, PNG or WebP up to 10 MB).")
            .DisableAntiforgery()
            .AcceptsImageUpload()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapPut("/{productId:guid}/photos", ReorderPhotosAsync).WithName("ReorderProductPhotos").WithSummary("Puts the photos in a new order; the first is the cover.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{productId:guid}/photos/{photoId:guid}", RemovePhotoAsync).WithName("RemoveProductPhoto").WithSummary("Removes a photo.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<PageDto<ShopProductDto>>> ListAsync(
        Guid shopId, ClaimsPrincipal user, ShopCatalog catalog, bool? archived, bool? lowStock, string? search, string? currency, int? page, int? pageSize, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.ListAsync(user, shopId, new ProductListQuery(archived ?? false, lowStock ?? false, QueryParameters.Search(search), QueryParameters.Currency(currency), QueryParameters.Page(page), QueryParameters.PageSize(pageSize, Limits.ProductPageSizeMax)), cancellationToken));

    private static async Task<Created<ShopProductDto>> CreateAsync(Guid shopId, SaveProductRequest request, ClaimsPrincipal user, ShopCatalog catalog, CancellationToken cancellationToken)
    {
        var product = await catalog.CreateAsync(user, shopId, request, cancellationToken);
        return TypedResults.Created(ApiRoutes.ShopProduct(shopId, product.Id), product);
    }

    private static async Task<Ok<ShopProductDto>> GetAsync(Guid shopId, Guid productId, ClaimsPrincipal user, ShopCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.GetAsync(user, shopId, productId, cancellationToken));

    private static async Task<Ok<ShopProductDto>> UpdateAsync(Guid shopId, Guid productId, SaveProductRequest request, ClaimsPrincipal user, ShopCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.UpdateAsync(user, shopId, productId, request, cancellationToken));

    private static async Task<Created<ShopProductDto>> DuplicateAsync(Guid shopId, Guid productId, ClaimsPrincipal user, ShopCatalog catalog, CancellationToken cancellationToken)
    {
        var copy = await catalog.DuplicateAsync(user, shopId, productId, cancellationToken);
        return TypedResults.Created(ApiRoutes.ShopProduct(shopId, copy.Id), copy);
    }

    private static async Task<Ok<ShopProductDto>> ArchiveAsync(Guid shopId, Guid productId, ArchiveProductRequest request, ClaimsPrincipal user, ShopCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.ArchiveAsync(user, shopId, productId,
            request?.Archived ?? throw Common.DomainException.Invalid(ProblemCodes.ValidationFailed, "Send {\"archived\": true} to archive or false to restore."), cancellationToken));

    private static async Task<Ok<List<StockAdjustmentDto>>> StockLogAsync(Guid shopId, Guid productId, ClaimsPrincipal user, ShopCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.StockLogAsync(user, shopId, productId, cancellationToken));

    private static async Task<Ok<StockAdjustmentDto>> AdjustStockAsync(Guid shopId, Guid productId, AdjustStockRequest request, ClaimsPrincipal user, ShopCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.AdjustStockAsync(user, shopId, productId, request, cancellationToken));

    private static async Task<Ok<ShopProductDto>> AddPhotoAsync(Guid shopId, Guid productId, [FromForm] IFormFile? file, ClaimsPrincipal user, ShopCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.AddPhotoAsync(user, shopId, productId, file, cancellationToken));

    private static async Task<Ok<ShopProductDto>> ReorderPhotosAsync(Guid shopId, Guid productId, ReorderPhotosRequest request, ClaimsPrincipal user, ShopCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.ReorderPhotosAsync(user, shopId, productId, request, cancellationToken));

    private static async Task<Ok<ShopProductDto>> RemovePhotoAsync(Guid shopId, Guid productId, Guid photoId, ClaimsPrincipal user, ShopCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.RemovePhotoAsync(user, shopId, productId, photoId, cancellationToken));
}
