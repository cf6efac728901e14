using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Shows;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Moderation;

/// <summary>
/// Viewers' questions, apart from the chat. Anyone signed in (guests too) asks, 1–300 characters,
/// a few at once and then one every 20 s (staff exempt); a timed-out or banned user cannot ask or
/// vote. A question is visible at once, or pending until a moderator approves it when the host asked
/// for approval (or when it matches the blocklist). Visible questions are room events; pending ones
/// go only to the staff and the author.
/// </summary>
public sealed class Questions(LiveShopDbContext db, RoomWriter writer, RoomActivity activity, ChatLimits limits, ShowStaff staff, ModerationNotifier notifier)
{
    public async Task<QuestionDto> AskAsync(ClaimsPrincipal caller, Guid showId, AskQuestionRequest? request, RoomCaller from, CancellationToken cancellationToken = default)
    {
        var userId = caller.RequireUserId();
        var text = Chat.Clean(request?.Text);
        if (text.Length == 0)
        {
            throw DomainException.Invalid(ProblemCodes.QuestionEmpty, "Type your question first.");
        }

        if (text.Length > Limits.QuestionMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.QuestionTooLong, "A question can be at most {0} characters (this one has {1}).", Limits.QuestionMaxLength, text.Length);
        }

        var asked = await writer.WriteAsync(showId, async room =>
        {
            var show = await OpenShowAsync(showId, "ask questions", cancellationToken);
            var isStaff = await staff.IsStaffAsync(show, caller, cancellationToken);
            if (!isStaff)
            {
                await staff.RequireNotRestrictedAsync(showId, userId, room.Now, cancellationToken);
                if (!activity.TryTakeQuestionToken(showId, userId))
                {
                    throw DomainException.Conflict(ProblemCodes.QuestionRateLimited, "You've asked several questions in a row. Wait a little before asking another.");
                }

                limits.RequireMaySpeak(caller, userId, showId, from, question: true);
            }

            var held = !isStaff && (show.QuestionsNeedApproval || Blocklist.FirstMatch(text, show.BlocklistWords) is not null);
            var question = new Question(Guid.CreateVersion7(), showId, userId, caller.DisplayName(), text, held, room.Now);
            db.Questions.Add(question);
            EmitIfPublic(room, question);
            return question.ToDto();
        }, cancellationToken);

