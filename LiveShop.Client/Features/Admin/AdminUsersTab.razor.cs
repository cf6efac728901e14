using LiveShop.Shared;
using LiveShop.Shared.Shops;
using MudBlazor;

namespace LiveShop.Client.Features.Admin;

/// <summary>Every account, searchable and paged; the administrator suspends or reinstates one and grants or takes the global Moderator role.</summary>
public sealed partial class AdminUsersTab
{
    protected override string ListName => "accounts";

    protected override Task<PageDto<AdminUserDto>> FetchAsync(string? search, int pageIndex) => Api.AdminUsersAsync(search, pageIndex);

    protected override Guid IdOf(AdminUserDto row) => row.Id;

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

        await RunAsync(user, async () =>
            {
                await Api.SuspendUserAsync(user.Id, suspend);
                return user with { IsSuspended = suspend };
            },
            _ => suspend ? $"{user.DisplayName} is suspended." : $"{user.DisplayName} is reinstated.");
    }

    private async Task ToggleModeratorAsync(AdminUserDto user)
    {
        var make = !user.Roles.Contains(Roles.Moderator);
        IReadOnlyList<string> roles = make ? [.. user.Roles, Roles.Moderator] : [.. user.Roles.Where(r => r != Roles.Moderator)];
        await RunAsync(user, async () =>
            {
                await Api.SetGlobalModeratorAsync(user.Id, make);
                return user with { Roles = roles };
            },
            _ => make ? $"{user.DisplayName} can now moderate every show." : $"{user.DisplayName} no longer moderates every show.");
    }
}
