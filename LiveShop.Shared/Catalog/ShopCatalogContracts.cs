namespace LiveShop.Shared.Catalog;

/// <summary>A photo of a product in three sizes (longest side 320, 800 and 1600 px, never upscaled).</summary>
public sealed record ProductPhotoDto(Guid Id, string ThumbUrl, string MediumUrl, string LargeUrl, int Width, int Height);

/// <summary>
/// A product as its shop's back office sees it. <see cref="Photos"/> are in order; the first is the cover.
/// A product with <see cref="Options"/> (1–3 names, e.g. "Colour", "Size") is sold as one of its
/// <see cref="Variants"/>; its <see cref="Stock"/> is then the sum of theirs. Without options it has no variants.
/// </summary>
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
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string>? Options = null,
    IReadOnlyList<ShopVariantDto>? Variants = null,
    IReadOnlyList<ProductPriceDto>? Prices = null,
    decimal? LowestPrice30Days = null);

/// <summary>
/// A product's price in a currency other than its main one (<see cref="ShopProductDto.Currency"/>): what it
/// sells for in shows in <see cref="Currency"/>, with an optional compare-at ("was") price above it.
/// </summary>
public sealed record ProductPriceDto(string Currency, decimal Price, decimal? CompareAtPrice);

/// <summary>
/// One variant of a product in the back office: its own SKU, one value per option of the product (in the
/// options' order), an optional price that replaces the product's, and its own stock.
/// <see cref="Price"/> is what buyers pay (the override, or the product's price).
/// </summary>
public sealed record ShopVariantDto(
    Guid Id,
    string Sku,
    IReadOnlyList<string> Values,
    decimal? PriceOverride,
    decimal Price,
    int Stock,
    bool IsLowStock,
    int Position);

/// <summary>
/// Creates (<c>POST</c>) or edits (<c>PUT</c>) a product. <see cref="InitialStock"/> is read only when
/// creating; afterwards stock changes only through a stock adjustment with a reason.
/// <see cref="Options"/> (0–3 names) and <see cref="Variants"/> (1–100 when there are options, none
/// otherwise) describe the whole set: on <c>PUT</c> a variant with a known <see cref="SaveVariantRequest.Id"/>
/// is edited, one without an id is added, and one left out is removed (refused while it has stock).
/// <see cref="Prices"/> are the prices in other currencies, also the whole set (null: none).
/// </summary>
public sealed record SaveProductRequest(
    string Sku,
    string Name,
    string? Description,
    decimal Price,
    decimal? CompareAtPrice,
    string Currency,
    int LowStockThreshold,
    int InitialStock = 0,
    IReadOnlyList<string>? Options = null,
    IReadOnlyList<SaveVariantRequest>? Variants = null,
    IReadOnlyList<ProductPriceDto>? Prices = null);

/// <summary>
/// A variant in a <see cref="SaveProductRequest"/>: null <see cref="Id"/> for a new one; <see cref="Values"/>
/// one per option; <see cref="PriceOverride"/> null to sell at the product's price. <see cref="InitialStock"/>
/// is read only for a new variant.
/// </summary>
public sealed record SaveVariantRequest(
    Guid? Id,
    string Sku,
    IReadOnlyList<string> Values,
    decimal? PriceOverride,
    int InitialStock = 0);

/// <summary>
/// A stock change by hand: how many units come in (positive) or go out (negative), and why.
/// <see cref="VariantId"/> names the variant of a product with variants (required there, refused otherwise).
/// </summary>
public sealed record AdjustStockRequest(int Change, string Reason, Guid? VariantId = null);

/// <summary>One line of a product's stock log; <see cref="Variant"/> is the variant's label then ("Red / M"), null without variants.</summary>
public sealed record StockAdjustmentDto(Guid Id, DateTimeOffset At, string ByName, int Before, int After, string Reason, string? Variant = null);

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
