using LiveShop.Client.Services;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Pages.Moderate;

/// <summary>
/// The moderator desk: the show's questions (approve, answer, mark answered, dismiss) beside its chat
/// (delete, time out, ban; held messages to release or drop), with slow mode, the blocklist and the
/// announcement above, and the moderation log in a drawer. Anyone signed in may open it: the server
/// decides who is staff, and the page says so plainly when it refuses. The host also gets the show's
/// moderation settings and its moderators.
/// </summary>
public sealed partial class ModeratorDesk
{
    private QuestionStatus _filter = QuestionStatus.Open;
    private bool _auditOpen;

    private DateTimeOffset ServerNow => State.ServerNow(Clock.GetUtcNow());

    private bool CanChat => ConnectionState == LiveConnectionState.Connected && State.Status != ShowStatus.Ended;
}
