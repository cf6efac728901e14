using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Moderation;

/// <summary>
/// The host's side of moderation: who moderates the show (assigned by the host from the users with
/// the Moderator role, or any registered account by e-mail — that makes them a moderator of this show
/// only, never a global one), the approval and global-moderator switches, and the audit log.
/// </summary>
public sealed class ModeratorRoster(LiveShopDbContext db, RoomWriter writer, UserManager<AppUser> users, ShowStaff staff, ModerationNotifier notifier)
{
    private const string WhatFor = "manage a show's moderation";

    public async Task<ModerationSettingsDto> SettingsAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        var show = await RoomShows.LoadHostedAsync(db, caller, showId, WhatFor, cancellationToken);
        return new ModerationSettingsDto(show.QuestionsNeedApproval, show.AllowGlobalModerators);
    }

    public async Task<ModerationSettingsDto> ChangeSettingsAsync(ClaimsPrincipal caller, Guid showId, ModerationSettingsDto? settings, CancellationToken cancellationToken = default)
    {
        if (settings is null)
        {
            throw DomainException.Invalid(ProblemCodes.ValidationFailed, "Send the settings: questionsNeedApproval and allowGlobalModerators.");
        }

        var changed = await writer.WriteAsync(showId, async room =>
        {
            var show = await RoomShows.LoadHostedAsync(db, caller, showId, WhatFor, cancellationToken);
            show.SetModerationSettings(settings.QuestionsNeedApproval, settings.AllowGlobalModerators);
            db.ModerationActions.Add(new ModerationAction(showId, caller.RequireUserId(), caller.DisplayName(), ModerationActions.Settings, room.Now,
                detail: $"questions {(settings.QuestionsNeedApproval ? "need approval" : "visible at once")}; global moderators {(settings.AllowGlobalModerators ? "allowed" : "not allowed")}"));
            return new ModerationSettingsDto(show.QuestionsNeedApproval, show.AllowGlobalModerators);
        }, cancellationToken);

        await CloseDesksOfFormerStaffAsync(showId, cancellationToken);
        return changed;
    }

    /// <summary>The show's moderators, and the users with the Moderator role who could be added.</summary>
    public async Task<ModeratorsDto> ListAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        await RoomShows.LoadHostedAsync(db, caller, showId, WhatFor, cancellationToken);
        var assigned = await db.ShowModerators.AsNoTracking().Where(m => m.ShowId == showId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, u.DisplayName, u.Email, m.AddedAt })
            .OrderBy(m => m.AddedAt).ToListAsync(cancellationToken);
        var globalIds = (await users.GetUsersInRoleAsync(Roles.Moderator)).ToDictionary(u => u.Id);
        return new ModeratorsDto(
            [.. assigned.Select(m => new ShowModeratorDto(m.UserId, m.DisplayName, m.Email ?? "", globalIds.ContainsKey(m.UserId), m.AddedAt))],
            [.. globalIds.Values.Where(u => assigned.All(m => m.UserId != u.Id)).OrderBy(u => u.DisplayName)
                .Select(u => new ShowModeratorDto(u.Id, u.DisplayName, u.Email ?? "", true, u.CreatedAt))]);
    }

    /// <summary>Makes the registered account with that e-mail a moderator of the show.</summary>
    public async Task<ShowModeratorDto> AddAsync(ClaimsPrincipal caller, Guid showId, AddModeratorRequest? request, CancellationToken cancellationToken = default)
    {
        var email = request?.Email?.Trim() ?? "";
        if (email.Length is 0 or > Limits.EmailMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.ModeratorInvalid, "Enter the e-mail address of the person's LiveShop account.");
        }

        var user = await users.FindByEmailAsync(email);
        return await writer.WriteAsync(showId, async room =>
        {
            var show = await RoomShows.LoadHostedAsync(db, caller, showId, WhatFor, cancellationToken);
            if (user is null || user.IsGuest)
            {
                throw DomainException.NotFound(ProblemCodes.ModeratorNotFound, $"No LiveShop account has the e-mail {email}. Ask them to register first.");
            }

            if (show.IsPresentedBy(user.Id))
            {
                throw DomainException.Invalid(ProblemCodes.ModeratorInvalid, $"{user.DisplayName} already presents this show and can moderate it.");
            }

            if (await db.ShowModerators.AnyAsync(m => m.ShowId == showId && m.UserId == user.Id, cancellationToken))
            {
                throw DomainException.Conflict(ProblemCodes.ModeratorInvalid, $"{user.DisplayName} is already a moderator of this show.");
            }

            var actorId = caller.RequireUserId();
            db.ShowModerators.Add(new ShowModerator(showId, user.Id, actorId, room.Now));
            db.ModerationActions.Add(new ModerationAction(showId, actorId, caller.DisplayName(), ModerationActions.AddModerator, room.Now, user.Id, user.DisplayName));
            return new ShowModeratorDto(user.Id, user.DisplayName, user.Email ?? "", await users.IsInRoleAsync(user, Roles.Moderator), room.Now);
        }, cancellationToken);
    }

    public async Task RemoveAsync(ClaimsPrincipal caller, Guid showId, Guid userId, CancellationToken cancellationToken = default)
    {
        await writer.WriteAsync(showId, async room =>
        {
            await RoomShows.LoadHostedAsync(db, caller, showId, WhatFor, cancellationToken);
            var moderator = await db.ShowModerators.FindAsync([showId, userId], cancellationToken)
                ?? throw DomainException.NotFound(ProblemCodes.ModeratorNotFound, "That user is not a moderator of this show.");
            var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
            db.ShowModerators.Remove(moderator);
            db.ModerationActions.Add(new ModerationAction(showId, caller.RequireUserId(), caller.DisplayName(), ModerationActions.RemoveModerator, room.Now, userId, name));
            return 0;
        }, cancellationToken);

        await CloseDesksOfFormerStaffAsync(showId, cancellationToken);
    }

    /// <summary>After the staff changed: desks opened by users who are no longer staff stop receiving the staff pushes.</summary>
    private async Task CloseDesksOfFormerStaffAsync(Guid showId, CancellationToken cancellationToken)
    {
        var show = await db.Shows.AsNoTracking().SingleAsync(s => s.Id == showId, cancellationToken);
        await notifier.CloseDesksAsync(showId, userId => staff.IsUserStaffAsync(show, userId, cancellationToken));
    }

    /// <summary>The audit log, newest first: the host and the co-host may read it.</summary>
    public async Task<IReadOnlyList<ModerationAuditDto>> AuditAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        var userId = caller.RequireUserId();
        var show = await db.Shows.AsNoTracking().SingleOrDefaultAsync(s => s.Id == showId, cancellationToken) ?? throw DomainException.ShowNotFound();
        if (!show.IsPresentedBy(userId))
        {
            throw DomainException.Forbidden(ProblemCodes.NotShowHost, "Only the host of this show can read its moderation log.");
        }

        var actions = await db.ModerationActions.AsNoTracking().Where(a => a.ShowId == showId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(AuditMax).ToListAsync(cancellationToken);
        return [.. actions.Select(a => a.ToDto())];
    }

    /// <summary>Audit lines one answer holds at most (the newest).</summary>
    public const int AuditMax = 1000;
}
