using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Realtime;
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

    /// <summary>
    /// The show's moderators, and the users with the Moderator role who could be added. Names only: a moderator's
    /// e-mail is shown to the caller who added them by it (they typed it) or who owns it, never to anyone else.
    /// </summary>
    public async Task<ModeratorsDto> ListAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        await RoomShows.LoadHostedAsync(db, caller, showId, WhatFor, cancellationToken);
        var callerId = caller.RequireUserId();
        var assigned = await db.ShowModerators.AsNoTracking().Where(m => m.ShowId == showId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, m.AddedById, u.DisplayName, u.Email, m.AddedAt })
            .OrderBy(m => m.AddedAt).ToListAsync(cancellationToken);
        var globalIds = (await users.GetUsersInRoleAsync(Roles.Moderator)).ToDictionary(u => u.Id);
        return new ModeratorsDto(
            [.. assigned.Select(m => new ShowModeratorDto(m.UserId, m.DisplayName,
                ShowsEmail(callerId, m.UserId, m.AddedById, globalIds.ContainsKey(m.UserId)) ? m.Email : null, globalIds.ContainsKey(m.UserId), m.AddedAt))],
            [.. globalIds.Values.Where(u => assigned.All(m => m.UserId != u.Id)).OrderBy(u => u.DisplayName)
                .Select(u => new ShowModeratorDto(u.Id, u.DisplayName, u.Id == callerId ? u.Email : null, true, u.CreatedAt))]);
    }

    /// <summary>
    /// The caller's own e-mail, or one the caller typed: they added this moderator, who is not a LiveShop moderator
    /// (those are added from the list by name, so the caller may never have seen their address).
    /// </summary>
    private static bool ShowsEmail(Guid callerId, Guid moderatorId, Guid addedById, bool hasModeratorRole) =>
        moderatorId == callerId || (addedById == callerId && !hasModeratorRole);

    /// <summary>
    /// Makes the account with that e-mail (or the listed candidate with that id) a moderator of the show. By e-mail,
    /// the answer is the same sentence whether or not an account has the address, whether it was added now or
    /// before, or presents the show: nothing tells the caller which addresses have accounts (docs/security.md).
    /// </summary>
    public async Task<AddModeratorAnswerDto> AddAsync(ClaimsPrincipal caller, Guid showId, AddModeratorRequest? request, CancellationToken cancellationToken = default)
    {
        var email = request?.Email?.Trim() ?? "";
        AppUser? user;
        if (request?.UserId is { } candidateId)
        {
            // Only the users the list offers (the Moderator role) can be added by id.
            user = await users.FindByIdAsync(candidateId.ToString());
            if (user is null || !await users.IsInRoleAsync(user, Roles.Moderator))
            {
                throw DomainException.NotFound(ProblemCodes.ModeratorNotFound, "That user is not in the list of LiveShop moderators.");
            }
        }
        else if (email.Length is 0 or > Limits.EmailMaxLength || !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            throw DomainException.Invalid(ProblemCodes.ModeratorInvalid, "Enter the e-mail address of the person's LiveShop account.");
        }
        else
        {
            user = await users.FindByEmailAsync(email);
            if (user is not null && (user.IsGuest || Accounts.DeleteAccount.IsDeleted(user)))
            {
                user = null;
            }
        }

        await writer.WriteAsync(showId, async room =>
        {
            var show = await RoomShows.LoadHostedAsync(db, caller, showId, WhatFor, cancellationToken);
            if (user is null || show.IsPresentedBy(user.Id)
                || await db.ShowModerators.AnyAsync(m => m.ShowId == showId && m.UserId == user.Id, cancellationToken))
            {
                return 0;
            }

            var actorId = caller.RequireUserId();
            db.ShowModerators.Add(new ShowModerator(showId, user.Id, actorId, room.Now));
            db.ModerationActions.Add(new ModerationAction(showId, actorId, caller.DisplayName(), ModerationActions.AddModerator, room.Now, user.Id, user.DisplayName));
            return 1;
        }, cancellationToken);

        return request?.UserId is not null
            ? new AddModeratorAnswerDto($"{user!.DisplayName} can moderate this show.")
            : new AddModeratorAnswerDto($"If {email} is the e-mail of a LiveShop account, that person can moderate this show now. If they have no account yet, ask them to register with this address and add them again.");
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
