using System.Net.Http.Headers;
using System.Net.Http.Json;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;

namespace LiveShop.Client.Services;

/// <summary>Which of a shop's products a list page asks for. <see cref="Page"/> is 0-based.</summary>
public sealed record ShopProductQuery(bool Archived = false, bool LowStock = false, string? Search = null, string? Currency = null, int Page = 0, int PageSize = 25)
{
    /// <summary>The query string the server reads (<c>archived</c>, <c>lowStock</c>, <c>search</c>, <c>currency</c>, <c>page</c>, <c>pageSize</c>).</summary>
    public string ToQueryString()
    {
        var parts = new List<string> { $"archived={(Archived ? "true" : "false")}", $"lowStock={(LowStock ? "true" : "false")}" };
        if (!string.IsNullOrWhiteSpace(Search))
        {
            parts.Add("search=" + Uri.EscapeDataString(Search.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(Currency))
        {
            parts.Add("currency=" + Uri.EscapeDataString(Currency));
        }

        parts.Add($"page={Page}");
        parts.Add($"pageSize={Math.Clamp(PageSize, 1, Limits.ProductPageSizeMax)}");
        return "?" + string.Join('&', parts);
    }
}

// The shop's back-office catalog (issue 11): products, stock, photos and the CSV import.
public sealed partial class ApiClient
{
    /// <summary>The caller's shops and the caller's role in each (for the back office's navigation and shop switcher).</summary>
    public Task<IReadOnlyList<MyShopDto>> CatalogShopsAsync() => GetAsync<IReadOnlyList<MyShopDto>>(ApiRoutes.Shops);

    /// <summary>One shop's settings (the catalog form reads its default currency).</summary>
    public Task<ShopDto> CatalogShopAsync(Guid shopId) => GetAsync<ShopDto>(ApiRoutes.Shop(shopId));

    public Task<PageDto<ShopProductDto>> ShopProductsAsync(Guid shopId, ShopProductQuery query) =>
        GetAsync<PageDto<ShopProductDto>>(ApiRoutes.ShopProducts(shopId) + query.ToQueryString());

    public Task<ShopProductDto> ShopProductAsync(Guid shopId, Guid productId) => GetAsync<ShopProductDto>(ApiRoutes.ShopProduct(shopId, productId));

    /// <summary>Adds a product; <see cref="SaveProductRequest.InitialStock"/> is its first stock.</summary>
    public Task<ShopProductDto> CreateProductAsync(Guid shopId, SaveProductRequest request) =>
        PostAsync<SaveProductRequest, ShopProductDto>(ApiRoutes.ShopProducts(shopId), request);

    /// <summary>Edits a product (the server ignores <see cref="SaveProductRequest.InitialStock"/> here).</summary>
    public Task<ShopProductDto> UpdateProductAsync(Guid shopId, Guid productId, SaveProductRequest request) =>
        CatalogPutAsync<SaveProductRequest, ShopProductDto>(ApiRoutes.ShopProduct(shopId, productId), request);

    /// <summary>Copies a product: a new SKU, no stock, the same photos.</summary>
    public Task<ShopProductDto> DuplicateProductAsync(Guid shopId, Guid productId) =>
        PostAsync<object?, ShopProductDto>(ApiRoutes.DuplicateProduct(shopId, productId), null);

    /// <summary>Archives (<paramref name="archived"/> true) or restores a product.</summary>
    public Task<ShopProductDto> ArchiveProductAsync(Guid shopId, Guid productId, bool archived) =>
        PostAsync<ArchiveProductRequest, ShopProductDto>(ApiRoutes.ArchiveProduct(shopId, productId), new ArchiveProductRequest(archived));

    /// <summary>The product's stock log, newest first.</summary>
    public Task<IReadOnlyList<StockAdjustmentDto>> StockLogAsync(Guid shopId, Guid productId) =>
        GetAsync<IReadOnlyList<StockAdjustmentDto>>(ApiRoutes.ProductStock(shopId, productId));

    public Task<StockAdjustmentDto> AdjustStockAsync(Guid shopId, Guid productId, AdjustStockRequest request) =>
        PostAsync<AdjustStockRequest, StockAdjustmentDto>(ApiRoutes.ProductStock(shopId, productId), request);

    /// <summary>Uploads one photo (JPEG, PNG or WebP) as the multipart field <c>file</c>; answers the product with its photos.</summary>
    public async Task<ShopProductDto> AddProductPhotoAsync(Guid shopId, Guid productId, Stream content, string fileName, string contentType)
    {
        using var form = CatalogFileForm(new StreamContent(content), fileName, contentType);
        return await ReadAsync<ShopProductDto>(await http.PostAsync(ApiRoutes.ProductPhotos(shopId, productId), form));
    }

    /// <summary>Puts the photos in this order (every photo id once); the first becomes the cover.</summary>
    public Task<ShopProductDto> ReorderProductPhotosAsync(Guid shopId, Guid productId, IReadOnlyList<Guid> photoIds) =>
        CatalogPutAsync<ReorderPhotosRequest, ShopProductDto>(ApiRoutes.ProductPhotos(shopId, productId), new ReorderPhotosRequest(photoIds));

    public async Task<ShopProductDto> RemoveProductPhotoAsync(Guid shopId, Guid productId, Guid photoId) =>
        await ReadAsync<ShopProductDto>(await http.DeleteAsync(ApiRoutes.ProductPhoto(shopId, productId, photoId)));

    /// <summary>Where the browser downloads the shop's catalog as CSV (a plain link: the cookie goes with it).</summary>
    public static string CatalogCsvUrl(Guid shopId) => ApiRoutes.CatalogCsv(shopId).TrimStart('/');

    /// <summary>
    /// Sends a catalog CSV. <paramref name="apply"/> false previews (writes nothing); true writes every row,
    /// or none when any row has an error.
    /// </summary>
    public async Task<CsvImportResultDto> ImportCatalogAsync(Guid shopId, byte[] csv, string fileName, bool apply)
    {
        using var form = CatalogFileForm(new ByteArrayContent(csv), fileName, "text/csv");
        return await ReadAsync<CsvImportResultDto>(await http.PostAsync(ApiRoutes.CatalogImport(shopId, apply), form));
    }

    private async Task<TResponse> CatalogPutAsync<TRequest, TResponse>(string url, TRequest body) =>
        await ReadAsync<TResponse>(await http.PutAsJsonAsync(url, body));

    private static MultipartFormDataContent CatalogFileForm(HttpContent file, string fileName, string contentType)
    {
        file.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}
