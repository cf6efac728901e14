using LiveShop.Shared.Catalog;

namespace LiveShop.Server.Features.Catalog;

/// <summary>A product in the catalog. Price is a decimal amount in <see cref="Currency"/>.</summary>
public sealed class Product
{
    private Product()
    {
    }

    public Product(Guid id, string sku, string name, string description, string imageUrl, decimal price, string currency, int stock)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(price);
        ArgumentOutOfRangeException.ThrowIfNegative(stock);
        Id = id;
        Sku = sku;
        Name = name;
        Description = description;
        ImageUrl = imageUrl;
        Price = price;
        Currency = currency;
        Stock = stock;
    }

    public Guid Id { get; private set; }

    public string Sku { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    public string ImageUrl { get; private set; } = "";

    public decimal Price { get; private set; }

    public string Currency { get; private set; } = "";

    public int Stock { get; private set; }

    public ProductDto ToDto() => new(Id, Sku, Name, Description, ImageUrl, Price, Currency, Stock);
}
