using LiveShop.Client.Services;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Features.BackOffice;

/// <summary>The shops the signed-in person works for, with their role in each; the way into each back office.</summary>
public partial class MyShopsPage
{
    private IReadOnlyList<MyShopDto>? _shops;
    private string? _error;

    [Inject]
    private ApiClient Api { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            _shops = await Api.CatalogShopsAsync();
        }
        catch (ApiException e)
        {
            _shops = [];
            _error = e.Message;
        }

        StateHasChanged();
    }

    private static string RoleName(ShopRole role) => role switch
    {
        ShopRole.Owner => "Owner",
        ShopRole.Manager => "Manager",
        ShopRole.Host => "Host",
        ShopRole.Moderator => "Moderator",
    };
}
