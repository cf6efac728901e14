using LiveShop.Client.Services;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LiveShop.Client.Features.Admin;

/// <summary>Every shop on the platform, searchable and paged; the administrator suspends or reinstates one.</summary>
public sealed partial class AdminShopsTab
{
    private PageDto<AdminShopDto>? _page;
    private string? _search;
    private int _pageIndex;
    private bool _loading;
    private Guid? _busyId;
    private string? _error;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (RendererInfo.IsInteractive)
        {
            await LoadAsync(0);
        }
    }

    private Task SearchAsync(string search) => LoadAsync(0);

    private async Task LoadAsync(int pageIndex)
    {
        _loading = true;
        _error = null;
        try
        {
            _page = await Api.AdminShopsAsync(_search, pageIndex);
            _pageIndex = pageIndex;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : "We could not reach LiveShop to load the shops.";
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task ToggleSuspensionAsync(AdminShopDto shop)
    {
        var suspend = !shop.IsSuspended;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            suspend ? $"Suspend {shop.Name}?" : $"Reinstate {shop.Name}?",
            suspend ? "Its team can no longer change its catalog, team or settings, or go live, until you reinstate it." : "Its team can change its catalog and go live again.",
            yesText: suspend ? "Suspend" : "Reinstate",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _busyId = shop.Id;
        try
        {
            var changed = await Api.SuspendShopAsync(shop.Id, suspend);
            _page = _page! with { Items = [.. _page.Items.Select(s => s.Id == changed.Id ? changed : s)] };
            Snackbar.Add(changed.IsSuspended ? $"{changed.Name} is suspended." : $"{changed.Name} is reinstated.", Severity.Success);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : "We could not reach LiveShop. Nothing changed.";
        }
        finally
        {
            _busyId = null;
        }
    }
}
