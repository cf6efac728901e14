using LiveShop.Client.Services;
using LiveShop.Client.State;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Pages;

/// <summary>
/// The buyer's orders, newest first. Loaded once interactive (the API needs the browser's cookie),
/// then kept current by the server's pushes: a status the host changes appears without a reload.
/// </summary>
public sealed partial class Orders : IAsyncDisposable
{
    private readonly OrdersState _orders = new();
    private bool _subscribed;
    private bool _liveError;
    private string? _error;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IOrderUpdates Updates { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        // Connect first, then load: an update that comes meanwhile is merged, never lost.
        Updates.OrderUpdated += OnOrderUpdatedAsync;
        _subscribed = true;
        try
        {
            await Updates.StartWithoutShowAsync();
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or AggregateException or TimeoutException)
        {
            // The list still loads; it just will not change by itself.
            _liveError = true;
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _error = null;
        try
        {
            _orders.Load(await Api.MyOrdersAsync());
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : "We could not reach LiveShop to load your orders.";
        }

        StateHasChanged();
    }

    private Task OnOrderUpdatedAsync(OrderDto order) => InvokeAsync(() =>
    {
        if (_orders.Apply(order))
        {
            StateHasChanged();
        }
    });

    public async ValueTask DisposeAsync()
    {
        if (_subscribed)
        {
            Updates.OrderUpdated -= OnOrderUpdatedAsync;
        }

        await Updates.DisposeAsync();
    }
}
