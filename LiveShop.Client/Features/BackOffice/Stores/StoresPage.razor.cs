using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Stores;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Stores;

/// <summary>
/// A shop's stores (owners and managers): add and rename stores, add staff by their account's e-mail address, take
/// someone off; under them the store leaderboard. Refusals show the server's sentence.
/// </summary>
public sealed partial class StoresPage
{
    private readonly Dictionary<Guid, string?> _emails = [];
    private ShopRole? _role;
    private List<StoreDto>? _stores;
    private string? _newStore;
    private Guid? _renaming;
    private string? _rename;
    private StoreLeaderboardPanel? _board;
    private bool _busy;
    private string? _error;

    [Parameter] public Guid ShopId { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    private async Task OnShopLoadedAsync(MyShopDto shop)
    {
        _role = shop.Role;
        _stores = null;
        if (ShopPermissions.CanManageStores(shop.Role))
        {
            await RunAsync(async () => _stores = await Api.ShopStoresAsync(ShopId));
        }
    }

    private Task CreateAsync() => RunAsync(async () =>
    {
        var store = await Api.CreateStoreAsync(ShopId, new StoreRequest(_newStore ?? ""));
        _stores = [.. _stores!.Append(store).OrderBy(s => s.Name, StringComparer.CurrentCulture)];
        _newStore = null;
        Snackbar.Add(T["{0} added. Now add its staff.", store.Name], Severity.Success);
    });

    private void StartRename(StoreDto store)
    {
        _renaming = store.Id;
        _rename = store.Name;
    }

    private Task RenameAsync(StoreDto store) => RunAsync(async () =>
    {
        Replace(await Api.RenameStoreAsync(ShopId, store.Id, new StoreRequest(_rename ?? "")));
        _renaming = null;
        await ReloadBoardAsync();
    });

    private Task AddStaffAsync(StoreDto store) => RunAsync(async () =>
    {
        Replace(await Api.AddStoreStaffAsync(ShopId, store.Id, new AddStoreStaffRequest(_emails.GetValueOrDefault(store.Id) ?? "")));
        _emails[store.Id] = null;
        await ReloadBoardAsync();
    });

    private async Task RemoveAsync(StoreDto store, StoreStaffDto member)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Take {0} off {1}'s staff?", member.DisplayName, store.Name],
            T["They make no new links for the store. The links they made keep counting for it."],
            yesText: T["Take off"],
            cancelText: T["Cancel"]);
        if (confirmed == true)
        {
            await RemoveConfirmedAsync(store, member);
        }
    }

    private Task RemoveConfirmedAsync(StoreDto store, StoreStaffDto member) => RunAsync(async () =>
    {
        Replace(await Api.RemoveStoreStaffAsync(ShopId, store.Id, member.UserId));
        await ReloadBoardAsync();
        Snackbar.Add(T["{0} is off {1}'s staff. The sales they brought stay the store's.", member.DisplayName, store.Name], Severity.Info);
    });

    /// <summary>The leaderboard again (its period kept), when it is on the page.</summary>
    private Task ReloadBoardAsync() => _board?.ReloadAsync() ?? Task.CompletedTask;

    private void Replace(StoreDto store) =>
        _stores = [.. _stores!.Select(s => s.Id == store.Id ? store : s).OrderBy(s => s.Name, StringComparer.CurrentCulture)];

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _error = null;
        _error = await ApiAction.RunAsync(action, T["We could not reach LiveShop. Try again in a moment."]);
        _busy = false;
    }

    /// <summary>The leaderboard's calls, run the page's way; true when nothing was refused.</summary>
    private async Task<bool> RunPanelAsync(Func<Task> action)
    {
        await RunAsync(action);
        StateHasChanged();
        return _error is null;
    }
}
