using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Security;
using LiveShop.Server.Features.Shows;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Moderation;

/// <summary>
/// What the show's staff do to keep the chat clean: delete a line, time a user out or ban them, slow
/// mode, the keyword blocklist with its held messages, and the pinned announcement. Every action is
/// checked (staff only), written to the audit log in the same transaction as its effect, and then
/// pushed: room events to everyone, the rest to the staff and the user concerned.
/// </summary>
public sealed class ChatModeration(
    LiveShopDbContext db,
    RoomWriter writer,
    RoomActivity activity,
    ShowStaff staff,
    ModerationNotifier notifier,
    RoomIdentities identities,
    IOptions<IdentityOptions> identityOptions,
    TimeProvider clock)
{
    /// <summary>Refuses callers who are not staff of the show (before they join its staff group).</summary>
    public async Task RequireStaffAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        var show = await db.Shows.AsNoTracking().SingleOrDefaultAsync(s => s.Id == showId, cancellationToken) ?? throw DomainException.ShowNotFound();
        await staff.RequireStaffAsync(show, caller, cancellationToken);
    }

    /// <summary>The desk's state. Staff only.</summary>
    public async Task<ModerationStateDto> StateAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        var show = await db.Shows.AsNoTracking().SingleOrDefaultAsync(s => s.Id == showId, cancellationToken) ?? throw DomainException.ShowNotFound();
        var actor = await staff.RequireStaffAsync(show, caller, cancellationToken);
        var questions = await db.Questions.AsNoTracking().Where(q => q.ShowId == showId)
            .OrderByDescending(q => q.AskedAt).Take(Limits.QuestionBoardMax).ToListAsync(cancellationToken);
        var held = await db.HeldMessages.AsNoTracking().Where(h => h.ShowId == showId && h.Status == HeldMessageStatus.Held)
            .OrderBy(h => h.HeldAt).ToListAsync(cancellationToken);
        return new ModerationStateDto(
            showId,
            actor.IsHost,
            show.QuestionsNeedApproval,
            show.AllowGlobalModerators,
            show.ChatSettings,
            show.BlocklistWords,
            [.. questions.Select(q => q.ToDto())],
            [.. held.Select(h => h.ToDto())],
            await ActiveRestrictionsAsync(showId, cancellationToken));
    }

    /// <summary>Deletes a chat line for everyone; the audit keeps its text.</summary>
    public async Task<ChatDeletedEvent> DeleteAsync(ClaimsPrincipal caller, Guid showId, Guid messageId, CancellationToken cancellationToken = default)
    {
        caller.RequireUserId();
        return await writer.WriteAsync(showId, async room =>
        {
            var (_, actor) = await LoadAsync(caller, showId, cancellationToken);
            var record = await db.RoomEvents.SingleOrDefaultAsync(e => e.ShowId == showId && e.SubjectId == messageId && e.Kind == RoomEventKinds.Chat, cancellationToken)
                ?? throw DomainException.NotFound(ProblemCodes.ChatMessageNotFound, "There is no such message in this show's chat (it may have been deleted already).");
            var message = ((ChatPostedEvent)record.ToEvent()).Message;
            record.Redact(messageId);
            db.ModerationActions.Add(new ModerationAction(showId, actor.Id, actor.Name, ModerationActions.DeleteMessage, room.Now, message.AuthorId, message.AuthorName, messageId, message.Text));
            return room.Emit((seq, at) => new ChatDeletedEvent(seq, at, messageId));
        }, cancellationToken);
    }

    /// <summary>Times a user out (10 s to 24 h) or bans them from the show; staff cannot be restricted.</summary>
    public async Task<RestrictionDto> RestrictAsync(ClaimsPrincipal caller, Guid showId, RestrictUserRequest? request, CancellationToken cancellationToken = default)
    {
        caller.RequireUserId();
        if (request is null || !Enum.IsDefined(request.Kind))
        {
            throw DomainException.Invalid(ProblemCodes.RestrictionInvalid, "Say whom to restrict, and whether it is a timeout or a ban.");
        }

        TimeSpan? duration = null;
        if (request.Kind == RestrictionKind.Timeout)
        {
            if (request.DurationSeconds is not { } seconds || seconds < Limits.TimeoutMin.TotalSeconds || seconds > Limits.TimeoutMax.TotalSeconds)
            {
                throw DomainException.Invalid(ProblemCodes.RestrictionInvalid, "A timeout lasts from 10 seconds to 24 hours.");
            }

            duration = TimeSpan.FromSeconds(seconds);
        }

        var (restriction, list) = await writer.WriteAsync(showId, async room =>
        {
            var (show, actor) = await LoadAsync(caller, showId, cancellationToken);
            var target = await db.Users.AsNoTracking().Where(u => u.Id == request.UserId).Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(cancellationToken)
                ?? throw DomainException.NotFound(ProblemCodes.UserNotFound, "There is no such user.");
            if (target.Id == actor.Id || await staff.IsUserStaffAsync(show, target.Id, cancellationToken))
            {
                throw DomainException.Forbidden(ProblemCodes.CannotRestrictStaff, "{0} is on this show's staff and cannot be timed out or banned.", target.DisplayName);
            }

            var until = room.Now + duration;
            var restriction = await db.ShowRestrictions.FindAsync([showId, target.Id], cancellationToken);
            if (restriction is null)
            {
                restriction = new ShowRestriction(showId, target.Id, target.DisplayName, request.Kind, until, actor.Id, actor.Name, room.Now);
                db.ShowRestrictions.Add(restriction);
            }
            else
            {
                restriction.Set(target.DisplayName, request.Kind, until, actor.Id, actor.Name, room.Now);
            }

            await CoverIdentitiesAsync(showId, target.Id, cancellationToken);

            var detail = request.Kind == RestrictionKind.Ban ? "banned from the show" : $"timed out for {ShowStaff.Describe(duration!.Value)}";
            db.ModerationActions.Add(new ModerationAction(showId, actor.Id, actor.Name, request.Kind == RestrictionKind.Ban ? ModerationActions.Ban : ModerationActions.Timeout, room.Now, target.Id, target.DisplayName, null, detail));
            await db.SaveChangesAsync(cancellationToken);
            return (restriction, await ActiveRestrictionsAsync(showId, cancellationToken));
        }, cancellationToken);

        await notifier.RestrictionsAsync(showId, list, restriction.UserId, restriction.ToNotice());
        return restriction.ToDto();
    }

    public async Task LiftAsync(ClaimsPrincipal caller, Guid showId, Guid userId, CancellationToken cancellationToken = default)
    {
        caller.RequireUserId();
        var list = await writer.WriteAsync(showId, async room =>
        {
            var (_, actor) = await LoadAsync(caller, showId, cancellationToken);
            var restriction = await db.ShowRestrictions.FindAsync([showId, userId], cancellationToken);
            if (restriction is null || !restriction.IsActive(room.Now))
            {
                throw DomainException.NotFound(ProblemCodes.RestrictionNotFound, "That user is not timed out or banned in this show.");
            }

            db.ShowRestrictions.Remove(restriction);
            db.ModerationActions.Add(new ModerationAction(showId, actor.Id, actor.Name, ModerationActions.LiftRestriction, room.Now, userId, restriction.UserName, null, restriction.Kind == RestrictionKind.Ban ? "ban lifted" : "timeout lifted"));
            await db.SaveChangesAsync(cancellationToken);
            return await ActiveRestrictionsAsync(showId, cancellationToken);
        }, cancellationToken);

        await notifier.RestrictionsAsync(showId, list, userId, new RestrictionNoticeDto(showId, null, null));
    }

    public async Task<ChatSettingsEvent> SetSlowModeAsync(ClaimsPrincipal caller, Guid showId, int seconds, CancellationToken cancellationToken = default)
    {
        caller.RequireUserId();
        return await writer.WriteAsync(showId, async room =>
        {
            var (show, actor) = await LoadAsync(caller, showId, cancellationToken);
            show.SetSlowMode(seconds);
            db.ModerationActions.Add(new ModerationAction(showId, actor.Id, actor.Name, ModerationActions.SlowMode, room.Now, detail: seconds == 0 ? "off" : $"one message every {seconds} s"));
            return room.Emit((seq, at) => new ChatSettingsEvent(seq, at, show.ChatSettings));
        }, cancellationToken);
    }

    public async Task<ChatSettingsEvent> SetAnnouncementAsync(ClaimsPrincipal caller, Guid showId, string? text, CancellationToken cancellationToken = default)
    {
        caller.RequireUserId();
        return await writer.WriteAsync(showId, async room =>
        {
            var (show, actor) = await LoadAsync(caller, showId, cancellationToken);
            show.SetAnnouncement(Chat.Clean(text), actor.Name, room.Now);
            db.ModerationActions.Add(new ModerationAction(showId, actor.Id, actor.Name, ModerationActions.Announcement, room.Now, detail: show.AnnouncementText ?? "removed"));
            return room.Emit((seq, at) => new ChatSettingsEvent(seq, at, show.ChatSettings));
        }, cancellationToken);
    }

    /// <summary>Replaces the blocklist. Only the staff see it (viewers are never shown the words).</summary>
    public async Task<IReadOnlyList<string>> SetBlocklistAsync(ClaimsPrincipal caller, Guid showId, SetBlocklistRequest? request, CancellationToken cancellationToken = default)
    {
        caller.RequireUserId();
        if (request?.Words is null)
        {
            throw DomainException.Invalid(ProblemCodes.BlocklistInvalid, "Send the whole list of blocked words (an empty list clears it).");
        }

        var words = Blocklist.Validate(request.Words);
        await writer.WriteAsync(showId, async room =>
        {
            var (show, actor) = await LoadAsync(caller, showId, cancellationToken);
            show.SetBlocklist(words);
            db.ModerationActions.Add(new ModerationAction(showId, actor.Id, actor.Name, ModerationActions.Blocklist, room.Now, detail: words.Count == 0 ? "cleared" : $"{words.Count} words: {string.Join(", ", words)}"));
            return 0;
        }, cancellationToken);

        await notifier.BlocklistAsync(showId, words);
        return words;
    }

    /// <summary>Posts a held message to the chat, under its author's name, now.</summary>
    public async Task<HeldMessageDto> ReleaseAsync(ClaimsPrincipal caller, Guid showId, Guid heldId, CancellationToken cancellationToken = default)
    {
        caller.RequireUserId();
        var (held, posted) = await writer.WriteAsync(showId, async room =>
        {
            var (show, actor) = await LoadAsync(caller, showId, cancellationToken);
            if (show.Status == ShowStatus.Ended)
            {
                throw DomainException.Conflict(ProblemCodes.ShowEnded, "This show has ended; its chat is closed, so the message can only be dropped.");
            }

            var held = await FindHeldAsync(showId, heldId, cancellationToken);
            if (held.Status == HeldMessageStatus.Held && await staff.ActiveRestrictionAsync(showId, held.AuthorId, room.Now, cancellationToken) is { } restriction)
            {
                throw restriction.Kind == RestrictionKind.Ban
                    ? DomainException.Conflict(ProblemCodes.Restricted, "{0} has been banned since this message was held, so it can only be dropped.", held.AuthorName)
                    : DomainException.Conflict(ProblemCodes.Restricted, "{0} has been timed out since this message was held, so it can only be dropped.", held.AuthorName);
            }

            held.Decide(HeldMessageStatus.Released, actor.Id, room.Now);
            db.ModerationActions.Add(new ModerationAction(showId, actor.Id, actor.Name, ModerationActions.ReleaseMessage, room.Now, held.AuthorId, held.AuthorName, held.Id, held.Text));
            var message = new ChatMessageDto(Guid.CreateVersion7(), held.AuthorId, held.AuthorName, held.AuthorRole, held.Text, room.Now, null);
            return (held.ToDto(), room.Emit((seq, at) => new ChatPostedEvent(seq, at, message)));
        }, cancellationToken);

        activity.ChatPosted(showId, posted.At);
        await notifier.HeldAsync(held);
        return held;
    }

    public async Task<HeldMessageDto> DropAsync(ClaimsPrincipal caller, Guid showId, Guid heldId, CancellationToken cancellationToken = default)
    {
        caller.RequireUserId();
        var held = await writer.WriteAsync(showId, async room =>
        {
            var (_, actor) = await LoadAsync(caller, showId, cancellationToken);
            var held = await FindHeldAsync(showId, heldId, cancellationToken);
            held.Decide(HeldMessageStatus.Dropped, actor.Id, room.Now);
            db.ModerationActions.Add(new ModerationAction(showId, actor.Id, actor.Name, ModerationActions.DropMessage, room.Now, held.AuthorId, held.AuthorName, held.Id, held.Text));
            return held.ToDto();
        }, cancellationToken);

        await notifier.HeldAsync(held);
        return held;
    }

    /// <summary>
    /// The browsers and addresses the user joined this show from now belong to their restriction too
    /// (as keyed hashes), so a fresh guest from them is restricted as well; lifting deletes them with it.
    /// </summary>
    private async Task CoverIdentitiesAsync(Guid showId, Guid userId, CancellationToken cancellationToken)
    {
        if (!identityOptions.Value.RestrictByIdentity || identities.Of(showId, userId) is not { } seen)
        {
            return;
        }

        var known = await db.ShowRestrictionCovers.Where(c => c.ShowId == showId && c.UserId == userId).Select(c => c.Key).ToListAsync(cancellationToken);
        var covers = seen.Visitors.Select(key => new ShowRestrictionCover(showId, userId, CoverKind.Browser, key))
            .Concat(seen.Addresses.Select(key => new ShowRestrictionCover(showId, userId, CoverKind.Address, key)));
        db.ShowRestrictionCovers.AddRange(covers.Where(c => !known.Contains(c.Key)));
    }

    private async Task<(Show Show, StaffMember Actor)> LoadAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken)
    {
        var show = await db.Shows.FindAsync([showId], cancellationToken) ?? throw DomainException.ShowNotFound();
        return (show, await staff.RequireStaffAsync(show, caller, cancellationToken));
    }

    private async Task<HeldMessage> FindHeldAsync(Guid showId, Guid heldId, CancellationToken cancellationToken) =>
        await db.HeldMessages.SingleOrDefaultAsync(h => h.Id == heldId && h.ShowId == showId, cancellationToken)
        ?? throw DomainException.NotFound(ProblemCodes.HeldMessageNotFound, "There is no such held message in this show.");

    private async Task<IReadOnlyList<RestrictionDto>> ActiveRestrictionsAsync(Guid showId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var all = await db.ShowRestrictions.AsNoTracking().Where(r => r.ShowId == showId).ToListAsync(cancellationToken);
        return [.. all.Where(r => r.IsActive(now)).OrderBy(r => r.At).Select(r => r.ToDto())];
    }
}
