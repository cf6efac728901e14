using System.ComponentModel.DataAnnotations;
using LiveShop.Client.Features.BackOffice;
using LiveShop.Client.Features.BackOffice.Settings;
using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.Setup;

/// <summary>
/// The first run: the one-time token from the server's log, the administrator, then the first shop.
/// Success signs the administrator in (a new cookie, hence the full load) and opens the shop's products.
/// </summary>
public sealed partial class SetupPage
{
    private readonly AdminForm _admin = new();
    private readonly ShopFieldsModel _shop = new();
    private bool? _needed;
    private int _step = 1;
    private bool _busy;
    private string? _loadError;
    private string? _error;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            _needed = (await Api.SetupStatusAsync()).Needed;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _loadError = e is ApiException api ? api.Message : T["We could not reach the LiveShop server. Is it running?"].Value;
        }
    }

    private void Next()
    {
        _error = null;
        _shop.SuggestContactEmail(_admin.Email.Trim());
        _step = 2;
    }

    private void Back()
    {
        _error = null;
        _step = 1;
    }

    private async Task FinishAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var shop = await Api.CompleteSetupAsync(new SetupRequest(_admin.Token.Trim(), _admin.Email.Trim(), _admin.Password, _admin.DisplayName.Trim(), _shop.ToRequest()));
            Navigation.NavigateTo($"/shops/{shop.Id}/products", forceLoad: true);
        }
        catch (ApiException e) when (e.Code == ProblemCodes.SetupDone)
        {
            _needed = false;
            _busy = false;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach the LiveShop server. Nothing was saved: try again."].Value;

            // The token and the administrator are on the first step: send the person back to what to fix.
            if (e is ApiException { Code: ProblemCodes.SetupTokenInvalid or ProblemCodes.DisplayNameInvalid or ProblemCodes.RegistrationFailed })
            {
                _step = 1;
            }

            _busy = false;
        }
    }

    private sealed class AdminForm
    {
        [Required(ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.PasteTheSetupToken))]
        public string Token { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.EnterYourName))]
        [StringLength(Limits.DisplayNameMaxLength)]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.EnterYourEmail))]
        [EmailAddress(ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.NotAnEmail))]
        public string Email { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.ChooseAPassword))]
        [StringLength(Limits.PasswordMaxLength, MinimumLength = Limits.PasswordMinLength, ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.PasswordLength))]
        public string Password { get; set; } = "";
    }
}
