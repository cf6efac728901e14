using System.Security.Claims;
using System.Text;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// Chat lines: from a signed-in user or a guest, 1–300 characters after trimming, at most a small
/// burst and then one a second per user (the show's host is exempt). Stored and numbered like every
/// room event; the sender's answer is the stored event, so its optimistic copy can be confirmed.
/// </summary>
public sealed class Chat(LiveShopDbContext db, RoomWriter writer, RoomActivity activity)
{
    public async Task<ChatPostedEvent> SendAsync(ClaimsPrincipal caller, Guid showId, SendChatRequest request, CancellationToken cancellationToken = default)
    {
        var userId = caller.RequireUserId();
        var text = Clean(request.Text);
        if (text.Length == 0)
        {
            throw DomainException.Invalid(ProblemCodes.ChatEmpty, "Type something first.");
        }

        if (text.Length > Limits.ChatMessageMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.ChatTooLong, $"A message can be at most {Limits.ChatMessageMaxLength} characters (this one has {text.Length}).");
        }

        var posted = await writer.WriteAsync(showId, async room =>
        {
            var show = await db.Shows.FindAsync([showId], cancellationToken)
                ?? throw DomainException.ShowNotFound();
            if (show.Status == ShowStatus.Ended)
            {
                throw DomainException.Conflict(ProblemCodes.ShowEnded, "This show has ended; its chat is closed.");
            }

            var isHost = show.IsHostedBy(userId);
            if (!isHost && !activity.TryTakeChatToken(showId, userId))
            {
                throw DomainException.Conflict(ProblemCodes.ChatRateLimited, "You're sending messages too fast. Wait a second and try again.");
            }

            var role = isHost ? ChatAuthorRole.Host
                : caller.IsInRole(Roles.Moderator) ? ChatAuthorRole.Moderator
                : caller.IsGuest() ? ChatAuthorRole.Guest
                : ChatAuthorRole.Viewer;
            var name = caller.FindFirstValue(LiveShopClaims.DisplayName) ?? "Someone";
            var message = new ChatMessageDto(Guid.CreateVersion7(), userId, name, role, text, room.Now, request.ClientMessageId);
            return room.Emit((seq, at) => new ChatPostedEvent(seq, at, message));
        }, cancellationToken);

        activity.ChatPosted(showId, posted.At);
        return posted;
    }

    /// <summary>Trims, turns line breaks and tabs into spaces, and drops other control characters.</summary>
    internal static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\n' or '\r' or '\t')
            {
                builder.Append(' ');
            }
            else if (!char.IsControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }
}
