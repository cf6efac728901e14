using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Hubs;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Shows;

/// <summary>
/// The show's host takes it live or ends it. The guarded transition is saved under the show's
/// concurrency token, then pushed to everyone in the show's group.
/// </summary>
public sealed class ChangeShowStatus(LiveShopDbContext db, TimeProvider clock, IHubContext<LiveShowHub, ILiveShowClient> hub)
{
    public Task<ShowStatusChangedDto> GoLiveAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, showId, "start shows", (show, now) => show.GoLive(now), cancellationToken);

    public Task<ShowStatusChangedDto> EndAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, showId, "end shows", (show, now) => show.End(now), cancellationToken);

    private async Task<ShowStatusChangedDto> ChangeAsync(ClaimsPrincipal caller, Guid showId, string whatFor, Action<Show, DateTimeOffset> transition, CancellationToken cancellationToken)
    {
        var userId = caller.RequireRole(Roles.Host, whatFor);
        var show = await db.Shows.SingleOrDefaultAsync(s => s.Id == showId, cancellationToken)
            ?? throw DomainException.NotFound(ProblemCodes.ShowNotFound, "There is no show with that id.");
        if (!show.IsHostedBy(userId))
        {
            throw DomainException.Forbidden(ProblemCodes.NotShowHost, "Only the host of this show can do that.");
        }

        var now = clock.GetUtcNow();
        transition(show, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.Conflict(ProblemCodes.ShowChangedMeanwhile, "The show changed at the same moment (another tab?). Reload to see its current state.");
        }

        var change = show.ToStatusChange(now);
        await hub.Clients.Group(ShowGroups.Room(showId)).ShowStatusChanged(change);
        return change;
    }
}
