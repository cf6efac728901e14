using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Shows;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Moderation;

/// <summary>Who acts: their id, the name the audit log and the room show, and whether they host the show.</summary>
public sealed record StaffMember(Guid Id, string Name, bool IsHost);

/// <summary>
/// A show's staff: the team of the shop that owns it (owners, managers, hosts and moderators, its
/// host and co-host among them), the moderators the host assigned to the show, and users with the
/// global Moderator role when the host allowed global moderators. Guests are never staff; other
/// shops' people are not staff of this one.
/// </summary>
public sealed class ShowStaff(LiveShopDbContext db, RoomIdentities identities)
{
    /// <summary>Whether the signed-in caller is staff of the show (false for anonymous callers and guests).</summary>
    public async Task<bool> IsStaffAsync(Show show, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (caller.FindUserId() is not { } userId || caller.IsGuest())
        {
            return false;
        }

        return (show.AllowGlobalModerators && caller.IsInRole(Roles.Moderator))
            || await db.ShopMembers.AnyAsync(m => m.ShopId == show.ShopId && m.UserId == userId, cancellationToken)
            || await db.ShowModerators.AnyAsync(m => m.ShowId == show.Id && m.UserId == userId, cancellationToken);
    }

    /// <summary>The caller as a staff member of the show; refuses anyone else (401 anonymous, 403 others).</summary>
    public async Task<StaffMember> RequireStaffAsync(Show show, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        if (!await IsStaffAsync(show, caller, cancellationToken))
        {
            throw DomainException.Forbidden(ProblemCodes.NotShowStaff, "Only this show's host and moderators can do that.");
        }

        return new StaffMember(userId, caller.FindFirstValue(LiveShopClaims.DisplayName) ?? "Moderator", show.IsHostedBy(userId));
    }

    /// <summary>Whether a user (not the caller) is staff of the show: staff cannot be timed out or banned.</summary>
    public async Task<bool> IsUserStaffAsync(Show show, Guid userId, CancellationToken cancellationToken)
    {
        if (await db.ShopMembers.AnyAsync(m => m.ShopId == show.ShopId && m.UserId == userId, cancellationToken)
            || await db.ShowModerators.AnyAsync(m => m.ShowId == show.Id && m.UserId == userId, cancellationToken))
        {
            return true;
        }

        return show.AllowGlobalModerators && await db.UserRoles.AnyAsync(
            ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Moderator), cancellationToken);
    }

    /// <summary>Refuses a user who is timed out or banned in the show, saying until when.</summary>
    public async Task RequireNotRestrictedAsync(Guid showId, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await ActiveRestrictionAsync(showId, userId, now, cancellationToken) is not { } restriction)
        {
            return;
        }

        var extensions = new Dictionary<string, object?> { ["kind"] = restriction.Kind.ToString(), ["until"] = restriction.Until };
        throw restriction.Kind == RestrictionKind.Ban
            ? DomainException.Conflict(ProblemCodes.Restricted, "You've been banned from this show's chat and questions.", extensions)
            : DomainException.Conflict(ProblemCodes.Restricted, "You're timed out of this show's chat and questions for {0} more (until {1:HH:mm:ss} UTC).", extensions, Describe(restriction.Until!.Value - now), restriction.Until);
    }

    /// <summary>
    /// The user's own timeout or ban in the show, or else one that covers a browser or address the user
    /// joined the show's room from (<see cref="RoomIdentities"/>): a banned viewer back as a fresh guest
    /// is still banned. The address reaches guests only (see docs/decisions.md).
    /// </summary>
    public async Task<ShowRestriction?> ActiveRestrictionAsync(Guid showId, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var restriction = await db.ShowRestrictions.AsNoTracking().SingleOrDefaultAsync(r => r.ShowId == showId && r.UserId == userId, cancellationToken);
        if (restriction?.IsActive(now) == true)
        {
            return restriction;
        }

        if (identities.Of(showId, userId)?.CoveredBy is not { Count: > 0 } keys)
        {
            return null;
        }

        var covering = await db.ShowRestrictions.AsNoTracking()
            .Where(r => r.ShowId == showId && r.UserId != userId
                && db.ShowRestrictionCovers.Any(c => c.ShowId == showId && c.UserId == r.UserId && keys.Contains(c.Key)))
            .ToListAsync(cancellationToken);

        // A ban before a timeout; of timeouts, the one that ends last.
        return covering.Where(r => r.IsActive(now)).OrderBy(r => r.Kind == RestrictionKind.Ban ? 0 : 1).ThenByDescending(r => r.Until).FirstOrDefault();
    }

    /// <summary>"45 s", "9 min", "3 h 20 min".</summary>
    public static Phrase Describe(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return new Phrase("{0} s", Math.Max(1, (int)Math.Ceiling(span.TotalSeconds)));
        }

        if (span < TimeSpan.FromHours(1))
        {
            return new Phrase("{0} min", (int)Math.Ceiling(span.TotalMinutes));
        }

        var minutes = (int)Math.Ceiling(span.TotalMinutes);
        return minutes % 60 == 0 ? new Phrase("{0} h", minutes / 60) : new Phrase("{0} h {1} min", minutes / 60, minutes % 60);
    }
}
