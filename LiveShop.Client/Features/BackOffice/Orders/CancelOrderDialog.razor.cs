using LiveShop.Client.Components;
using LiveShop.Client.Services;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using LiveShop.Client.Resources;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Orders;

/// <summary>Calls <c>POST /api/orders/{id}/cancel</c>; closes with the cancelled <see cref="OrderDto"/>, or shows the server's refusal in place.</summary>
public sealed partial class CancelOrderDialog
{
    private string? _reason;
    private string? _error;
    private bool _busy;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    [Parameter, EditorRequired] public OrderDto Order { get; set; } = default!;

    private string Describe() => Order.Status is OrderStatus.Paid or OrderStatus.Packed
        ? T["The stock goes back and {0} is refunded to the buyer.", Money.Format(Order.NetTotal, Order.Currency)]
        : T["The stock goes back. Nothing was charged for this order."];

    private async Task ConfirmAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            Dialog.Close(DialogResult.Ok(await Api.CancelOrderAsync(Order.Id, string.IsNullOrWhiteSpace(_reason) ? null : _reason.Trim())));
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Nothing changed: try again."].Value;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Close() => Dialog.Cancel();
}
