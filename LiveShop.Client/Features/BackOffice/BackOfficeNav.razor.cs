using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice;

/// <summary>
/// The shop back office's left navigation (Shows, Products, Orders, Team, Payments, Webhooks, Settings) with a shop switcher when
/// the caller belongs to several shops, and the page's content beside it. It loads the caller's shops
/// once interactive (the API needs the browser's cookie) and tells the page the caller's role in this
/// shop through <see cref="ShopLoaded"/>, so the page offers only what that role may do.
/// </summary>
public sealed partial class BackOfficeNav
{
    private IReadOnlyList<MyShopDto>? _shops;
    private Guid _announcedFor;
    private string? _error;

    /// <summary>The shop whose back office this is.</summary>
    [Parameter, EditorRequired] public Guid ShopId { get; set; }

    /// <summary>The current section, highlighted: "shows", "products", "orders", "team", "payments", "creators", "stores", "webhooks" or "settings".</summary>
    [Parameter] public string? Active { get; set; }

    /// <summary>The page, shown beside the navigation.</summary>
    [Parameter] public RenderFragment? ChildContent { get; set; }

    /// <summary>Raised once the caller's shops are known, with this shop and the caller's role in it.</summary>
    [Parameter] public EventCallback<MyShopDto> ShopLoaded { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    /// <summary>This shop as the caller sees it, once loaded (null when the caller is not on its team).</summary>
    private MyShopDto? Current => _shops?.FirstOrDefault(s => s.Id == ShopId);

    private IEnumerable<NavItem> Links
    {
        get
        {
            yield return new NavItem("shows", T["Shows"], "host", Icons.Material.Filled.Videocam);
            yield return new NavItem("products", T["Products"], $"shops/{ShopId}/products", Icons.Material.Filled.Inventory2);
            yield return new NavItem("orders", T["Orders"], $"shops/{ShopId}/orders", Icons.Material.Filled.LocalShipping);
            yield return new NavItem("team", T["Team"], $"shops/{ShopId}/team", Icons.Material.Filled.Group);

            // Payments: owners and managers (ShopPermissions.CanManagePayments).
            if (Current is null || ShopPermissions.CanManagePayments(Current.Role))
            {
                yield return new NavItem("payments", T["Payments"], $"shops/{ShopId}/payments", Icons.Material.Filled.Payments);
            }

            // The creator program: owners and managers (ShopPermissions.CanManageCreators).
            if (Current is null || ShopPermissions.CanManageCreators(Current.Role))
            {
                yield return new NavItem("creators", T["Creators"], $"shops/{ShopId}/creators", Icons.Material.Filled.Campaign);
            }

            // Stores and their staff: owners and managers (ShopPermissions.CanManageStores).
            if (Current is null || ShopPermissions.CanManageStores(Current.Role))
            {
                yield return new NavItem("stores", T["Stores"], $"shops/{ShopId}/stores", Icons.Material.Filled.Store);
            }

            // Webhooks are for owners and managers (WebhookPermissions.CanManage).
            if (Current is null || WebhookPermissions.CanManage(Current.Role))
            {
                yield return new NavItem("webhooks", T["Webhooks"], $"shops/{ShopId}/webhooks", Icons.Material.Filled.Webhook);
            }

            // Settings are the owner's (ShopPermissions.CanManageTeam); others would only meet a refusal.
            if (Current is null || ShopPermissions.CanManageTeam(Current.Role))
            {
                yield return new NavItem("settings", T["Settings"], $"shops/{ShopId}/settings", Icons.Material.Filled.Settings);
            }
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        if (_shops is null)
        {
            try
            {
                _shops = await Api.CatalogShopsAsync();
            }
            catch (Exception e) when (e is ApiException or HttpRequestException)
            {
                _error = e is ApiException api ? api.Message : T["We could not reach LiveShop to load your shops."].Value;
                return;
            }
        }

        if (_announcedFor != ShopId && Current is { } current)
        {
            _announcedFor = ShopId;
            await ShopLoaded.InvokeAsync(current);
        }
    }

    private void SwitchShop(Guid shopId)
    {
        if (shopId == ShopId)
        {
            return;
        }

        var section = Active is "team" or "settings" ? Active : "products";
        Navigation.NavigateTo($"shops/{shopId}/{section}");
    }

    private sealed record NavItem(string Section, string Label, string Href, string Icon);
}
