using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Moderation;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// Chat lines: from a signed-in user or a guest, 1–300 characters after trimming. Viewers get a small
/// burst and then one a second, or one per N seconds under slow mode; a timed-out or banned viewer
/// cannot post; a line matching the show's blocklist is held for a moderator instead of posted. The
/// show's staff (host, co-host, moderators) are exempt from all of that. Stored and numbered like every
/// room event; the sender's answer is the stored event, so its optimistic copy can be confirmed.
/// </summary>
public sealed class Chat(LiveShopDbContext db, RoomWriter writer, RoomActivity activity, ChatLimits limits, ShowStaff staff, ModerationNotifier notifier)
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

        var result = await writer.WriteAsync<(SendChatResult, HeldMessageDto?)>(showId, async room =>
        {
            var show = await db.Shows.FindAsync([showId], cancellationToken)
                ?? throw DomainException.ShowNotFound();
            if (show.Status == ShowStatus.Ended)
            {
                throw DomainException.Conflict(ProblemCodes.ShowEnded, "This show has ended; its chat is closed.");
            }

            var presenter = show.IsPresentedBy(userId);
            var isStaff = presenter || await staff.IsStaffAsync(show, caller, cancellationToken);
            var role = presenter ? ChatAuthorRole.Host
                : isStaff ? ChatAuthorRole.Moderator
                : caller.IsGuest() ? ChatAuthorRole.Guest
                : ChatAuthorRole.Viewer;
            if (!isStaff)
            {
                await staff.RequireNotRestrictedAsync(showId, userId, room.Now, cancellationToken);
                if (activity.SlowModeWait(showId, userId, show.SlowModeSeconds) is { } wait)
                {
                    throw DomainException.Conflict(
                        ProblemCodes.ChatSlowMode,
                        "Slow mode is on: one message every {0}. You can send again in {1}.",
                        new Dictionary<string, object?> { ["retryAfterSeconds"] = (int)Math.Ceiling(wait.TotalSeconds) }, ShowStaff.Describe(TimeSpan.FromSeconds(show.SlowModeSeconds)), ShowStaff.Describe(wait));
                }

                if (!activity.TryTakeChatToken(showId, userId))
                {
                    throw DomainException.Conflict(ProblemCodes.ChatRateLimited, "You're sending messages too fast. Wait a second and try again.");
                }

                // The room-wide budgets last, so a line refused for the sender's own pace takes nothing from them.
                limits.RequireMaySpeak(caller, userId, showId, from, question: false);

                // Counted for slow mode here, under the room lock, so two lines sent at once cannot both
                // pass; held lines count too, so slow mode also slows a flood of blocked words.
                activity.LineSent(showId, userId, room.Now, show.SlowModeSeconds);
                if (Blocklist.FirstMatch(text, show.BlocklistWords) is { } word)
                {
                    var held = new HeldMessage(Guid.CreateVersion7(), showId, userId, caller.DisplayName(), role, text, word, room.Now);
                    db.HeldMessages.Add(held);
                    return (new SendChatResult(null, held.ToDto()), held.ToDto());
                }
            }

            var message = new ChatMessageDto(Guid.CreateVersion7(), userId, caller.DisplayName(), role, text, room.Now, request.ClientMessageId);
            return (new SendChatResult(room.Emit((seq, at) => new ChatPostedEvent(seq, at, message)), null), (HeldMessageDto?)null);
        }, cancellationToken);

        if (result.Item1.Posted is { } posted)
        {
            activity.ChatPosted(showId, posted.At);
            return result.Item1;
        }

        // The staff see which word held the line; the sender is only told it waits (the list stays private).
        var heldForStaff = result.Item2!;
        await notifier.HeldAsync(heldForStaff);
        return new SendChatResult(null, heldForStaff with { MatchedWord = "" });
    }

    /// <summary>The house rules for typed text: see <see cref="TextInput.Clean"/>.</summary>
    internal static string Clean(string? text) => TextInput.Clean(text);
}
