namespace LiveShop.Server.Features.Catalog;

/// <summary>
/// One price a product (or one of its variants) sold for in one currency from <see cref="EffectiveFrom"/>
/// until the next entry of the same product, variant and currency. Written by <see cref="PriceHistoryRecorder"/>
/// in the same save as the change, never edited: the EU's 30-day rule (<see cref="PriceHistory"/>) reads it.
/// </summary>
public sealed class PriceHistoryEntry
{
    private PriceHistoryEntry()
    {
    }

    public PriceHistoryEntry(Guid productId, Guid? variantId, string currency, decimal price, DateTimeOffset effectiveFrom)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(price);
        Id = Guid.CreateVersion7();
        ProductId = productId;
        VariantId = variantId;
        Currency = currency;
        Price = price;
        EffectiveFrom = effectiveFrom;
    }

    public Guid Id { get; private set; }

    public Guid ProductId { get; private set; }

    /// <summary>Null: the product's own price (and that of its variants without an override).</summary>
    public Guid? VariantId { get; private set; }

    public string Currency { get; private set; } = "";

    public decimal Price { get; private set; }

    public DateTimeOffset EffectiveFrom { get; private set; }
}
