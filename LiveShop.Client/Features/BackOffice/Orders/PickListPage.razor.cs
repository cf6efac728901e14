using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace LiveShop.Client.Features.BackOffice.Orders;

/// <summary>The printable pick list: units per product and variant, with SKU, over the orders waiting to ship (of one show, or all).</summary>
public sealed partial class PickListPage
{
    private IReadOnlyList<ShowSummaryDto> _shows = [];
    private PickListDto? _list;
    private string? _error;

    [Parameter] public Guid ShopId { get; set; }

    [SupplyParameterFromQuery(Name = "showId")] public Guid? ShowId { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IJSRuntime Js { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            var shows = Api.ShopShowsAsync(ShopId);
            _list = await Api.PickListAsync(ShopId, ShowId);
            _shows = await shows;
            _error = null;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop to make the pick list."].Value;
        }
    }

    private void ShowChanged(Guid? showId) =>
        Navigation.NavigateTo(showId is { } id ? $"shops/{ShopId}/orders/pick-list?showId={id}" : $"shops/{ShopId}/orders/pick-list");

    private async Task PrintAsync() => await Js.InvokeVoidAsync("print");
}
