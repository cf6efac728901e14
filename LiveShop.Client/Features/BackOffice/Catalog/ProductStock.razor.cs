using System.Globalization;
using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Catalog;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Catalog;

/// <summary>
/// A product's stock now and its log (when, who, before → after, why). Editors adjust it through a
/// dialog that asks for units in or out and a reason; the new line tops the log at once. A product with
/// variants shows each variant's stock (its total above) and is adjusted one variant at a time; the log
/// then says which variant.
/// </summary>
public sealed partial class ProductStock
{
    private List<StockAdjustmentDto>? _log;
    private Guid _loadedFor;
    private string? _error;

    [Parameter, EditorRequired] public Guid ShopId { get; set; }

    [Parameter, EditorRequired] public ShopProductDto Product { get; set; } = default!;

    /// <summary>Whether the caller may adjust stock (owners and managers).</summary>
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Raised with the product as it is after an adjustment (its stock, and its variant's).</summary>
    [Parameter] public EventCallback<ShopProductDto> StockChanged { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive || _loadedFor == Product.Id)
        {
            return;
        }

        _loadedFor = Product.Id;
        _log = null;
        _error = null;
        try
        {
            _log = [.. await Api.StockLogAsync(ShopId, Product.Id)];
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop to load the stock log."].Value;
        }
    }

    private bool HasVariants => Product.Variants is { Count: > 0 };

    /// <summary>The log names the variant for a product with variants, or once any line has one (variants removed since).</summary>
    private bool ShowVariantColumn => HasVariants || _log?.Any(l => l.Variant is not null) == true;

    private static string Signed(int change) => change.ToString("+#,0;−#,0;0", CultureInfo.CurrentCulture);

    private async Task OpenAdjustAsync()
    {
        var parameters = new DialogParameters<AdjustStockDialog>
        {
            { d => d.CurrentStock, Product.Stock },
            { d => d.Adjust, request => AdjustAsync(request, null) },
        };
        await Dialogs.ShowAsync<AdjustStockDialog>(T["Adjust stock"], parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
    }

    /// <summary>Opens the adjustment of one variant (from its row here, or from the variants grid of the form).</summary>
    public async Task AdjustVariantAsync(Guid variantId)
    {
        if (!CanEdit || Product.Variants?.FirstOrDefault(v => v.Id == variantId) is not { } variant)
        {
            return;
        }

        var label = VariantLabels.Join(variant.Values);
        var parameters = new DialogParameters<AdjustStockDialog>
        {
            { d => d.CurrentStock, variant.Stock },
            { d => d.VariantLabel, label },
            { d => d.Adjust, request => AdjustAsync(request with { VariantId = variant.Id }, variant.Id) },
        };
        await Dialogs.ShowAsync<AdjustStockDialog>(T["Adjust stock — {0}", label], parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
    }

    /// <summary>Sends the adjustment; a refusal goes back to the dialog, which stays open and says why.</summary>
    private async Task<string?> AdjustAsync(AdjustStockRequest request, Guid? variantId)
    {
        try
        {
            var line = await Api.AdjustStockAsync(ShopId, Product.Id, request);
            _log?.Insert(0, line);
            Snackbar.Add(line.Variant is null ? T["Stock is now {0}.", line.After].Value : T["{0}: stock is now {1}.", line.Variant, line.After].Value, Severity.Success);
            await StockChanged.InvokeAsync(After(Product, variantId, line.After));
            await InvokeAsync(StateHasChanged);
            return null;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            return e is ApiException api ? api.Message : T["We could not reach LiveShop. Nothing changed; try again."].Value;
        }
    }

    /// <summary>
    /// The product after an adjustment: without variants its stock is <paramref name="after"/>; with them that is
    /// the variant's stock, and the product's is their sum (low when any variant is, as the server counts it).
    /// </summary>
    internal static ShopProductDto After(ShopProductDto product, Guid? variantId, int after)
    {
        if (variantId is not { } id || product.Variants is null)
        {
            return product with { Stock = after, IsLowStock = after <= product.LowStockThreshold };
        }

        var variants = product.Variants
            .Select(v => v.Id != id ? v : v with { Stock = after, IsLowStock = product.LowStockThreshold > 0 && after <= product.LowStockThreshold })
            .ToList();
        return product with { Variants = variants, Stock = variants.Sum(v => v.Stock), IsLowStock = variants.Any(v => v.IsLowStock) };
    }
}
