using LiveShop.Shared;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Features.BackOffice.Catalog;

/// <summary>
/// The product form's "Prices in other currencies": a row per currency (currency, price, compare-at) with
/// add and remove. A row's currency list holds the supported currencies but the main one and those other rows use.
/// </summary>
public sealed partial class ExtraPricesEditor
{
    /// <summary>The rows being edited (the form owns them and sends them when saving).</summary>
    [Parameter, EditorRequired] public ExtraPricesModel Model { get; set; } = default!;

    /// <summary>The product's main currency as chosen in the form.</summary>
    [Parameter, EditorRequired] public string MainCurrency { get; set; } = Currencies.Supported[0];

    /// <summary>Owners and managers edit; others see the prices read-only.</summary>
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Raised after a row was added, removed or moved to another currency.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    private IEnumerable<string> CurrenciesFor(ExtraPriceRow row) =>
        Currencies.Supported.Where(c => c == row.Currency || (c != MainCurrency && Model.Rows.All(r => r.Currency != c)));

    private Task AddAsync()
    {
        Model.Add(MainCurrency);
        return Changed.InvokeAsync();
    }

    private Task RemoveAsync(ExtraPriceRow row)
    {
        Model.Remove(row);
        return Changed.InvokeAsync();
    }

    private Task OnCurrencyChangedAsync(ExtraPriceRow row, string currency)
    {
        row.Currency = currency;
        return Changed.InvokeAsync();
    }
}
