using System.Globalization;
using LiveShop.Client.Resources;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.State;

/// <summary>
/// The one rule for what a lineup product (or one of its variants) costs: the variant's own price (the
/// product's without variants); the flash price instead while a sale runs that applies to that variant
/// (<see cref="FlashSaleDto.AppliesTo"/>), with the price it replaces struck through. Used by the room
/// (<see cref="ShowState.PriceOf(Guid, Guid?, DateTimeOffset)"/>), the cart and the cards, so they agree.
/// </summary>
public static class VariantPrices
{
    /// <summary>True for a product bought as one of its variants.</summary>
    public static bool HasVariants(this LineupItemDto item) => item.Variants is { Count: > 0 };

    /// <summary>The variant of the product with this id, or null (none given, or not one of its variants).</summary>
    public static ProductVariantDto? VariantFor(this LineupItemDto item, Guid? variantId) =>
        variantId is { } id ? item.Variants?.FirstOrDefault(v => v.Id == id) : null;

    /// <summary>
    /// The price of the product, or of <paramref name="variantId"/>, with <paramref name="sale"/> (the sale
    /// on the product, if any) applied only when it is for that variant. For a product with variants and no
    /// variant chosen: the product's price, and a sale only when it is for every variant.
    /// </summary>
    public static ProductPrice PriceOf(LineupItemDto item, Guid? variantId, FlashSaleDto? sale)
    {
        var variant = item.VariantFor(variantId);
        var list = variant?.Price ?? item.Price;
        if (sale is null || !sale.AppliesTo(variant?.Id))
        {
            return new ProductPrice(list, list, item.Currency, null);
        }

        // Without variants the sale says what it replaced; a variant's own price is what its flash price replaces.
        return new ProductPrice(sale.Price, variant is null ? sale.ListPrice : list, sale.Currency, sale);
    }

    /// <summary>The lowest price of a product's variants when their prices differ (shown "from …"); null otherwise.</summary>
    public static decimal? FromPrice(LineupItemDto item) =>
        item.Variants is { Count: > 1 } variants && variants.Select(v => v.Price).Distinct().Count() > 1 ? variants.Min(v => v.Price) : null;

    /// <summary>The variants a sale on some of them is for ("Red, Blue"); null for a sale on every variant or a product without variants.</summary>
    public static string? SaleVariants(LineupItemDto item, FlashSaleDto sale) =>
        item.HasVariants() && sale.VariantIds is { Count: > 0 } ids && item.Variants!.Where(v => ids.Contains(v.Id)).Select(v => v.Label).ToList() is { Count: > 0 } labels
            ? string.Join(", ", labels)
            : null;

    /// <summary>The variant's stock, or the product's (the sum of its variants').</summary>
    public static int StockOf(LineupItemDto item, Guid? variantId) => item.VariantFor(variantId)?.Stock ?? item.Stock;

    /// <summary>
    /// What the buyer still has to choose, as the product names its options ("size and colour"), else
    /// "an option", in the viewer's language (<paramref name="T"/> is the viewer's text).
    /// </summary>
    public static string OptionsToChoose(LineupItemDto item, IStringLocalizer<ViewerText> T) =>
        item.Options is { Count: > 0 } options
            ? options.Select(o => o.ToLower(CultureInfo.CurrentCulture)).Aggregate((a, b) => T["{0} and {1}", a, b])
            : T["an option"];

    /// <summary>"3 colours", "6 options": how many variants there are, under the product's name.</summary>
    public static string? Summary(LineupItemDto item)
    {
        if (!item.HasVariants())
        {
            return null;
        }

        var count = item.Variants!.Count;
        return item.Options is [var only] && count > 1
            ? $"{count} {Plural(only.ToLowerInvariant())}"
            : count == 1 ? "1 option" : $"{count} options";
    }

    /// <summary>
    /// The variant count in the reader's language: "3 colours" in English (the seller's option name, pluralised in
    /// English); other languages say "3 options" in their own words (<paramref name="options"/>), since the seller's
    /// option name cannot be pluralised for them. Null without variants.
    /// </summary>
    public static string? Summary(LineupItemDto item, Func<int, string> options) =>
        !item.HasVariants() ? null
        : CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? Summary(item)
        : options(item.Variants!.Count);

    private static string Plural(string noun) =>
        noun.EndsWith('s') || noun.EndsWith('x') || noun.EndsWith("ch", StringComparison.Ordinal) ? noun + "es"
        : noun.EndsWith('y') && noun.Length > 1 && !"aeiou".Contains(noun[^2]) ? noun[..^1] + "ies"
        : noun + "s";
}
