using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Moderation;
using LiveShop.Server.Features.Sales;
using LiveShop.Server.Realtime;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>What a joining page gets, and what it is: the room (missed events or a snapshot), and for a signed-in caller whether they present the show and their own timeout or ban.</summary>
public sealed record JoinedRoom(JoinResult Result, bool SeesSales);

/// <summary>
/// A connection joins a show's room. Call after the connection is in the room's audience: anything stored
/// from then on reaches it as a push, anything before is in the answer.
/// </summary>
public sealed class JoinRoom(LiveShopDbContext db, RoomQueries room, ShowStaff staff, ViewerTracker viewers, RoomIdentities identities, KnownShows knownShows, TimeProvider clock)
{
    /// <summary>Refuses (show-not-found) an id that is not a show, before anything is created for it.</summary>
    public ValueTask RequireShowAsync(Guid showId, CancellationToken cancellationToken = default) => knownShows.RequireAsync(db, showId, cancellationToken);

    public async Task<JoinedRoom> JoinAsync(ClaimsPrincipal? caller, HttpContext? http, Guid showId, long? afterSequence, CancellationToken cancellationToken = default)
    {
        var joined = await room.CatchUpAsync(showId, afterSequence, cancellationToken);
        var userId = caller.FindUserId();

        // Both the user and the browser: an anonymous browser later seen signed in counts as that user (see SalesQueries).
        viewers.Seen(showId, userId, http);
        identities.Seen(showId, caller, http);
        if (userId is null)
        {
            return new JoinedRoom(joined, SeesSales: false);
        }

        var show = await db.Shows.AsNoTracking().SingleAsync(s => s.Id == showId, cancellationToken);
        // The show's hosts get its sales numbers (they are never counted as its viewers).
        var seesSales = show.IsPresentedBy(userId.Value)
            && await db.ShopMembers.AnyAsync(m => m.ShopId == show.ShopId && m.UserId == userId, cancellationToken);

        // The caller's own timeout or ban, so their page says why it cannot chat, and until when.
        var restriction = await staff.ActiveRestrictionAsync(showId, userId.Value, clock.GetUtcNow(), cancellationToken);
        return new JoinedRoom(
            joined with { Restriction = restriction?.ToNotice(), IsStaff = await staff.IsStaffAsync(show, caller!, cancellationToken) },
            seesSales);
    }
}
