using LiveShop.Client.Components;
using LiveShop.Client.Services;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using LiveShop.Client.Resources;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Orders;

/// <summary>One order as the shop handles it: its lines, address, timeline, and the next moves, cancel and refund.</summary>
public sealed partial class ShopOrderPage
{
    private OrderDto? _order;
    private bool _busy;
    private string? _error;

    [Parameter] public Guid ShopId { get; set; }

    [Parameter] public Guid OrderId { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            _order = await Api.GetOrderAsync(OrderId);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop to load the order."].Value;
        }
    }

    private string PaymentText(OrderDto order) => order.PaymentMethod switch
    {
        PaymentMethod.Card => order.CardLast4 is { } last4 ? T["Paid with: card ending {0}", last4] : T["Paid with: card"],
        PaymentMethod.CashOnDelivery => T["Paid with: cash on delivery"],
        PaymentMethod.BankTransfer => order.PaymentReference is { } reference ? T["Paid with: bank transfer ({0})", reference] : T["Paid with: bank transfer"],
    };

    private async Task MoveAsync(OrderStatus status)
    {
        var request = new ChangeOrderStatusRequest(status);
        if (status == OrderStatus.Shipped)
        {
            var parameters = new DialogParameters<ShipDialog> { { d => d.Orders, new[] { _order! } } };
            var dialog = await Dialogs.ShowAsync<ShipDialog>(T["Ship order #{0}", _order!.Number], parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
            if (await dialog.Result is not { Canceled: false, Data: FulfilOrdersRequest shipment })
            {
                return;
            }

            var tracking = shipment.Tracking?.FirstOrDefault();
            request = new ChangeOrderStatusRequest(status, shipment.Carrier, tracking?.TrackingNumber, tracking?.TrackingUrl);
        }

        _busy = true;
        _error = null;
        try
        {
            _order = await Api.MoveOrderAsync(OrderId, request);
            Snackbar.Add(T["Order #{0}: {1}.", _order.Number, OrderStatusText.Name(_order.Status, T)].Value, Severity.Success);
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

    private async Task CancelAsync()
    {
        var parameters = new DialogParameters<CancelOrderDialog> { { d => d.Order, _order! } };
        var dialog = await Dialogs.ShowAsync<CancelOrderDialog>(T["Cancel order #{0}?", _order!.Number], parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: OrderDto cancelled })
        {
            _order = cancelled;
        }
    }

    private async Task RefundAsync()
    {
        var parameters = new DialogParameters<RefundDialog> { { d => d.Order, _order! } };
        var dialog = await Dialogs.ShowAsync<RefundDialog>(T["Refund order #{0}", _order!.Number], parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: OrderDto refunded })
        {
            _order = refunded;
        }
    }
}
