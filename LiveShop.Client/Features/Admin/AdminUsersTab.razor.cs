using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LiveShop.Client.Features.Admin;

/// <summary>Every account, searchable and paged; the administrator suspends or reinstates one and grants or takes the global Moderator role.</summary>
public sealed partial class AdminUsersTab
{
    private PageDto<AdminUserDto>? _page;
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
            _page = await Api.AdminUsersAsync(_search, pageIndex);
            _pageIndex = pageIndex;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : "We could not reach LiveShop to load the accounts.";
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task ToggleSuspensionAsync(AdminUserDto user)
    {
        var suspend = !user.IsSuspended;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            suspend ? $"Suspend {user.DisplayName}?" : $"Reinstate {user.DisplayName}?",
            suspend ? $"{user.Email} is signed out and cannot sign in, until you reinstate the account." : $"{user.Email} can sign in again.",
            yesText: suspend ? "Suspend" : "Reinstate",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(user, () => Api.SuspendUserAsync(user.Id, suspend), user with { IsSuspended = suspend },
            suspend ? $"{user.DisplayName} is suspended." : $"{user.DisplayName} is reinstated.");
    }

    private async Task ToggleModeratorAsync(AdminUserDto user)
    {
        var make = !user.Roles.Contains(Roles.Moderator);
        IReadOnlyList<string> roles = make ? [.. user.Roles, Roles.Moderator] : [.. user.Roles.Where(r => r != Roles.Moderator)];
        await RunAsync(user, () => Api.SetGlobalModeratorAsync(user.Id, make), user with { Roles = roles },
            make ? $"{user.DisplayName} can now moderate every show." : $"{user.DisplayName} no longer moderates every show.");
    }

    private async Task RunAsync(AdminUserDto user, Func<Task> action, AdminUserDto after, string success)
    {
        _busyId = user.Id;
        _error = null;
        try
        {
            await action();
            _page = _page! with { Items = [.. _page.Items.Select(u => u.Id == user.Id ? after : u)] };
            Snackbar.Add(success, Severity.Success);
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
