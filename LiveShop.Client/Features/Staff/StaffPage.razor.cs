using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Stores;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace LiveShop.Client.Features.Staff;

/// <summary>
/// A store staff member's own page: pick the store and a show of its shop (and, optionally, one product) and make a
/// personal link, copy it or print its QR code; then their numbers for the last 7, 30 or 90 days per store and link.
/// </summary>
public sealed partial class StaffPage
{
    private StaffHomeDto? _home;
    private StaffResultsDto? _results;
    private Guid _storeId;
    private Guid _showId;
    private Guid _productId;
    private int _days = 30;
    private bool _busy;
    private string? _error;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IJSRuntime Js { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    private StaffStoreDto? Store => _home?.Stores.FirstOrDefault(s => s.StoreId == _storeId);

    /// <summary>The shows of the chosen store's shop.</summary>
    private List<StaffShowDto> ShowsOfStore => [.. _home?.Shows.Where(s => s.ShopId == Store?.ShopId) ?? []];

    private StaffShowDto? Show => ShowsOfStore.FirstOrDefault(s => s.ShowId == _showId);

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        await RunAsync(async () =>
        {
            _home = await Api.StaffHomeAsync();
            ChooseStore(_home.Stores.FirstOrDefault()?.StoreId ?? Guid.Empty);
            await LoadResultsAsync();
        });
    }

    private void ChooseStore(Guid storeId)
    {
        _storeId = storeId;
        ChooseShow(ShowsOfStore.FirstOrDefault(s => s.Status == ShowStatus.Live)?.ShowId ?? ShowsOfStore.FirstOrDefault()?.ShowId ?? Guid.Empty);
    }

    private void ChooseShow(Guid showId)
    {
        _showId = showId;
        _productId = Guid.Empty;
    }

    private async Task LoadResultsAsync()
    {
        var days = _days;
        var to = Clock.GetUtcNow();
        var results = await Api.StaffResultsAsync(to.AddDays(-days), to);
        if (days == _days)
        {
            _results = results;
        }
    }

    private Task ChoosePeriodAsync(int days)
    {
        _days = days;
        return RunAsync(LoadResultsAsync);
    }

    private async Task CreateLinkAsync()
    {
        StaffLinkDto? link = null;
        await RunAsync(async () =>
        {
            link = await Api.CreateStaffLinkAsync(new StaffLinkRequest(_storeId, _showId, _productId == Guid.Empty ? null : _productId));
            await LoadResultsAsync();
        });
        if (link is not null)
        {
            await CopyAsync(PublicUrl(link.Url));
        }
    }

    private string PublicUrl(string path) => Navigation.ToAbsoluteUri(path.TrimStart('/')).ToString();

    private Task CopyAsync(string url) => Js.CopyLinkAsync(Snackbar, T, url);

    private string StatusText(ShowStatus status) => status switch
    {
        ShowStatus.Live => T["Live now"],
        ShowStatus.Scheduled => T["Scheduled"],
        _ => T["Replay"],
    };

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _error = null;
        _error = await ApiAction.RunAsync(action, T["We could not reach LiveShop. Try again in a moment."]);
        _busy = false;
    }
}
