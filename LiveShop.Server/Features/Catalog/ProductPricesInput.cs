using LiveShop.Shared;
using LiveShop.Shared.Catalog;

namespace LiveShop.Server.Features.Catalog;

/// <summary>A price in another currency from the product form, validated (see <see cref="ProductPricesInput"/>).</summary>
public sealed record ProductPriceInput(string Currency, decimal Price, decimal? CompareAtPrice);

/// <summary>
/// A product's prices in other currencies as the form sends them, the whole set: each in a supported
/// currency that is not the product's main one, each currency once, a price above 0 with at most 2
/// decimals and an optional compare-at price above it. Refusals are <c>product-invalid</c> and name the currency.
/// </summary>
public static class ProductPricesInput
{
    public static IReadOnlyList<ProductPriceInput> Parse(IReadOnlyList<ProductPriceDto?>? prices, string mainCurrency)
    {
        var parsed = new List<ProductPriceInput>();
        foreach (var item in prices ?? [])
        {
            if (item is null)
            {
                throw ProductInput.Invalid("A price in another currency is empty: remove it or fill it in.");
            }

            var currency = item.Currency?.Trim().ToUpperInvariant() ?? "";
            if (!Currencies.IsSupported(currency))
            {
                throw ProductInput.Invalid("“{0}” is not a currency LiveShop sells in: choose from {1}.", item.Currency, string.Join(", ", Currencies.Supported));
            }

            if (currency == mainCurrency)
            {
                throw ProductInput.Invalid("{0} is the product's main currency: its price there is the main price, not an extra one.", currency);
            }

            if (parsed.Any(p => p.Currency == currency))
            {
                throw ProductInput.Invalid("The price in {0} appears twice: give each currency one price.", currency);
            }

            if (!ProductInput.IsPrice(item.Price))
            {
                throw ProductInput.Invalid("The price in {0} must be above 0 and at most {1:N0}, with at most 2 decimals.", currency, Limits.PriceMax);
            }

            if (item.CompareAtPrice is { } compareAt && (compareAt <= item.Price || !ProductInput.IsPrice(compareAt)))
            {
                throw ProductInput.Invalid("The compare-at price in {0} must be higher than the price in {0} (leave it empty for none).", currency);
            }

            parsed.Add(new ProductPriceInput(currency, item.Price, item.CompareAtPrice));
        }

        return parsed;
    }
}
