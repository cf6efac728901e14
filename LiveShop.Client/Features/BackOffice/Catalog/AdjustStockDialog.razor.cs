using LiveShop.Shared.Catalog;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Catalog;

/// <summary>Units in or out, with a reason (required: it goes into the stock log). Stays open and says why when refused.</summary>
public sealed partial class AdjustStockDialog
{
    private int _direction = 1;
    private int _amount = 1;
    private string? _reason;
    private string? _error;
    private bool _busy;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The stock before the change, to show what it becomes.</summary>
    [Parameter] public int CurrentStock { get; set; }

    /// <summary>The variant whose stock this is ("Indigo / M"); null for a product without variants.</summary>
    [Parameter] public string? VariantLabel { get; set; }

    /// <summary>Sends the change; answers null when done or the server's sentence when refused.</summary>
    [Parameter, EditorRequired] public Func<AdjustStockRequest, Task<string?>> Adjust { get; set; } = default!;

    private int Change => _direction * Math.Max(0, _amount);

    private bool CanSubmit => !_busy && _amount > 0 && !string.IsNullOrWhiteSpace(_reason);

    private async Task SubmitAsync()
    {
        if (!CanSubmit)
        {
            return;
        }

        _busy = true;
        _error = await Adjust(new AdjustStockRequest(Change, _reason!.Trim()));
        _busy = false;
        if (_error is null)
        {
            Dialog.Close(DialogResult.Ok(true));
        }
    }

    private void Cancel() => Dialog.Cancel();
}
