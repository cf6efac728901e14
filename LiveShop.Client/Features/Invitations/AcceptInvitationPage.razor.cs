using System.Net;
using System.Security.Claims;
using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.Invitations;

/// <summary>
/// An invitation link: who invites whom to which shop as what. Signed in as the invited e-mail: one
/// click. Not signed in: the password signs in (or, with a name, creates) the invited account and joins.
/// </summary>
public sealed partial class AcceptInvitationPage
{
    private readonly JoinForm _form = new();
    private InvitationPreviewDto? _invitation;
    private ApiException? _unusable;
    private string? _signedInEmail;
    private bool _signedIn;
    private bool _busy;
    private string? _loadError;
    private string? _error;

    private enum JoinMode
    {
        SignedIn,
        WrongAccount,
        SignIn,
        CreateAccount,
    }

    /// <summary>The secret from the e-mailed link.</summary>
    [Parameter] public string Token { get; set; } = "";

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    private JoinMode Mode => _signedIn
        ? (_signedInEmail is null || string.Equals(_signedInEmail, _invitation?.Email, StringComparison.OrdinalIgnoreCase) ? JoinMode.SignedIn : JoinMode.WrongAccount)
        : (_invitation?.AccountExists == true ? JoinMode.SignIn : JoinMode.CreateAccount);

    /// <summary>Where a new member starts: the catalog for those who manage it, the shows for hosts, home for moderators.</summary>
    public static string StartPage(MyShopDto shop) =>
        ShopPermissions.CanManageCatalog(shop.Role) ? $"/shops/{shop.Id}/products"
        : ShopPermissions.CanHost(shop.Role) ? "/host"
        : "/";

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        if (AuthState is not null)
        {
            // Guests count as signed out: the server signs the invited account in instead.
            var user = (await AuthState).User;
            _signedIn = user.Identity?.IsAuthenticated == true && !user.HasClaim(c => c.Type == LiveShopClaims.Guest);
            _signedInEmail = _signedIn ? user.FindFirst(ClaimTypes.Email)?.Value : null;
        }

        try
        {
            _invitation = await Api.PreviewInvitationAsync(Token);
        }
        catch (ApiException e) when (e.Status is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            _unusable = e;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _loadError = e is ApiException api ? api.Message : T["We could not reach LiveShop. Try again in a moment."].Value;
        }
    }

    private async Task SubmitAsync(bool createAccount)
    {
        if (createAccount && string.IsNullOrWhiteSpace(_form.DisplayName))
        {
            _error = T["Enter your name."];
        }
        else if (string.IsNullOrEmpty(_form.Password))
        {
            _error = T["Enter a password."];
        }
        else
        {
            await AcceptAsync(_form.Password, createAccount ? _form.DisplayName.Trim() : null);
        }
    }

    private async Task AcceptAsync(string? password, string? displayName)
    {
        _busy = true;
        _error = null;
        try
        {
            var shop = await Api.AcceptInvitationAsync(new AcceptInvitationRequest(Token, _signedIn ? null : password, _signedIn ? null : displayName));

            // A full load: the answer set the sign-in cookie (and maybe new roles) the app must read.
            Navigation.NavigateTo(StartPage(shop), forceLoad: true);
        }
        catch (ApiException e) when (e.Code is ProblemCodes.InvitationExpired or ProblemCodes.InvitationUsed or ProblemCodes.InvitationNotFound)
        {
            _unusable = e;
            _busy = false;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Try again in a moment."].Value;
            _busy = false;
        }
    }

    private async Task SignOutAsync()
    {
        _busy = true;
        try
        {
            await Api.SignOutAsync();
            Navigation.NavigateTo(Navigation.Uri, forceLoad: true);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Try again in a moment."].Value;
            _busy = false;
        }
    }

    private sealed class JoinForm
    {
        public string DisplayName { get; set; } = "";

        public string Password { get; set; } = "";
    }
}
