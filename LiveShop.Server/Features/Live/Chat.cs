using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Claims;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Moderation;
using LiveShop.Server.Features.Shows;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// Chat lines: from a signed-in user or a guest, 1–300 characters after trimming. Viewers get a small
/// burst and then one a second, or one per N seconds under slow mode; a timed-out or banned viewer
/// cannot post; a line matching the show's blocklist is held for a moderator instead of posted. The
/// show's staff (host, co-host, moderators) are exempt from all of that. Stored and numbered like every
/// room event; the sender's answer is the stored event, so its optimistic copy can be confirmed. A viewer's line that is
/// a pinned product's "+1" keyword also claims a unit in the same change (<see cref="ClaimDesk"/>).
/// </summary>
public sealed class Chat(
    LiveShopDbContext db,
    RoomWriter writer,
    ChatWriteQueue queue,
    RoomMembers members,
    RoomActivity activity,
    ChatLimits limits,
    ShowStaff staff,
    ModerationNotifier notifier,
    StockFanout stockFanout,
    Microsoft.Extensions.Localization.IStringLocalizer<Resources.ServerText> serverText)
{
    public async Task<SendChatResult> SendAsync(ClaimsPrincipal caller, Guid showId, SendChatRequest request, RoomCaller from, CancellationToken cancellationToken = default)
    {
        var userId = caller.RequireUserId();
        var text = Clean(request.Text);
        if (text.Length == 0)
        {
            throw DomainException.Invalid(ProblemCodes.ChatEmpty, "Type something first.");
        }

        if (text.Length > Limits.ChatMessageMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.ChatTooLong, "A message can be at most {0} characters (this one has {1}).", Limits.ChatMessageMaxLength, text.Length);
        }

        // Whether the line comes from the console or the desk decides only its place in the queue; the checks are the line's own.
        var fromStaff = members.Find(showId, from.ConnectionId)?.SeesAllChat == true;
        var line = new PendingChatLine(caller, userId, text, request.ClientMessageId, from, fromStaff);
        var result = await queue.EnqueueAsync(showId, line);
        if (result.Item1.Posted is { } posted)
        {
            activity.ChatPosted(showId, posted.At);

            // In the sender's language: this runs in their call, the batch did not.
            return line.ClaimRefusal is { } refusal ? result.Item1 with { ClaimNote = refusal.Localize(serverText) } : result.Item1;
        }

        // The staff see which word held the line; the sender is only told it waits (the list stays private).
        var heldForStaff = result.Item2!;
        await notifier.HeldAsync(heldForStaff);
        return new SendChatResult(null, heldForStaff with { MatchedWord = "" });
    }

    /// <summary>
    /// Stores a batch of lines as one room change (see <see cref="ChatWriteQueue"/>): each line is checked on
    /// its own, in order; a refused line is answered with its refusal and takes nothing from the others.
    /// </summary>
    internal async Task StoreBatchAsync(Guid showId, IReadOnlyList<PendingChatLine> lines)
    {
        List<(PendingChatLine Line, (SendChatResult, HeldMessageDto?)? Outcome, DomainException? Refusal)> outcomes = [];
        Dictionary<PendingChatLine, ChatClaimDto> claims = [];
        ClaimDesk? desk = null;
        await writer.WriteAsync(showId, async room =>
        {
            outcomes.Clear();
            claims.Clear();
            foreach (var line in lines)
            {
                // A retried change (SQL Server's execution strategy) starts over: nothing of the failed attempt's claims stays.
                line.ClaimRefusal = null;
            }

            var show = await db.Shows.FindAsync([showId], CancellationToken.None)
                ?? throw DomainException.ShowNotFound();
            // Most shows never time out or ban anyone: one read for the batch instead of one or two per line.
            var anyRestrictions = await db.ShowRestrictions.AnyAsync(r => r.ShowId == showId);
            desk = show.Status == ShowStatus.Live && lines.Any(l => !l.FromStaff)
                ? await ClaimDesk.OpenAsync(db, show, [.. lines.Select(l => l.UserId).Distinct()], CancellationToken.None)
                : null;
            foreach (var line in lines)
            {
                try
                {
                    var outcome = await AcceptAsync(room, show, line, anyRestrictions);
                    outcomes.Add((line, outcome, null));
                    if (desk is not null && outcome.Item1.Posted is { Message.AuthorRole: ChatAuthorRole.Viewer or ChatAuthorRole.Guest } posted)
                    {
                        await ClaimAsync(desk, room, line, posted, claims);
                    }
                }
                catch (DomainException refusal)
                {
                    outcomes.Add((line, null, refusal));
                }
            }

            if (desk is not null)
            {
                await desk.FinishAsync(room);
            }

            return outcomes.Count;
        });

        if (desk is { StockMoved.Count: > 0 })
        {
            stockFanout.Changed(showId, desk.StockMoved);
        }

        foreach (var (line, outcome, refusal) in outcomes)
        {
            if (refusal is not null)
            {
                line.Outcome.TrySetException(refusal);
            }
            else if (claims.TryGetValue(line, out var claim))
            {
                line.Outcome.TrySetResult((outcome!.Value.Item1 with { Claim = claim }, outcome.Value.Item2));
            }
            else
            {
                line.Outcome.TrySetResult(outcome!.Value);
            }
        }
    }

    /// <summary>The line's claim, if it is a keyword; a refusal of the claim (no such variant, too many) leaves the line posted.</summary>
    private static async Task ClaimAsync(ClaimDesk desk, RoomChange room, PendingChatLine line, ChatPostedEvent posted, Dictionary<PendingChatLine, ChatClaimDto> claims)
    {
        try
        {
            if (await desk.ClaimAsync(room, line.UserId, posted.Message.AuthorName, posted.Sequence, line.Text) is { } claim)
            {
                claims[line] = claim.Dto;
            }
        }
        catch (DomainException refusal)
        {
            line.ClaimRefusal = refusal;
        }
    }

    private async Task<(SendChatResult, HeldMessageDto?)> AcceptAsync(RoomChange room, Show show, PendingChatLine line, bool anyRestrictions)
    {
        if (show.Status == ShowStatus.Ended)
        {
            throw DomainException.Conflict(ProblemCodes.ShowEnded, "This show has ended; its chat is closed.");
        }

        var presenter = show.IsPresentedBy(line.UserId);
        var isStaff = presenter || await staff.IsStaffAsync(show, line.Caller, CancellationToken.None);
        var role = presenter ? ChatAuthorRole.Host
            : isStaff ? ChatAuthorRole.Moderator
            : line.Caller.IsGuest() ? ChatAuthorRole.Guest
            : ChatAuthorRole.Viewer;
        if (!isStaff)
        {
            if (anyRestrictions)
            {
                await staff.RequireNotRestrictedAsync(show.Id, line.UserId, room.Now, CancellationToken.None);
            }

            if (activity.SlowModeWait(show.Id, line.UserId, show.SlowModeSeconds) is { } wait)
            {
                throw DomainException.Conflict(
                    ProblemCodes.ChatSlowMode,
                    "Slow mode is on: one message every {0}. You can send again in {1}.",
                    new Dictionary<string, object?> { ["retryAfterSeconds"] = (int)Math.Ceiling(wait.TotalSeconds) }, ShowStaff.Describe(TimeSpan.FromSeconds(show.SlowModeSeconds)), ShowStaff.Describe(wait));
            }

            if (!activity.TryTakeChatToken(show.Id, line.UserId))
            {
                throw DomainException.Conflict(ProblemCodes.ChatRateLimited, "You're sending messages too fast. Wait a second and try again.");
            }

            // The room-wide budgets last, so a line refused for the sender's own pace takes nothing from them.
            limits.RequireMaySpeak(line.Caller, line.UserId, show.Id, line.From, question: false);

            // Counted for slow mode here, under the room lock, so two lines sent at once cannot both
            // pass; held lines count too, so slow mode also slows a flood of blocked words.
            activity.LineSent(show.Id, line.UserId, room.Now, show.SlowModeSeconds);
            if (Blocklist.FirstMatch(line.Text, show.BlocklistWords) is { } word)
            {
                var held = new HeldMessage(Guid.CreateVersion7(), show.Id, line.UserId, line.Caller.DisplayName(), role, line.Text, word, room.Now);
                db.HeldMessages.Add(held);
                return (new SendChatResult(null, held.ToDto()), held.ToDto());
            }
        }

        var message = new ChatMessageDto(Guid.CreateVersion7(), line.UserId, line.Caller.DisplayName(), role, line.Text, room.Now, line.ClientMessageId);
        return (new SendChatResult(room.Emit((seq, at) => new ChatPostedEvent(seq, at, message)), null), null);
    }

    /// <summary>The house rules for typed text: see <see cref="TextInput.Clean"/>.</summary>
    internal static string Clean(string? text) => TextInput.Clean(text);
}
