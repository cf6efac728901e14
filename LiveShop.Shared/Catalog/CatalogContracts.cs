namespace LiveShop.Shared.Catalog;

public sealed record ProductDto(
    Guid Id,
    string Sku,
    string Name,
    string Description,
    string ImageUrl,
    decimal Price,
    string Currency,
    int Stock);
