using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Shops;
using LiveShop.Server.Features.Shows;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>Loads a show for a change to its room, with the checks every host action shares.</summary>
internal static class RoomShows
{
    public static async Task<Show> LoadAsync(LiveShopDbContext db, Guid showId, CancellationToken cancellationToken) =>
        await db.Shows.Include(s => s.Lineup).ThenInclude(l => l.Product).AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == showId, cancellationToken)
        ?? throw DomainException.ShowNotFound();

    /// <summary>
    /// The show, if the caller is its host and still hosts for the shop that owns it; refuses anyone
    /// else (401 anonymous, 403 others), a host the shop removed or demoted, and a suspended shop.
    /// </summary>
    public static async Task<Show> LoadHostedAsync(LiveShopDbContext db, ClaimsPrincipal caller, Guid showId, Phrase whatFor, CancellationToken cancellationToken)
    {
        var userId = caller.RequireRole(Roles.Host, whatFor);
        var show = await LoadAsync(db, showId, cancellationToken);
        if (!show.IsHostedBy(userId))
        {
            throw DomainException.Forbidden(ProblemCodes.NotShowHost, "Only the host of this show can {0}.", whatFor);
        }

        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Id == show.ShopId, cancellationToken);
        var role = await ShopAccess.RoleOfAsync(db, userId, show.ShopId, cancellationToken);
        if (role is not { } r || !ShopPermissions.CanHost(r))
        {
            throw DomainException.Forbidden(ProblemCodes.NotShopMember, "You no longer host for {0}, so you cannot {1} in its shows.", shop.Name, whatFor);
        }

        ShopAccess.RequireActive(shop);
        return show;
    }
}
