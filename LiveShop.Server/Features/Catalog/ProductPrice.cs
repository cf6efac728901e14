using LiveShop.Shared.Catalog;

namespace LiveShop.Server.Features.Catalog;

/// <summary>
/// A product's price in a currency other than its main one (<see cref="Product.Currency"/>): what it sells
/// for in shows in that currency. Owned by the product (table <c>ProductPrices</c>, one row per currency).
/// </summary>
public sealed class ProductPrice
{
    private ProductPrice()
    {
    }

    public ProductPrice(string currency, decimal price, decimal? compareAtPrice)
    {
        Currency = currency;
        Set(price, compareAtPrice);
    }

    public string Currency { get; private set; } = "";

    public decimal Price { get; private set; }

    /// <summary>The "was" price in this currency; null: none.</summary>
    public decimal? CompareAtPrice { get; private set; }

    internal void Set(decimal price, decimal? compareAtPrice)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        Price = price;
        CompareAtPrice = compareAtPrice;
    }

    public ProductPriceDto ToDto() => new(Currency, Price, CompareAtPrice);
}
