using System.Security.Claims;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Security;
using LiveShop.Server.Realtime;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Live;

/// <summary>Who sent a line or a question through the hub: the connection and its client address.</summary>
public sealed record RoomCaller(string ConnectionId, string Address);

/// <summary>
/// The room-wide limits on chat lines and questions that fresh guests cannot get round (settings in
/// <see cref="RateLimitOptions"/>): a guest speaks only after <c>GuestChatAfterSeconds</c> in the room,
/// all guests of a show together have one budget (<c>GuestChatPerShow</c>, <c>GuestQuestionsPerShow</c>),
/// and one address has one budget per show whoever sends (<c>ChatPerAddress</c>). The show's staff are
/// exempt (the callers do not call this for them). A refusal is <c>rate-limited</c> and says when to try again.
/// </summary>
public sealed class ChatLimits(KeyedLimiters limiters, RoomPresence presence, IOptions<RateLimitOptions> options, TimeProvider clock)
{
    /// <summary>Refuses the line or question if a limit says no; takes from the budgets when it passes.</summary>
    public void RequireMaySpeak(ClaimsPrincipal caller, Guid userId, Guid showId, RoomCaller from, bool question)
    {
        if (!limiters.Enabled)
        {
            return;
        }

        var settings = options.Value;
        var guest = caller.IsGuest();
        if (guest && settings.GuestChatAfterSeconds > 0)
        {
            var since = presence.InRoomSince(showId, RoomPresence.PersonKey(userId, null)!);
            var needed = TimeSpan.FromSeconds(settings.GuestChatAfterSeconds);
            var waited = since is { } joined ? clock.GetUtcNow() - joined : TimeSpan.Zero;
            if (waited < needed)
            {
                throw RateLimiting.TooMany(needed - waited, question
                    ? new Phrase("Guests can ask after {0} seconds in the show's room.", settings.GuestChatAfterSeconds)
                    : new Phrase("Guests can chat after {0} seconds in the show's room.", settings.GuestChatAfterSeconds));
            }
        }

        if (!limiters.TryTake("speech-per-address", settings.ChatPerAddress, $"{showId:N}|{from.Address}", out var wait))
        {
            throw RateLimiting.TooMany(wait, "Too many messages from your network in this show.");
        }

        if (guest && !limiters.TryTake(
                question ? "guest-questions-per-show" : "guest-chat-per-show",
                question ? settings.GuestQuestionsPerShow : settings.GuestChatPerShow,
                showId.ToString("N"),
                out wait))
        {
            throw RateLimiting.TooMany(wait, question
                ? new Phrase("Guests have asked many questions in this show just now.")
                : new Phrase("Guests are chatting a lot in this show just now."));
        }
    }
}
