using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace LiveShop.Client.Features.BackOffice.Orders;

/// <summary>Printable packing slips, one page per order: the orders named (<c>?id=…</c>), or else those waiting to ship (<c>?showId=</c>).</summary>
public sealed partial class PackingSlipsPage
{
    private PackingSlipsDto? _slips;
    private string? _error;

    [Parameter] public Guid ShopId { get; set; }

    [SupplyParameterFromQuery(Name = "showId")] public Guid? ShowId { get; set; }

    [SupplyParameterFromQuery(Name = "id")] public Guid[]? OrderIds { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IJSRuntime Js { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            _slips = await Api.PackingSlipsAsync(ShopId, ShowId, OrderIds);
            _error = null;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop to make the slips."].Value;
        }
    }

    private async Task PrintAsync() => await Js.InvokeVoidAsync("print");
}
