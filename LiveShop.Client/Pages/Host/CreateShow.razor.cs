using LiveShop.Client.Services;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Pages.Host;

/// <summary>
/// A host picks the shop (when they host for several), a title, a time, a currency and the shop's own
/// products; the server validates and creates the show. The shops and products load once interactive
/// (the API needs the browser's cookie).
/// </summary>
public sealed partial class CreateShow
{
    /// <summary>How many of the shop's products the picker lists.</summary>
    public const int PickerPageSize = 100;

    private readonly ShowFormModel _form = new();
    private IReadOnlyList<MyShopDto>? _shops;
    private Guid _shopId;
    private IReadOnlyList<ShopProductDto>? _products;

    /// <summary>The brands' products opened to the caller as a creator (none for a shop's own host).</summary>
    private IReadOnlyList<CreatorProductDto> _brandProducts = [];
    private string? _error;
    private bool _busy;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    private string? ShopName => _shops?.FirstOrDefault(s => s.Id == _shopId)?.Name;

    protected override async Task OnInitializedAsync()
    {
        var start = Clock.GetLocalNow().AddHours(1);
        _form.SetStart(new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, start.Offset), Clock.LocalTimeZone);
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            _shops = [.. (await Api.MyShopsAsync()).Where(s => ShopPermissions.CanHost(s.Role) && !s.IsSuspended)];
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop to list your shops."];
            return;
        }

        if (_shops.Count > 0)
        {
            _shopId = _shops[0].Id;
            await LoadProductsAsync();
        }
        else
        {
            _products = [];
        }
    }

    private async Task ShopChangedAsync(Guid shopId)
    {
        _shopId = shopId;
        _form.Lineup = [];
        await LoadProductsAsync();
    }

    private async Task CurrencyChangedAsync(string currency)
    {
        _form.Currency = currency;
        _form.Lineup = [];
        await LoadProductsAsync();
    }

    /// <summary>The brands' products the caller may put in their shows as a creator; none when that cannot be read.</summary>
    internal static async Task<IReadOnlyList<CreatorProductDto>> BrandProductsAsync(ApiClient api)
    {
        try
        {
            return await api.CreatorProductsAsync();
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            // The shop's own products still make a lineup; the brands' appear the next time the form opens.
            return [];
        }
    }

    private async Task LoadProductsAsync()
    {
        if (_shopId == Guid.Empty)
        {
            return;
        }

        _products = null;
        try
        {
            _products = (await Api.ShopProductsAsync(_shopId, new ShopProductQuery(Currency: _form.Currency, PageSize: PickerPageSize))).Items;
            _brandProducts = await CreateShow.BrandProductsAsync(Api);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _products = [];
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop to list the shop's products."];
        }
    }

    private async Task SubmitAsync()
    {
        _error = null;
        if (!_form.TryGetStart(Clock.LocalTimeZone, out var start))
        {
            _error = T["Choose when the show starts."];
            return;
        }

        _busy = true;
        try
        {
            var request = new CreateShowRequest(
                _form.Title,
                _form.Description,
                start,
                _form.Currency,
                _form.Lineup,
                _form.VideoKind == VideoSourceKind.StreamUrl ? _form.VideoUrl : null,
                CommissionRate: _form.CommissionRate,
                CoHostEmail: _form.CoHostEmailOrNull,
                CoHostShare: _form.CoHostShare,
                VideoKind: _form.VideoKind,
                ShopId: _shopId == Guid.Empty ? null : _shopId);
            var show = await Api.CreateShowAsync(request);
            Navigation.NavigateTo($"host/shows/{show.Id}", forceLoad: true);
        }
        catch (ApiException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
