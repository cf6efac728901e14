using LiveShop.Shared.Shops;
using MudBlazor;

namespace LiveShop.Client.Features.Admin;

/// <summary>Every shop on the platform, searchable and paged; the administrator suspends or reinstates one.</summary>
public sealed partial class AdminShopsTab
{
    protected override string UnreachableText => T["We could not reach LiveShop to load the shops."];

    protected override Task<PageDto<AdminShopDto>> FetchAsync(string? search, int pageIndex) => Api.AdminShopsAsync(search, pageIndex);

    protected override Guid IdOf(AdminShopDto row) => row.Id;

    private async Task ToggleSuspensionAsync(AdminShopDto shop)
    {
        var suspend = !shop.IsSuspended;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            suspend ? T["Suspend {0}?", shop.Name] : T["Reinstate {0}?", shop.Name],
            suspend ? T["Its team can no longer change its catalog, team or settings, or go live, until you reinstate it."] : T["Its team can change its catalog and go live again."],
            yesText: suspend ? T["Suspend"] : T["Reinstate"],
            cancelText: T["Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(shop, () => Api.SuspendShopAsync(shop.Id, suspend),
            changed => changed.IsSuspended ? T["{0} is suspended.", changed.Name] : T["{0} is reinstated.", changed.Name]);
    }
}
