using System.ComponentModel.DataAnnotations;
using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Team;

/// <summary>Sends an invitation; closes with the <see cref="ShopInvitationDto"/> the server created.</summary>
public sealed partial class InviteDialog
{
    private readonly InviteForm _form = new();
    private string? _error;
    private bool _busy;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    /// <summary>The shop the person is invited to.</summary>
    [Parameter, EditorRequired] public Guid ShopId { get; set; }

    private async Task SendAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var invitation = await Api.InviteMemberAsync(ShopId, new InviteMemberRequest(_form.Email.Trim(), _form.Role));
            Dialog.Close(DialogResult.Ok(invitation));
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Nothing was sent: try again."].Value;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => Dialog.Cancel();

    private sealed class InviteForm
    {
        [Required(ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.EnterTheirEmail))]
        [EmailAddress(ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.NotAnEmail))]
        public string Email { get; set; } = "";

        public ShopRole Role { get; set; } = ShopRole.Host;
    }
}
