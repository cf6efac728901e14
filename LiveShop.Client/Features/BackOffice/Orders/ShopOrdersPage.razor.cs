using System.Globalization;
using LiveShop.Client.Components;
using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Orders;

/// <summary>
/// The shop's orders: filtered by show, status and the days placed; selected by checkbox and packed or shipped together
/// (each order on its own: the ones the server refuses are listed with its sentence, the others move); per order: view,
/// move on, cancel, refund.
/// </summary>
public sealed partial class ShopOrdersPage
{
    private readonly HashSet<Guid> _selected = [];
    private readonly List<string> _refusals = [];
    private IReadOnlyList<ShowSummaryDto> _shows = [];
    private ShopOrdersPageDto? _page;
    private Guid? _showId;
    private OrderStatus? _status;
    private string? _from;
    private string? _to;
    private int _pageNumber;
    private bool _busy;
    private string? _error;

    [Parameter] public Guid ShopId { get; set; }

    /// <summary>Opens with this show chosen (<c>?showId=</c>), e.g. from the show's page after it ends.</summary>
    [SupplyParameterFromQuery(Name = "showId")] public Guid? InitialShowId { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    private bool AllSelected => _page is { Items.Count: > 0 } page && page.Items.All(o => _selected.Contains(o.Id));

    private int PageCount => _page is null ? 0 : (_page.Total + _page.PageSize - 1) / _page.PageSize;

    private string SlipsForSelectedHref => $"shops/{ShopId}/orders/packing-slips?" + string.Join('&', _selected.Select(id => $"id={id}"));

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _showId = InitialShowId;
        try
        {
            _shows = await Api.ShopShowsAsync(ShopId);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop to load the shows."].Value;
        }

        await LoadAsync();
    }

    private string PrintHref(string page) => _showId is { } show ? $"shops/{ShopId}/orders/{page}?showId={show}" : $"shops/{ShopId}/orders/{page}";

    private async Task LoadAsync()
    {
        try
        {
            _page = await Api.ShopOrdersAsync(ShopId, _showId, _status, ParseDay(_from), ParseDay(_to), _pageNumber);
            _selected.IntersectWith(_page.Items.Select(o => o.Id));
            _error = null;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop to load the orders. Try again in a moment."].Value;
        }
    }

    private async Task ShowChangedAsync(Guid? showId)
    {
        _showId = showId;
        await FilterAsync();
    }

    private async Task StatusChangedAsync(OrderStatus? status)
    {
        _status = status;
        await FilterAsync();
    }

    private async Task FromChangedAsync(string? value)
    {
        _from = value;
        await FilterAsync();
    }

    private async Task ToChangedAsync(string? value)
    {
        _to = value;
        await FilterAsync();
    }

    private async Task FilterAsync()
    {
        _pageNumber = 0;
        _selected.Clear();
        await LoadAsync();
    }

    private async Task PageChangedAsync(int page)
    {
        _pageNumber = page - 1;
        await LoadAsync();
    }

    private void Toggle(Guid id)
    {
        if (!_selected.Remove(id))
        {
            _selected.Add(id);
        }
    }

    private void ToggleAll()
    {
        if (AllSelected)
        {
            _selected.Clear();
        }
        else if (_page is not null)
        {
            _selected.UnionWith(_page.Items.Select(o => o.Id));
        }
    }

    private Task PackSelectedAsync() => BulkAsync(new FulfilOrdersRequest([.. Selected().Select(o => o.Id)], OrderStatus.Packed));

    private async Task ShipSelectedAsync()
    {
        if (await AskShipmentAsync(Selected()) is { } request)
        {
            await BulkAsync(request);
        }
    }

    private async Task MoveOneAsync(OrderDto order, OrderStatus status)
    {
        if (status == OrderStatus.Shipped)
        {
            if (await AskShipmentAsync([order]) is { } request)
            {
                await BulkAsync(request);
            }

            return;
        }

        await BulkAsync(new FulfilOrdersRequest([order.Id], status));
    }

    private async Task CancelAsync(OrderDto order)
    {
        var parameters = new DialogParameters<CancelOrderDialog> { { d => d.Order, order } };
        var dialog = await Dialogs.ShowAsync<CancelOrderDialog>(T["Cancel order #{0}?", order.Number], parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: OrderDto cancelled })
        {
            Snackbar.Add(T["Order #{0} is cancelled.", cancelled.Number].Value, Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RefundAsync(OrderDto order)
    {
        var parameters = new DialogParameters<RefundDialog> { { d => d.Order, order } };
        var dialog = await Dialogs.ShowAsync<RefundDialog>(T["Refund order #{0}", order.Number], parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: OrderDto refunded })
        {
            Snackbar.Add(T["Refunded {0} of order #{1}.", Money.Format(refunded.RefundedAmount, refunded.Currency), refunded.Number].Value, Severity.Success);
            await LoadAsync();
        }
    }

    private async Task<FulfilOrdersRequest?> AskShipmentAsync(IReadOnlyList<OrderDto> orders)
    {
        var parameters = new DialogParameters<ShipDialog> { { d => d.Orders, orders } };
        string title = orders.Count == 1 ? T["Ship order #{0}", orders[0].Number] : T["Ship {0} orders", orders.Count];
        var dialog = await Dialogs.ShowAsync<ShipDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: FulfilOrdersRequest request } ? request : null;
    }

    private async Task BulkAsync(FulfilOrdersRequest request)
    {
        _busy = true;
        _refusals.Clear();
        try
        {
            var result = await Api.FulfilOrdersAsync(ShopId, request);
            var numbers = _page?.Items.ToDictionary(o => o.Id, o => o.Number) ?? [];
            foreach (var refused in result.Outcomes.Where(o => !o.Done))
            {
                _refusals.Add($"#{numbers.GetValueOrDefault(refused.OrderId, refused.OrderId.ToString())}: {refused.Error}");
            }

            if (result.Done > 0)
            {
                Snackbar.Add(OrderStatusText.Marked(request.Status, result.Done, T), Severity.Success);
            }

            _selected.ExceptWith(result.Outcomes.Where(o => o.Done).Select(o => o.OrderId));
            await LoadAsync();
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Nothing moved: try again."].Value;
        }
        finally
        {
            _busy = false;
        }
    }

    private List<OrderDto> Selected() => _page?.Items.Where(o => _selected.Contains(o.Id)).ToList() ?? [];

    private static DateOnly? ParseDay(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
