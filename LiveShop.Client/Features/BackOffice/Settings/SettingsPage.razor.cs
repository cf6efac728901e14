using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Settings;

/// <summary>A shop's settings: owners change them, every other member reads them.</summary>
public sealed partial class SettingsPage
{
    private ShopFieldsModel? _model;
    private bool _canEdit;
    private bool _suspended;
    private bool _busy;
    private string? _loadError;
    private string? _error;

    [Parameter] public Guid ShopId { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            Show(await Api.GetShopAsync(ShopId));
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _loadError = e is ApiException api ? api.Message : T["We could not reach LiveShop to load the settings. Try again in a moment."].Value;
        }
    }

    /// <summary>The navigation knows the caller's role here: only owners may edit.</summary>
    private void OnShopLoaded(MyShopDto membership) => _canEdit = ShopPermissions.CanManageTeam(membership.Role);

    private async Task SaveAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            Show(await Api.UpdateShopAsync(ShopId, _model!.ToRequest()));
            Snackbar.Add(T["Saved."].Value, Severity.Success);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Your changes are still here: try again."].Value;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Show(ShopDto shop)
    {
        _model = ShopFieldsModel.From(shop);
        _suspended = shop.IsSuspended;
    }
}
