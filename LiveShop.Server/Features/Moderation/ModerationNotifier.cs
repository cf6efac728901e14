using LiveShop.Server.Hubs;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace LiveShop.Server.Features.Moderation;

/// <summary>
/// The pushes that are not room events: to the show's staff (connections that asked for the desk's
/// state) and to the user concerned. Sent after the change is stored; a failed push is logged, never
/// undoes the change (the desk reloads its state when it reconnects).
/// </summary>
public sealed partial class ModerationNotifier(IHubContext<LiveShowHub, ILiveShowClient> hub, ILogger<ModerationNotifier> logger)
{
    /// <summary>To the staff and the author: any change to a question, pending ones included.</summary>
    public Task QuestionAsync(QuestionDto question) =>
        SendAsync(question.ShowId, () => hub.Clients.Group(ShowGroups.Staff(question.ShowId)).QuestionUpdated(question),
            () => hub.Clients.User(question.AuthorId.ToString()).QuestionUpdated(question));

    public Task HeldAsync(HeldMessageDto held) =>
        SendAsync(held.ShowId, () => hub.Clients.Group(ShowGroups.Staff(held.ShowId)).HeldMessageUpdated(held));

    public Task RestrictionsAsync(Guid showId, IReadOnlyList<RestrictionDto> restrictions, Guid userId, RestrictionNoticeDto notice) =>
        SendAsync(showId, () => hub.Clients.Group(ShowGroups.Staff(showId)).RestrictionsChanged(showId, restrictions),
            () => hub.Clients.User(userId.ToString()).Restricted(notice));

    public Task BlocklistAsync(Guid showId, IReadOnlyList<string> words) =>
        SendAsync(showId, () => hub.Clients.Group(ShowGroups.Staff(showId)).BlocklistChanged(showId, words));

    private async Task SendAsync(Guid showId, params Func<Task>[] sends)
    {
        foreach (var send in sends)
        {
            try
            {
                await send();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPushFailed(logger, e, showId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A moderation push for show {ShowId} failed; the desk reloads its state when it reconnects.")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, Guid showId);
}
