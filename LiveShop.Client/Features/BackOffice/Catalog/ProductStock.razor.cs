using System.Globalization;
using LiveShop.Client.Services;
using LiveShop.Shared.Catalog;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Catalog;

/// <summary>
/// A product's stock now and its log (when, who, before → after, why). Editors adjust it through a
/// dialog that asks for units in or out and a reason; the new line tops the log at once.
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

    /// <summary>Raised with the stock after an adjustment.</summary>
    [Parameter] public EventCallback<int> StockChanged { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

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
            _error = e is ApiException api ? api.Message : "We could not reach LiveShop to load the stock log.";
        }
    }

    private static string Signed(int change) => change.ToString("+#,0;−#,0;0", CultureInfo.CurrentCulture);

    private async Task OpenAdjustAsync()
    {
        var parameters = new DialogParameters<AdjustStockDialog>
        {
            { d => d.CurrentStock, Product.Stock },
            { d => d.Adjust, AdjustAsync },
        };
        await Dialogs.ShowAsync<AdjustStockDialog>("Adjust stock", parameters, new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
    }

    /// <summary>Sends the adjustment; a refusal goes back to the dialog, which stays open and says why.</summary>
    private async Task<string?> AdjustAsync(AdjustStockRequest request)
    {
        try
        {
            var line = await Api.AdjustStockAsync(ShopId, Product.Id, request);
            _log?.Insert(0, line);
            Snackbar.Add($"Stock is now {line.After}.", Severity.Success);
            await StockChanged.InvokeAsync(line.After);
            await InvokeAsync(StateHasChanged);
            return null;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            return e is ApiException api ? api.Message : "We could not reach LiveShop. Nothing changed; try again.";
        }
    }
}
