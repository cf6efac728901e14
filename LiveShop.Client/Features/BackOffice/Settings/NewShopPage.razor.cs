using System.Security.Claims;
using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.BackOffice.Settings;

/// <summary>A signed-in seller opens a shop and lands on its (empty) product list.</summary>
public sealed partial class NewShopPage
{
    private readonly ShopFieldsModel _model = new();
    private bool _busy;
    private string? _error;

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is not null)
        {
            _model.SuggestContactEmail((await AuthState).User.FindFirst(ClaimTypes.Email)?.Value);
        }
    }

    private async Task OpenAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var shop = await Api.OpenShopAsync(_model.ToRequest());

            // A full load: the server may have just given the account the seller's role.
            Navigation.NavigateTo($"/shops/{shop.Id}/products", forceLoad: true);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Nothing was opened: try again."].Value;
            _busy = false;
        }
    }
}
