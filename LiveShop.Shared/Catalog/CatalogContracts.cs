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

/// <summary>
/// A variant as buyers see it: its values, one per option of the product ("Red", "M"), its price in the
/// show's currency and its stock (0: sold out, shown but not choosable). <see cref="Label"/> joins the values.
/// </summary>
public sealed record ProductVariantDto(Guid Id, string Sku, IReadOnlyList<string> Values, decimal Price, int Stock)
{
    public string Label => VariantLabels.Join(Values);
}

/// <summary>How a variant is named in one line: its option values joined with " / " ("Red / M").</summary>
public static class VariantLabels
{
    public static string Join(IEnumerable<string?> values) => string.Join(" / ", values.Where(v => !string.IsNullOrWhiteSpace(v)));
}

/// <summary>One variant's stock now.</summary>
public sealed record VariantStockDto(Guid VariantId, int Stock);
