using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Stores;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace LiveShop.Client.Features.Staff;

/// <summary>
/// One of the staff member's links as a printable card for the till or a shelf: the shop and store, what it links to,
/// the QR code (drawn by the server as SVG, sharp at any size) and the address written out.
/// </summary>
public sealed partial class StaffQrPage
{
    private StaffLinkCardDto? _link;
    private string? _error;

    [Parameter] public string Code { get; set; } = "";

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IJSRuntime Js { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        // Only its maker (while on the store's staff) and the shop's owners and managers get the card: else the server's sentence.
        _error = await ApiAction.RunAsync(async () => _link = await Api.StaffLinkCardAsync(Code), T["We could not reach LiveShop. Try again in a moment."]);
    }

    private async Task PrintAsync() => await Js.InvokeVoidAsync("print");
}
