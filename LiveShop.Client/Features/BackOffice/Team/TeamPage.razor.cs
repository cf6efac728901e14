using System.Security.Claims;
using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Team;

/// <summary>
/// A shop's team: everyone sees who is in it and may leave; owners change roles, remove people,
/// invite by e-mail and withdraw open invitations. Refusals (e.g. the last owner leaving) show the server's sentence.
/// </summary>
public sealed partial class TeamPage
{
    private ShopDto? _shop;
    private List<ShopMemberDto>? _members;
    private List<ShopInvitationDto>? _invitations;
    private Guid? _myId;
    private Guid? _busyId;
    private string? _loadError;
    private string? _error;

    // Bumped when a role change is refused, so the selects start again from the roles the server holds.
    private int _selectVersion;

    [Parameter] public Guid ShopId { get; set; }

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    private ShopRole? MyRole => _members?.FirstOrDefault(m => m.UserId == _myId)?.Role;

    private bool IsOwner => MyRole is { } role && ShopPermissions.CanManageTeam(role);

    protected override async Task OnParametersSetAsync()
    {
        // The API needs the browser's cookie: load once interactive, not while prerendering.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        if (AuthState is not null)
        {
            var user = (await AuthState).User;
            _myId = Guid.TryParse(user.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
        }

        try
        {
            var shop = Api.GetShopAsync(ShopId);
            var members = Api.ShopMembersAsync(ShopId);
            _shop = await shop;
            _members = [.. await members];
            _invitations = IsOwner ? [.. await Api.ShopInvitationsAsync(ShopId)] : null;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _loadError = e is ApiException api ? api.Message : T["We could not reach LiveShop to load the team. Try again in a moment."].Value;
        }
    }

    private async Task InviteAsync()
    {
        var parameters = new DialogParameters<InviteDialog> { { d => d.ShopId, ShopId } };
        var dialog = await Dialogs.ShowAsync<InviteDialog>(T["Invite to the team"], parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: ShopInvitationDto invitation })
        {
            _invitations = [.. (_invitations ?? []).Where(i => i.Id != invitation.Id), invitation];
            Snackbar.Add(T["Invitation sent to {0}.", invitation.Email].Value, Severity.Success);
        }
    }

    private async Task ChangeRoleAsync(ShopMemberDto member, ShopRole role)
    {
        if (role == member.Role)
        {
            return;
        }

        await RunAsync(member.UserId, async () =>
        {
            var changed = await Api.ChangeMemberRoleAsync(ShopId, member.UserId, role);
            Replace(changed);
            Snackbar.Add(RoleText.NowIs(changed.DisplayName, changed.Role, T), Severity.Success);
        });
    }

    private async Task RemoveAsync(ShopMemberDto member)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Remove {0}?", member.DisplayName],
            _shop is null
                ? T["{0} loses access to the shop at once. You can invite them again later.", member.DisplayName]
                : T["{0} loses access to {1} at once. You can invite them again later.", member.DisplayName, _shop.Name],
            yesText: T["Remove"],
            cancelText: T["Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(member.UserId, async () =>
        {
            await Api.RemoveMemberAsync(ShopId, member.UserId);
            _members?.RemoveAll(m => m.UserId == member.UserId);
            Snackbar.Add(T["{0} is no longer in the team.", member.DisplayName].Value, Severity.Success);
        });
    }

    private async Task LeaveAsync()
    {
        if (_myId is not { } me)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Leave the shop?"],
            _shop is null
                ? T["You lose access to the shop's back office. An owner can invite you again."]
                : T["You lose access to the back office of {0}. An owner can invite you again.", _shop.Name],
            yesText: T["Leave shop"],
            cancelText: T["Stay"]);
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(me, async () =>
        {
            await Api.RemoveMemberAsync(ShopId, me);
            Snackbar.Add(_shop is null ? T["You left the shop."].Value : T["You left {0}.", _shop.Name].Value, Severity.Success);
            Navigation.NavigateTo("/");
        });
    }

    private async Task WithdrawAsync(ShopInvitationDto invitation) =>
        await RunAsync(invitation.Id, async () =>
        {
            await Api.WithdrawInvitationAsync(ShopId, invitation.Id);
            _invitations?.RemoveAll(i => i.Id == invitation.Id);
            Snackbar.Add(T["The invitation to {0} no longer works.", invitation.Email].Value, Severity.Success);
        });

    private async Task RunAsync(Guid busyId, Func<Task> action)
    {
        _busyId = busyId;
        _error = null;
        StateHasChanged();
        try
        {
            await action();
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Nothing changed: try again."].Value;
            _selectVersion++;
        }
        finally
        {
            _busyId = null;
        }
    }

    private void Replace(ShopMemberDto changed)
    {
        var index = _members?.FindIndex(m => m.UserId == changed.UserId) ?? -1;
        if (index >= 0)
        {
            _members![index] = changed;
        }
    }
}
