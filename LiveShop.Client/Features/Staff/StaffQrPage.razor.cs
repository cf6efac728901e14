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
    private StaffLinkDto? _link;
    private string? _error;

    [Parameter] public string Code { get; set; } = "";

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IJSRuntime Js { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    private string PublicUrl => _link is null ? "" : Navigation.ToAbsoluteUri(_link.Url.TrimStart('/')).ToString();

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _error = await ApiAction.RunAsync(async () =>
        {
            // The caller's links, with their numbers over the longest period the server allows (the card needs only the names).
            var now = Clock.GetUtcNow();
            var results = await Api.StaffResultsAsync(now.AddDays(-365), now);
            _link = results.Links.FirstOrDefault(l => string.Equals(l.Code, Code, StringComparison.OrdinalIgnoreCase));
            if (_link is null)
            {
                _error = T["This is not one of your store links."];
            }
        }, T["We could not reach LiveShop. Try again in a moment."]) ?? _error;
    }

    private async Task PrintAsync() => await Js.InvokeVoidAsync("print");
}
