using LiveShop.Client.Services;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using LiveShop.Client.Resources;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Orders;

/// <summary>
/// Calls <c>POST /api/orders/{id}/refunds</c> with the units chosen per line (every line whole: null lines, "everything
/// left"); closes with the refunded <see cref="OrderDto"/>, or shows the server's refusal in place.
/// </summary>
public sealed partial class RefundDialog
{
    private int[] _units = [];
    private bool _restock = true;
    private string? _reason;
    private string? _error;
    private bool _busy;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    [Parameter, EditorRequired] public OrderDto Order { get; set; } = default!;

    private decimal Amount => Order.Lines.Select((l, i) => l.UnitPrice * _units.ElementAtOrDefault(i)).Sum();

    protected override void OnParametersSet()
    {
        if (_units.Length != Order.Lines.Count)
        {
            // Everything left is chosen at first: the common case is a whole refund.
            _units = [.. Order.Lines.Select(l => l.Quantity - l.RefundedQuantity)];
        }
    }

    /// <summary>The request: null lines when every unit left goes back (the server refunds the rest exactly).</summary>
    internal RefundRequest Request()
    {
        var everything = Order.Lines.Select((l, i) => _units[i] == l.Quantity - l.RefundedQuantity).All(x => x);
        var lines = everything ? null : Order.Lines.Select((l, i) => new RefundLineRequest(i + 1, _units[i])).Where(r => r.Quantity > 0).ToList();
        return new RefundRequest(lines, _restock, string.IsNullOrWhiteSpace(_reason) ? null : _reason.Trim());
    }

    private async Task ConfirmAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            Dialog.Close(DialogResult.Ok(await Api.RefundOrderAsync(Order.Id, Request())));
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Nothing was refunded: try again."].Value;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Close() => Dialog.Cancel();
}
