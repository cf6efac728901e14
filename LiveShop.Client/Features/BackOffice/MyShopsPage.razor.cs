using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.BackOffice;

/// <summary>The shops the signed-in person works for, with their role in each; the way into each back office.</summary>
public partial class MyShopsPage
{
    private IReadOnlyList<MyShopDto>? _shops;
    private string? _error;

    [Inject]
    private ApiClient Api { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ShopText> T { get; set; } = default!;

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
}
