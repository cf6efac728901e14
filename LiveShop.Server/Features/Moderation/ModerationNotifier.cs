using LiveShop.Server.Realtime;
using System.Collections.Concurrent;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Features.Moderation;

/// <summary>
/// The pushes that are not room events: to the show's staff (connections that asked for the desk's
/// state) and to the user concerned. Sent after the change is stored; a failed push is logged, never
/// undoes the change (the desk reloads its state when it reconnects).
/// </summary>
public sealed partial class ModerationNotifier(ILiveClients clients, ILogger<ModerationNotifier> logger)
{
    /// <summary>The connections in a show's staff group, and whose they are.</summary>
    private readonly ConcurrentDictionary<(string ConnectionId, Guid ShowId), Guid> _desks = new();

    /// <summary>A staff member's connection joined the show's staff group (it opened the desk).</summary>
    public void DeskOpened(Guid showId, Guid userId, string connectionId) => _desks[(connectionId, showId)] = userId;

    /// <summary>The connection left the show (null: every show, it disconnected).</summary>
    public void DeskClosed(string connectionId, Guid? showId = null)
    {
        foreach (var key in _desks.Keys.Where(k => k.ConnectionId == connectionId && (showId is null || k.ShowId == showId)))
        {
            _desks.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// Takes the staff pushes away from the open desks of users who are no longer staff of the show
    /// (a moderator the host removed, global moderators no longer allowed): their next hub call is
    /// refused anyway, and from now on they no longer receive pending questions or held messages.
    /// </summary>
    public async Task CloseDesksAsync(Guid showId, Func<Guid, Task<bool>> isStaff)
    {
        foreach (var ((connectionId, deskShowId), userId) in _desks)
        {
            if (deskShowId == showId && !await isStaff(userId))
            {
                _desks.TryRemove((connectionId, showId), out _);
                await clients.RemoveFromStaffAsync(connectionId, showId);
            }
        }
    }

    /// <summary>To the staff and the author: any change to a question, pending ones included.</summary>
    public Task QuestionAsync(QuestionDto question) =>
        SendAsync(question.ShowId, () => clients.Staff(question.ShowId).QuestionUpdated(question),
            () => clients.User(question.AuthorId).QuestionUpdated(question));

    public Task HeldAsync(HeldMessageDto held) =>
        SendAsync(held.ShowId, () => clients.Staff(held.ShowId).HeldMessageUpdated(held));

    public Task RestrictionsAsync(Guid showId, IReadOnlyList<RestrictionDto> restrictions, Guid userId, RestrictionNoticeDto notice) =>
        SendAsync(showId, () => clients.Staff(showId).RestrictionsChanged(showId, restrictions),
            () => clients.User(userId).Restricted(notice));

    public Task BlocklistAsync(Guid showId, IReadOnlyList<string> words) =>
        SendAsync(showId, () => clients.Staff(showId).BlocklistChanged(showId, words));

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
