using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Shows;
using LiveShop.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>Loads a show for a change to its room, with the checks every host action shares.</summary>
internal static class RoomShows
{
    public static async Task<Show> LoadAsync(LiveShopDbContext db, Guid showId, CancellationToken cancellationToken) =>
        await db.Shows.Include(s => s.Lineup).ThenInclude(l => l.Product).AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == showId, cancellationToken)
        ?? throw DomainException.ShowNotFound();

    /// <summary>The show, if the caller is its host; refuses anyone else (401 anonymous, 403 others).</summary>
    public static async Task<Show> LoadHostedAsync(LiveShopDbContext db, ClaimsPrincipal caller, Guid showId, string whatFor, CancellationToken cancellationToken)
    {
        var userId = caller.RequireRole(Roles.Host, whatFor);
        var show = await LoadAsync(db, showId, cancellationToken);
        if (!show.IsHostedBy(userId))
        {
            throw DomainException.Forbidden(ProblemCodes.NotShowHost, "Only the host of this show can do that.");
        }

        return show;
    }
}
