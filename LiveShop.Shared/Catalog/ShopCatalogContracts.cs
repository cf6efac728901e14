namespace LiveShop.Shared.Catalog;

/// <summary>A photo of a product in three sizes (longest side 320, 800 and 1600 px, never upscaled).</summary>
public sealed record ProductPhotoDto(Guid Id, string ThumbUrl, string MediumUrl, string LargeUrl, int Width, int Height);

/// <summary>A product as its shop's back office sees it. <see cref="Photos"/> are in order; the first is the cover.</summary>
public sealed record ShopProductDto(
    Guid Id,
    Guid ShopId,
    string Sku,
    string Name,
    string Description,
    decimal Price,
    decimal? CompareAtPrice,
    string Currency,
    int Stock,
    int LowStockThreshold,
    bool IsLowStock,
    bool IsArchived,
    string ImageUrl,
    IReadOnlyList<ProductPhotoDto> Photos,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// Creates (<c>POST</c>) or edits (<c>PUT</c>) a product. <see cref="InitialStock"/> is read only when
/// creating; afterwards stock changes only through a stock adjustment with a reason.
/// </summary>
public sealed record SaveProductRequest(
    string Sku,
    string Name,
    string? Description,
    decimal Price,
    decimal? CompareAtPrice,
    string Currency,
    int LowStockThreshold,
    int InitialStock = 0);

/// <summary>A stock change by hand: how many units come in (positive) or go out (negative), and why.</summary>
public sealed record AdjustStockRequest(int Change, string Reason);

/// <summary>One line of a product's stock log.</summary>
public sealed record StockAdjustmentDto(Guid Id, DateTimeOffset At, string ByName, int Before, int After, string Reason);

/// <summary>Archive (true) or restore (false); required.</summary>
public sealed record ArchiveProductRequest(bool? Archived);

/// <summary>The photos' new order, by id (every photo of the product, once).</summary>
public sealed record ReorderPhotosRequest(IReadOnlyList<Guid> PhotoIds);

/// <summary>One problem in an imported CSV: its line in the file (the header is line 1), the column, and what is wrong.</summary>
public sealed record CsvErrorDto(int Line, string Column, string Message);

/// <summary>
/// What an import did or would do. A preview (<see cref="Applied"/> false) lists every error and changes
/// nothing; applying writes every row or, if any row has an error, none.
/// </summary>
public sealed record CsvImportResultDto(int Rows, int Created, int Updated, IReadOnlyList<CsvErrorDto> Errors, bool Applied);
