using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.BackOffice.Catalog;

/// <summary>
/// A product's prices in other currencies as the form edits them: one row per currency, never the main
/// one. Sent as <see cref="SaveProductRequest.Prices"/>, the whole set (null when there are none).
/// </summary>
public sealed class ExtraPricesModel
{
    public List<ExtraPriceRow> Rows { get; } = [];

    public static ExtraPricesModel From(ShopProductDto product)
    {
        var model = new ExtraPricesModel();
        model.Rows.AddRange((product.Prices ?? []).Select(p => new ExtraPriceRow { Currency = p.Currency, Price = p.Price, CompareAtPrice = p.CompareAtPrice }));
        return model;
    }

    /// <summary>The supported currencies a new row could take: not the main one, not one a row has.</summary>
    public IEnumerable<string> FreeCurrencies(string mainCurrency) =>
        Currencies.Supported.Where(c => c != mainCurrency && Rows.All(r => r.Currency != c));

    public bool CanAdd(string mainCurrency) => FreeCurrencies(mainCurrency).Any();

    /// <summary>Adds a row in the first free currency.</summary>
    public void Add(string mainCurrency)
    {
        if (FreeCurrencies(mainCurrency).FirstOrDefault() is { } currency)
        {
            Rows.Add(new ExtraPriceRow { Currency = currency });
        }
    }

    public void Remove(ExtraPriceRow row) => Rows.Remove(row);

    /// <summary>What to fix before sending, or null (the server checks every rule again).</summary>
    public string? Validate(string mainCurrency, IStringLocalizer T)
    {
        if (Rows.FirstOrDefault(r => r.Currency == mainCurrency) is { } main)
        {
            return T["{0} is now the main currency: remove its row under “Prices in other currencies”.", main.Currency];
        }

        if (Rows.GroupBy(r => r.Currency).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return T["The price in {0} appears twice: keep one row per currency.", twice.Key];
        }

        if (Rows.FirstOrDefault(r => r.Price is not > 0) is { } empty)
        {
            return T["Give the price in {0}, or remove its row.", empty.Currency];
        }

        if (Rows.FirstOrDefault(r => r.CompareAtPrice is { } c && c <= r.Price) is { } low)
        {
            return T["The compare-at price in {0} must be higher than the price in {0} (leave it empty for none).", low.Currency];
        }

        return null;
    }

    public IReadOnlyList<ProductPriceDto>? ToRequest() =>
        Rows.Count == 0 ? null : [.. Rows.Select(r => new ProductPriceDto(r.Currency, r.Price ?? 0, r.CompareAtPrice))];
}

/// <summary>One row of <see cref="ExtraPricesModel"/>.</summary>
public sealed class ExtraPriceRow
{
    public string Currency { get; set; } = "";

    public decimal? Price { get; set; }

    public decimal? CompareAtPrice { get; set; }
}
