using LiveShop.Client.Components;
using LiveShop.Client.Services;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using LiveShop.Client.Resources;
using MudBlazor;

namespace LiveShop.Client.Pages.Account;

/// <summary>The buyer's settings: whether "just bought" toasts name them, and the address checkout fills in.</summary>
public sealed partial class Profile
{
    private readonly AddressForm _address = new() { AllowBlank = true };
    private EditContext _context = default!;
    private ProfileDto? _profile;
    private AccountEmailDto? _account;
    private bool _showMyPurchases;
    private bool _saving;
    private string? _loadError;
    private string? _saveError;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IStringLocalizer<AccountText> T { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _context = new EditContext(_address);

        // The API needs the browser's cookie: load once interactive, not while prerendering.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            _profile = await Api.ProfileAsync();
            _showMyPurchases = _profile.ShowMyPurchases;
            _address.Prefill(_profile.SavedAddress);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _loadError = e is ApiException api ? api.Message : T["We could not reach LiveShop to load your account."].Value;
        }

        // E-mail, password and deletion: for accounts only (guests get a 403 and see none of it).
        try
        {
            _account = await Api.AccountEmailAsync();
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _account = null;
        }
    }

    private async Task SaveAsync()
    {
        _saving = true;
        _saveError = null;
        try
        {
            _profile = await Api.UpdateProfileAsync(new UpdateProfileRequest(_showMyPurchases, _address.IsBlank ? null : _address.ToDto()));
            _showMyPurchases = _profile.ShowMyPurchases;
            Snackbar.Add(T["Saved."].Value, Severity.Success);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _saveError = e is ApiException api ? api.Message : T["We could not reach LiveShop. Your changes are still here: try again."].Value;
        }
        finally
        {
            _saving = false;
        }
    }
}
