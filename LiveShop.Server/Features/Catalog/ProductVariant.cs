using LiveShop.Shared.Catalog;

namespace LiveShop.Server.Features.Catalog;

/// <summary>
/// One way to buy a product with options: a value per option ("Red", "M"), its own SKU (unique in the shop,
/// like product SKUs), a price that replaces the product's when set, and its own stock. Like
/// <see cref="Product.Stock"/>, <see cref="Stock"/> is never written through this entity after creation:
/// orders take it with a conditional decrement (and the product's total with it), and the shop changes it
/// through a logged <see cref="StockAdjustment"/>.
/// </summary>
public sealed class ProductVariant
{
    private ProductVariant()
    {
    }

    public ProductVariant(Guid id, Guid productId, Guid shopId, string sku, IReadOnlyList<string> values, decimal? priceOverride, int stock, int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stock);
        Id = id;
        ProductId = productId;
        ShopId = shopId;
        Stock = stock;
        Edit(sku, values, priceOverride, position);
    }

    public Guid Id { get; private set; }

    public Guid ProductId { get; private set; }

    /// <summary>The product's shop, kept here so a variant's SKU is unique in the shop by an index.</summary>
    public Guid ShopId { get; private set; }

    public string Sku { get; private set; } = "";

    public string Option1 { get; private set; } = "";

    public string? Option2 { get; private set; }

    public string? Option3 { get; private set; }

    /// <summary>Null: sold at the product's price.</summary>
    public decimal? PriceOverride { get; private set; }

    public int Stock { get; private set; }

    /// <summary>Where the variant stands among the product's (0 first): the order of the chips.</summary>
    public int Position { get; private set; }

    /// <summary>The values, one per option of the product, in the options' order.</summary>
    public IReadOnlyList<string> Values => Option3 is not null ? [Option1, Option2 ?? "", Option3] : Option2 is not null ? [Option1, Option2] : [Option1];

    /// <summary>"Red / M".</summary>
    public string Label => VariantLabels.Join(Values);

    public decimal PriceIn(Product product) => PriceOverride ?? product.Price;

    /// <summary>
    /// Its price in <paramref name="currency"/>: in the main currency the override or the product's price; in
    /// another currency the product's price there (an override is in the main currency only), null where the product is not sold.
    /// </summary>
    public decimal? PriceIn(Product product, string currency) => currency == product.Currency ? PriceIn(product) : product.PriceIn(currency);

    public void Edit(string sku, IReadOnlyList<string> values, decimal? priceOverride, int position)
    {
        Sku = sku;
        Option1 = values.Count > 0 ? values[0] : "";
        Option2 = values.Count > 1 ? values[1] : null;
        Option3 = values.Count > 2 ? values[2] : null;
        PriceOverride = priceOverride;
        Position = position;
    }

    /// <summary>A product that had no variants gets its first: its stock moves here (the product's total stays the same).</summary>
    internal void TakeOverStock(int stock)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stock);
        Stock = stock;
    }

    public ProductVariantDto ToDto(Product product) => new(Id, Sku, Values, PriceIn(product), Stock);

    public ProductVariantDto ToDto(Product product, string currency) => new(Id, Sku, Values, PriceIn(product, currency) ?? PriceIn(product), Stock);

    public ShopVariantDto ToShopDto(Product product) => new(
        Id, Sku, Values, PriceOverride, PriceIn(product), Stock, product.LowStockThreshold > 0 && Stock <= product.LowStockThreshold, Position);
}
