using System.Net;
using System.Security.Claims;
using LiveShop.Client.Components.Sales;
using LiveShop.Client.Services;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Sales;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace LiveShop.Client.Pages.Host;

/// <summary>
/// A show's sales for its host and co-host: headline tiles, best sellers, flash-price results, the
/// minute-by-minute chart, share-link attribution, earnings, share links and orders. It loads once
/// interactive (the API needs the browser's sign-in cookie, so prerendering shows a skeleton), then
/// follows the show: each <c>SalesUpdated</c> push replaces the tiles at once and reloads the rest at
/// most once a second.
/// </summary>
public sealed partial class SalesDashboard : IAsyncDisposable
{
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(1);

    private readonly HashSet<Guid> _shipping = [];
    private SalesDashboardState _state = new();
    private CoalescedRefresh? _reload;
    private LiveConnectionState _connection = LiveConnectionState.Disconnected;
    private bool _wasConnected;
    private Guid? _loadedShowId;
    private Guid? _followedShowId;
    private Guid? _userId;
    private string? _error;
    private bool _retryable;
    private bool _creatingLink;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private ISalesFeed Feed { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The show's id from the URL.</summary>
    [Parameter] public Guid ShowId { get; set; }

    private SalesDashboardDto? Dashboard => _state.Dashboard;

    /// <summary>The signed-in user's share of the commission (null if they are neither host nor co-host).</summary>
    private EarningShareDto? MyEarnings => Dashboard?.Earnings is { } e
        ? (e.Host.HostId == _userId ? e.Host : e.CoHost?.HostId == _userId ? e.CoHost : null)
        : null;

    private string? EarningsHint => Dashboard?.Earnings is { } e && MyEarnings is { } mine
        ? e.CoHost is null
            ? T["{0} commission", SalesFormat.Percent(e.CommissionRate)].Value
            : T["Your {0} of a {1} commission", SalesFormat.Percent(mine.Share), SalesFormat.Percent(e.CommissionRate)].Value
        : null;

    private string Period
    {
        get
        {
            if (Dashboard?.WentLiveAt is not { } start)
            {
                return T["Not live yet."];
            }

            var now = Clock.GetUtcNow();
            var end = Dashboard.EndedAt ?? now;
            var from = SalesFormat.Time(start, now);
            return Dashboard.EndedAt is null
                ? T["Live since {0} ({1})", from, SalesFormat.Duration(end - start)]
                : T["Live {0} to {1} ({2})", from, SalesFormat.Time(end, now), SalesFormat.Duration(end - start)];
        }
    }

    private string CsvFileName => $"orders-{ShowId:N}.csv";

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            var user = (await AuthenticationState).User;
            _userId = Guid.TryParse(user.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        // Prerendering has no sign-in cookie to call the API with: it shows the skeleton.
        if (!RendererInfo.IsInteractive || _loadedShowId == ShowId)
        {
            return;
        }

        _loadedShowId = ShowId;
        await LoadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!RendererInfo.IsInteractive || _followedShowId == ShowId)
        {
            return;
        }

        if (_followedShowId is null)
        {
            Feed.SalesUpdated += OnSalesUpdatedAsync;
            Feed.StateChanged += OnConnectionChangedAsync;
            _reload = new CoalescedRefresh(ReloadAsync, ReloadInterval, Clock);
        }

        _followedShowId = ShowId;
        try
        {
            await Feed.StartAsync(ShowId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _connection = LiveConnectionState.Disconnected;
            Snackbar.Add(T["Live updates are off: reload the page to see new orders."], Severity.Warning);
            StateHasChanged();
        }
    }

    /// <summary>Loads everything from scratch (first visit, another show, or "Try again").</summary>
    private async Task LoadAsync()
    {
        _state = new SalesDashboardState();
        _error = null;
        var ticket = _state.BeginReload();
        try
        {
            var sales = Api.SalesAsync(ShowId);
            var orders = Api.ShowOrdersAsync(ShowId);
            var links = Api.ShareLinksAsync(ShowId);
            var show = Api.GetShowAsync(ShowId);
            await Task.WhenAll(sales, orders, links, show);
            _state.ApplyReload(ticket, await sales, await orders, await links);
            _state.ApplyLineup((await show).Lineup);
        }
        catch (ApiException e)
        {
            (_error, _retryable) = e.Status switch
            {
                HttpStatusCode.Forbidden => (T["Only the show's host can see its sales."].Value, false),
                HttpStatusCode.NotFound => (T["There is no show at this address."].Value, false),
                _ => (e.Message, true),
            };
        }
        catch (HttpRequestException)
        {
            (_error, _retryable) = (T["The sales report could not be loaded: the server did not answer. Check your connection."].Value, true);
        }
    }

    /// <summary>Reloads after pushes, keeping what is on screen if it fails.</summary>
    private async Task ReloadAsync()
    {
        if (_error is not null || !_state.IsLoaded)
        {
            return;
        }

        var ticket = _state.BeginReload();
        try
        {
            var sales = Api.SalesAsync(ShowId);
            var orders = Api.ShowOrdersAsync(ShowId);
            var links = Api.ShareLinksAsync(ShowId);
            await Task.WhenAll(sales, orders, links);
            _state.ApplyReload(ticket, await sales, await orders, await links);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            Snackbar.Add(T["The report could not be refreshed: {0}", e.Message], Severity.Warning, o => o.DuplicatesBehavior = SnackbarDuplicatesBehavior.Prevent);
        }

        StateHasChanged();
    }

    private Task OnSalesUpdatedAsync(SalesSummaryDto summary) => InvokeAsync(() =>
    {
        if (summary.ShowId != ShowId)
        {
            return;
        }

        _state.ApplyPushedSummary(summary);
        _reload?.Request();
        StateHasChanged();
    });

    private Task OnConnectionChangedAsync(LiveConnectionState state) => InvokeAsync(() =>
    {
        var wasDropped = _connection is LiveConnectionState.Reconnecting || (_connection == LiveConnectionState.Disconnected && _wasConnected);
        _wasConnected |= state == LiveConnectionState.Connected;
        _connection = state;
        if (wasDropped && state == LiveConnectionState.Connected)
        {
            // Back after a drop: pushes sent meanwhile were missed, so the numbers are read again.
            _reload?.Request();
        }

        StateHasChanged();
    });

    private async Task ShipAsync(OrderDto order)
    {
        if (!_shipping.Add(order.Id))
        {
            return;
        }

        try
        {
            _state.ApplyOrder(await Api.ChangeOrderStatusAsync(order.Id, OrderStatus.Shipped));
            Snackbar.Add(T["Order {0} is marked shipped. {1} has been told.", order.Number, order.BuyerName], Severity.Success);
        }
        catch (ApiException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        catch (HttpRequestException)
        {
            Snackbar.Add(T["Order {0} was not marked shipped: the server did not answer. Try again.", order.Number], Severity.Error);
        }
        finally
        {
            _shipping.Remove(order.Id);
        }
    }

    private async Task CreateLinkAsync(Guid? productId)
    {
        _creatingLink = true;
        try
        {
            _state.AddLink(await Api.CreateShareLinkAsync(ShowId, productId));
            Snackbar.Add(T["Your new link is ready: copy it and share it anywhere."], Severity.Success);
        }
        catch (ApiException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        catch (HttpRequestException)
        {
            Snackbar.Add(T["The link was not made: the server did not answer. Try again."], Severity.Error);
        }
        finally
        {
            _creatingLink = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reload?.Dispose();
        if (_followedShowId is not null)
        {
            Feed.SalesUpdated -= OnSalesUpdatedAsync;
            Feed.StateChanged -= OnConnectionChangedAsync;
        }

        await Feed.DisposeAsync();
    }
}
