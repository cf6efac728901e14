using LiveShop.Client.Resources;
using LiveShop.Client.State;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Components;

/// <summary>
/// The chat, with a polite announcement of new lines that never floods a screen reader: the first new line
/// after a quiet spell is read at once ("Mei: hello"); lines arriving within <see cref="Quiet"/> of an
/// announcement are gathered into one summary when it has passed ("3 new messages", or the line itself if
/// only one came). The viewer's own lines are not announced back to them.
/// </summary>
public partial class ChatList : IDisposable
{
    /// <summary>The shortest time between two announcements.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);

    private readonly HashSet<Guid> _seen = [];
    private bool _started;
    private DateTimeOffset? _lastAnnounced;
    private ChatMessageDto? _latestWaiting;
    private int _waiting;
    private ITimer? _later;
    private string _announcement = "";

    [Inject] private IStringLocalizer<CommonText> T { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>Confirmed lines, oldest first.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ChatMessageDto> Messages { get; set; } = [];

    /// <summary>Older lines the viewer scrolled back to, shown above <see cref="Messages"/> and never announced.</summary>
    [Parameter] public IReadOnlyList<ChatMessageDto> Earlier { get; set; } = [];

    /// <summary>The user's own lines on their way.</summary>
    [Parameter] public IReadOnlyList<PendingChat> Pending { get; set; } = [];

    /// <summary>The signed-in user, to mark their lines.</summary>
    [Parameter] public Guid? OwnUserId { get; set; }

    /// <summary>Shown when there is nothing yet; by default "No messages yet. Say hello!" in the viewer's language.</summary>
    [Parameter] public string? EmptyText { get; set; }

    protected override void OnParametersSet()
    {
        var arrived = Messages.Where(m => !_seen.Contains(m.Id)).ToList();
        var wasEmpty = _seen.Count == 0;
        _seen.Clear();
        _seen.UnionWith(Messages.Select(m => m.Id));

        // What was there when the chat opened is history, not news; so is the history that loads after joining.
        if (!_started || (wasEmpty && arrived.Count > 1))
        {
            _started = true;
            return;
        }

        var news = arrived.Where(m => OwnUserId is null || m.AuthorId != OwnUserId).ToList();
        if (news.Count == 0)
        {
            return;
        }

        _waiting += news.Count;
        _latestWaiting = news[^1];
        var now = Clock.GetUtcNow();
        if (_lastAnnounced is not { } last || now - last >= Quiet)
        {
            AnnounceWaiting(now);
        }
        else
        {
            _later ??= Clock.CreateTimer(_ => _ = InvokeAsync(AnnounceLater), null, last + Quiet - now, Timeout.InfiniteTimeSpan);
        }
    }

    private void AnnounceLater()
    {
        _later?.Dispose();
        _later = null;
        if (_waiting > 0)
        {
            AnnounceWaiting(Clock.GetUtcNow());
            StateHasChanged();
        }
    }

    private void AnnounceWaiting(DateTimeOffset now)
    {
        _announcement = _waiting == 1 && _latestWaiting is { } line
            ? T["{0}: {1}", line.AuthorName, line.Text]
            : T["{0} new messages", _waiting];
        _waiting = 0;
        _latestWaiting = null;
        _lastAnnounced = now;
    }

    private string LineClass(ChatMessageDto message) =>
        "ls-chat__line" + (message.AuthorId == OwnUserId ? " is-own" : "") + (message.AuthorRole == ChatAuthorRole.Host ? " is-host" : "");

    public void Dispose() => _later?.Dispose();
}
