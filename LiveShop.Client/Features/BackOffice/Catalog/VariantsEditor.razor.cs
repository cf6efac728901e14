using LiveShop.Client.Resources;
using LiveShop.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.BackOffice.Catalog;

/// <summary>
/// The product form's options and variants: options with their values (typed comma-separated, shown as
/// chips), a button that fills the grid with every combination, and the grid (per row the values, SKU,
/// price override, stock and remove). A new variant's stock is its starting stock; a saved one's stock is
/// read-only here and adjusted on the stock panel (<see cref="AdjustVariant"/>). Limits are said at once.
/// </summary>
public sealed partial class VariantsEditor
{
    private string? _message;

    /// <summary>The options and variants being edited (the form owns them and sends them when saving).</summary>
    [Parameter, EditorRequired] public VariantsModel Model { get; set; } = default!;

    /// <summary>The product's SKU as typed: the start of each suggested variant SKU.</summary>
    [Parameter] public string ProductSku { get; set; } = "";

    /// <summary>The product's price as typed: what a variant without its own price sells at.</summary>
    [Parameter] public decimal ProductPrice { get; set; }

    [Parameter] public string Currency { get; set; } = Currencies.Supported[0];

    /// <summary>Owners and managers edit; others see the variants read-only.</summary>
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>The stock of a saved product that has no variants yet: it moves to the first variant on saving.</summary>
    [Parameter] public int ConvertedStock { get; set; }

    /// <summary>Raised with a saved variant's id when its stock is to be adjusted.</summary>
    [Parameter] public EventCallback<Guid> AdjustVariant { get; set; }

    /// <summary>Raised after options or rows were added or removed (the form shows the product's own stock field only without options).</summary>
    [Parameter] public EventCallback Changed { get; set; }

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    private string PricePlaceholder => Currencies.Format(ProductPrice, Currency);

    private string OptionName(OptionDraft option, int index) =>
        string.IsNullOrWhiteSpace(option.Name) ? T["Option {0}", index + 1] : option.Name.Trim();

    private string RemoveHint(VariantDraft row) => row.CanRemove
        ? T["Remove {0}", row.Label]
        : T["“{0}” has {1} in stock: adjust it to 0 to remove it", row.Label, row.Stock];

    private async Task AddOption()
    {
        _message = Model.AddOption(T);
        await Changed.InvokeAsync();
    }

    private async Task RemoveOption(OptionDraft option)
    {
        Model.RemoveOption(option);
        _message = Model.HasOptions && Model.Rows.Count > 0 ? T["The options changed: generate the variants again."].Value : null;
        await Changed.InvokeAsync();
    }

    private void RemoveValue(OptionDraft option, string value)
    {
        option.Values.Remove(value);
        _message = Model.Rows.Count > 0 ? T["The values changed: generate the variants again."].Value : null;
    }

    /// <summary>A comma ends a value: what comes before it becomes a chip, the rest stays in the box.</summary>
    private void PendingChanged(OptionDraft option, string? text)
    {
        var cut = text?.LastIndexOf(',') ?? -1;
        if (cut < 0)
        {
            option.Pending = text;
            return;
        }

        option.Pending = text![..cut];
        _message = option.CommitPending(T);
        option.Pending = text[(cut + 1)..].TrimStart();
    }

    private void CommitValues(OptionDraft option) => _message = option.CommitPending(T);

    private Task ValuesKeyDownAsync(OptionDraft option, KeyboardEventArgs e)
    {
        if (e.Key is "Enter")
        {
            CommitValues(option);
        }

        return Task.CompletedTask;
    }

    private async Task Generate()
    {
        _message = Model.Generate(ProductSku, T);
        await Changed.InvokeAsync();
    }

    private async Task Remove(VariantDraft row)
    {
        if (!Model.Remove(row))
        {
            _message = T["{0}.", RemoveHint(row)];
            return;
        }

        await Changed.InvokeAsync();
    }
}
