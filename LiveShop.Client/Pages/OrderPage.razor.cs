using LiveShop.Client.Services;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LiveShop.Client.Pages;

/// <summary>
/// One of the buyer's orders: every step with its time, the tracking link, what was refunded, and Cancel while the
/// order is not packed yet. It follows the order live (the server pushes each change to the buyer's tabs); after a
/// reconnect it loads the order again, so a change pushed meanwhile is not missed.
/// </summary>
public sealed partial class OrderPage : IAsyncDisposable
{
    private OrderDto? _order;
    private bool _subscribed;
    private bool _reconnecting;
    private bool _busy;
    private bool _loadFailed;
    private string? _error;

    [Parameter] public Guid Id { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IOrderUpdates Updates { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        // Connect first, then load: a change pushed meanwhile is applied, never lost.
        Updates.OrderUpdated += OnOrderUpdatedAsync;
        Updates.StateChanged += OnConnectionChangedAsync;
        _subscribed = true;
        try
        {
            await Updates.StartWithoutShowAsync();
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or AggregateException or TimeoutException)
        {
            _error = T["Live updates are off; reload to see changes."];
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            Apply(await Api.GetOrderAsync(Id));
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _loadFailed = true;
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop to load your order."];
        }

        StateHasChanged();
    }

    /// <summary>Keeps the newest copy: a stale push never turns the order back.</summary>
    private bool Apply(OrderDto order)
    {
        if (order.Id != Id || (_order is not null && _order.UpdatedAt > order.UpdatedAt))
        {
            return false;
        }

        _order = order;
        return true;
    }

    private Task OnOrderUpdatedAsync(OrderDto order) => InvokeAsync(() =>
    {
        if (Apply(order))
        {
            StateHasChanged();
        }
    });

    private Task OnConnectionChangedAsync(LiveConnectionState state) => InvokeAsync(async () =>
    {
        var wasOff = _reconnecting;
        _reconnecting = state is LiveConnectionState.Reconnecting or LiveConnectionState.Disconnected;
        if (wasOff && state == LiveConnectionState.Connected)
        {
            await LoadAsync();
        }

        StateHasChanged();
    });

    private async Task CancelAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Cancel order #{0}?", _order!.Number],
            _order.Status == OrderStatus.Paid ? T["The shop will not send it, and your payment is refunded."] : T["The shop will not send it."],
            yesText: T["Cancel order"],
            cancelText: T["Keep it"]);
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        _error = null;
        try
        {
            Apply(await Api.CancelOrderAsync(Id, null));
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Nothing changed: try again."];
        }
        finally
        {
            _busy = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscribed)
        {
            Updates.OrderUpdated -= OnOrderUpdatedAsync;
            Updates.StateChanged -= OnConnectionChangedAsync;
        }

        await Updates.DisposeAsync();
    }
}