        await notifier.QuestionAsync(asked);
        return asked;
    }

    /// <summary>Votes for an open question, or takes the vote back; voting twice changes nothing.</summary>
    public async Task<QuestionDto> VoteAsync(ClaimsPrincipal caller, Guid showId, Guid questionId, bool vote, CancellationToken cancellationToken = default)
    {
        var userId = caller.RequireUserId();
        return await writer.WriteAsync(showId, async room =>
        {
            await OpenShowAsync(showId, "vote", cancellationToken);
            var question = await FindAsync(showId, questionId, cancellationToken);
            if (question.Status != QuestionStatus.Open)
            {
                throw question.Status == QuestionStatus.Answered
                    ? DomainException.Conflict(ProblemCodes.QuestionClosed, "That question has been answered; votes are closed.")
                    : DomainException.Conflict(ProblemCodes.QuestionClosed, "You can vote only for open questions.");
            }

            if (question.AuthorId == userId)
            {
                throw DomainException.Conflict(ProblemCodes.QuestionOwnVote, "You can't vote for your own question.");
            }

            await staff.RequireNotRestrictedAsync(showId, userId, room.Now, cancellationToken);
            var existing = await db.QuestionVotes.FindAsync([questionId, userId], cancellationToken);
            if (vote == existing is not null)
            {
                return question.ToDto();
            }

            // Every vote is a room event for everyone: a script flipping votes must not flood the room.
            if (!activity.TryTakeVoteToken(showId, userId))
            {
                throw DomainException.Conflict(ProblemCodes.VoteRateLimited, "You're voting too fast. Wait a second and try again.");
            }

            if (vote)
            {
                db.QuestionVotes.Add(new QuestionVote(questionId, userId, room.Now));
            }
            else
            {
                db.QuestionVotes.Remove(existing!);
            }

            question.CountVote(vote);
            EmitIfPublic(room, question);
            return question.ToDto();
        }, cancellationToken);
    }

    /// <summary>The questions the caller may see (staff: all; others: visible ones and their own), newest first, and the caller's votes.</summary>
    public async Task<QuestionBoardDto> BoardAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        var show = await db.Shows.AsNoTracking().SingleOrDefaultAsync(s => s.Id == showId, cancellationToken) ?? throw DomainException.ShowNotFound();
        var userId = caller.FindUserId();
        var query = db.Questions.AsNoTracking().Where(q => q.ShowId == showId);
        if (!await staff.IsStaffAsync(show, caller, cancellationToken))
        {
            query = query.Where(q => q.Status == QuestionStatus.Open || q.Status == QuestionStatus.Answered || q.AuthorId == userId);
        }

        var questions = await query.OrderByDescending(q => q.AskedAt).Take(Limits.QuestionBoardMax).ToListAsync(cancellationToken);
        IReadOnlyList<Guid> votes = userId is null ? [] : await db.QuestionVotes.AsNoTracking()
            .Where(v => v.UserId == userId && db.Questions.Any(q => q.Id == v.QuestionId && q.ShowId == showId))
            .Select(v => v.QuestionId)
            .ToListAsync(cancellationToken);
        return new QuestionBoardDto(showId, [.. questions.Select(q => q.ToDto())], votes);
    }

    public Task<QuestionDto> ApproveAsync(ClaimsPrincipal caller, Guid showId, Guid questionId, CancellationToken cancellationToken = default) =>
        ModerateAsync(caller, showId, questionId, (question, actor, now) =>
        {
            question.Approve();
            return new ModerationAction(showId, actor.Id, actor.Name, ModerationActions.ApproveQuestion, now, question.AuthorId, question.AuthorName, question.Id, question.Text);
        }, cancellationToken);

    /// <summary>Answers with text, or (no text) marks the question answered aloud; everyone sees it.</summary>
    public Task<QuestionDto> AnswerAsync(ClaimsPrincipal caller, Guid showId, AnswerQuestionRequest? request, CancellationToken cancellationToken = default)
    {
        var text = Chat.Clean(request?.Text);
        if (text.Length > Limits.AnswerMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.AnswerTooLong, "An answer can be at most {0} characters (this one has {1}).", Limits.AnswerMaxLength, text.Length);
        }

        return ModerateAsync(caller, showId, request?.QuestionId ?? Guid.Empty, (question, actor, now) =>
        {
            question.AnswerWith(text, actor.Id, actor.Name, now);
            return text.Length == 0
                ? new ModerationAction(showId, actor.Id, actor.Name, ModerationActions.MarkAnswered, now, question.AuthorId, question.AuthorName, question.Id, question.Text)
                : new ModerationAction(showId, actor.Id, actor.Name, ModerationActions.AnswerQuestion, now, question.AuthorId, question.AuthorName, question.Id, $"{question.Text} → {text}");
        }, cancellationToken);
    }

    public Task<QuestionDto> DismissAsync(ClaimsPrincipal caller, Guid showId, Guid questionId, CancellationToken cancellationToken = default) =>
        ModerateAsync(caller, showId, questionId, (question, actor, now) =>
        {
            question.Dismiss();
            return new ModerationAction(showId, actor.Id, actor.Name, ModerationActions.DismissQuestion, now, question.AuthorId, question.AuthorName, question.Id, question.Text);
        }, cancellationToken);

    /// <summary>A staff action on one question: checked, changed, audited and emitted in one room change.</summary>
    private async Task<QuestionDto> ModerateAsync(ClaimsPrincipal caller, Guid showId, Guid questionId, Func<Question, StaffMember, DateTimeOffset, ModerationAction> act, CancellationToken cancellationToken)
    {
        caller.RequireUserId();
        var changed = await writer.WriteAsync(showId, async room =>
        {
            var show = await db.Shows.FindAsync([showId], cancellationToken) ?? throw DomainException.ShowNotFound();
            var actor = await staff.RequireStaffAsync(show, caller, cancellationToken);
            var question = await FindAsync(showId, questionId, cancellationToken);
            var wasPublic = question.IsPublic;
            db.ModerationActions.Add(act(question, actor, room.Now));

            if (question.Status == QuestionStatus.Dismissed && wasPublic)
            {
                // Dismissing a visible question takes it off everyone's board, and out of the stored log:
                // a client catching up never receives its text or its author again (the audit keeps them).
                var redacted = question.ToRedactedDto();
                var stored = await db.RoomEvents.Where(e => e.ShowId == showId && e.SubjectId == question.Id && e.Kind == RoomEventKinds.Question).ToListAsync(cancellationToken);
                foreach (var record in stored)
                {
                    record.Redact(redacted);
                }

                room.Emit((seq, at) => new QuestionChangedEvent(seq, at, redacted));
            }
            else if (question.IsPublic)
            {
                room.Emit((seq, at) => new QuestionChangedEvent(seq, at, question.ToDto()));
            }

            return question.ToDto();
        }, cancellationToken);

        await notifier.QuestionAsync(changed);
        return changed;
    }

    private async Task<Show> OpenShowAsync(Guid showId, Phrase what, CancellationToken cancellationToken)
    {
        var show = await db.Shows.FindAsync([showId], cancellationToken) ?? throw DomainException.ShowNotFound();
        if (show.Status == ShowStatus.Ended)
        {
            throw DomainException.Conflict(ProblemCodes.ShowEnded, "This show has ended; you can no longer {0}.", what);
        }

        return show;
    }

    private async Task<Question> FindAsync(Guid showId, Guid questionId, CancellationToken cancellationToken) =>
        await db.Questions.SingleOrDefaultAsync(q => q.Id == questionId && q.ShowId == showId, cancellationToken)
        ?? throw DomainException.NotFound(ProblemCodes.QuestionNotFound, "There is no such question in this show.");

    private static void EmitIfPublic(RoomChange room, Question question)
    {
        if (question.IsPublic)
        {
            room.Emit((seq, at) => new QuestionChangedEvent(seq, at, question.ToDto()));
        }
    }
}
