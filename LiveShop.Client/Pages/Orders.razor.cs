using LiveShop.Client.Services;
using LiveShop.Client.State;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Pages;

/// <summary>
/// The buyer's orders, newest first. Loaded once interactive (the API needs the browser's cookie),
/// then kept current by the server's pushes: a status the host changes appears without a reload.
/// While the connection is down the page says so, and when it is back the list is loaded again
/// (merged, newest copy wins), so a change pushed meanwhile is not missed.
/// </summary>
public sealed partial class Orders : IAsyncDisposable
{
    private readonly OrdersState _orders = new();
    private bool _subscribed;
    private bool _liveError;
    private bool _reconnecting;
    private string? _error;

    [Inject] private ApiClient Api { get; set; } = default!;

    /// <summary>The empty list's sentence, with the Buy button's own word in bold (the sentence is ours; only the word is markup).</summary>
    private MarkupString NoOrdersText => new(T["No orders yet. Join a live show and tap {0} on a product you like.", $"<strong>{System.Net.WebUtility.HtmlEncode(T["Buy"])}</strong>"]);

    [Inject] private IOrderUpdates Updates { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        // Connect first, then load: an update that comes meanwhile is merged, never lost.
        Updates.OrderUpdated += OnOrderUpdatedAsync;
        Updates.StateChanged += OnConnectionChangedAsync;
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
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop to load your orders."];
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

    private Task OnConnectionChangedAsync(LiveConnectionState state) => InvokeAsync(async () =>
    {
        var wasOff = _reconnecting;
        _reconnecting = state is LiveConnectionState.Reconnecting or LiveConnectionState.Disconnected;
        if (wasOff && state == LiveConnectionState.Connected && _orders.Loaded)
        {
            // Back: whatever was pushed while the connection was down is in the list the server has now.
            await LoadAsync();
        }

        StateHasChanged();
    });

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
