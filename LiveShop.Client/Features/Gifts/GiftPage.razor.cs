using LiveShop.Client.Components;
using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.Gifts;

/// <summary>
/// A gift's link, <c>gift/{orderId}#{token}</c>, opened by its recipient (no account needed): who sends what, with the
/// message and never a price; while it waits, the address form and Accept. The token stays after the <c>#</c>, so it
/// never reaches a server log; the page sends it in a header.
/// </summary>
public sealed partial class GiftPage
{
    private readonly AddressForm _address = new();
    private EditContext _context = default!;
    private GiftPageDto? _gift;
    private string? _loadError;
    private string? _error;
    private bool _busy;

    [Parameter] public Guid OrderId { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IStringLocalizer<ViewerText> T { get; set; } = default!;

    /// <summary>The link's token: what follows the <c>#</c>.</summary>
    private string Token => new Uri(Navigation.Uri).Fragment.TrimStart('#');

    protected override void OnInitialized() => _context = new EditContext(_address);

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            _gift = await Api.GiftAsync(OrderId, Token);
        }
        catch (ApiException e)
        {
            _loadError = e.Message;
        }
        catch (HttpRequestException)
        {
            _loadError = T["We could not reach LiveShop. Check your connection and open the link again."];
        }
    }

    private async Task AcceptAsync()
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        _error = null;
        try
        {
            _gift = await Api.AcceptGiftAsync(OrderId, Token, _address.ToDto());
        }
        catch (ApiException e)
        {
            _error = e.Message;
        }
        catch (HttpRequestException)
        {
            _error = T["We could not reach LiveShop. Check your connection and try again."];
        }
        finally
        {
            _busy = false;
        }
    }

    private string StateSentence(GiftPageDto gift) => gift.State switch
    {
        GiftState.Accepted => T["Accepted. {0} is preparing your parcel.", gift.ShopName],
        GiftState.Shipped => T["Your gift is on its way."],
        GiftState.Delivered => T["Your gift was delivered. Enjoy!"],
        _ => T["This gift is no longer available: it was not accepted in time or was cancelled."],
    };
}
