using LiveShop.Shared;
using LiveShop.Shared.Shops;
using MudBlazor;

namespace LiveShop.Client.Features.Admin;

/// <summary>Every account, searchable and paged; the administrator suspends or reinstates one and grants or takes the global Moderator role.</summary>
public sealed partial class AdminUsersTab
{
    protected override string UnreachableText => T["We could not reach LiveShop to load the accounts."];

    protected override Task<PageDto<AdminUserDto>> FetchAsync(string? search, int pageIndex) => Api.AdminUsersAsync(search, pageIndex);

    protected override Guid IdOf(AdminUserDto row) => row.Id;

    private async Task ToggleSuspensionAsync(AdminUserDto user)
    {
        var suspend = !user.IsSuspended;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            suspend ? T["Suspend {0}?", user.DisplayName] : T["Reinstate {0}?", user.DisplayName],
            suspend ? T["{0} is signed out and cannot sign in, until you reinstate the account.", user.Email] : T["{0} can sign in again.", user.Email],
            yesText: suspend ? T["Suspend"] : T["Reinstate"],
            cancelText: T["Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(user, async () =>
            {
                await Api.SuspendUserAsync(user.Id, suspend);
                return user with { IsSuspended = suspend };
            },
            _ => suspend ? T["{0} is suspended.", user.DisplayName] : T["{0} is reinstated.", user.DisplayName]);
    }

    /// <summary>A platform role's name in the person's language (the role itself when it is not one of ours).</summary>
    private string RoleName(string role) => role switch
    {
        Roles.Administrator => T["Administrator"],
        Roles.Host => T["Host"],
        Roles.Moderator => T["Moderator"],
        Roles.Viewer => T["Viewer"],
        _ => role,
    };

    private async Task ToggleModeratorAsync(AdminUserDto user)
    {
        var make = !user.Roles.Contains(Roles.Moderator);
        IReadOnlyList<string> roles = make ? [.. user.Roles, Roles.Moderator] : [.. user.Roles.Where(r => r != Roles.Moderator)];
        await RunAsync(user, async () =>
            {
                await Api.SetGlobalModeratorAsync(user.Id, make);
                return user with { Roles = roles };
            },
            _ => make ? T["{0} can now moderate every show.", user.DisplayName] : T["{0} no longer moderates every show.", user.DisplayName]);
    }
}
