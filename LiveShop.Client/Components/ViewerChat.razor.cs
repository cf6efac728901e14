using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Client.State;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Components;

/// <summary>
/// The viewer's chat with scroll-back (<see cref="EarlierChat"/>, <c>GET /api/shows/{id}/chat</c>) and, in a big
/// room, a note that the chat is a sample. Staff pages (host console, moderator desk) get every line and use
/// <see cref="ChatList"/> directly.
/// </summary>
public partial class ViewerChat
{
    /// <summary>Pages read at most per click when the newest ones hold only lines already shown.</summary>
    private const int MaxPagesPerClick = 3;

    private EarlierChat _earlier = new(_ => null);
    private IReadOnlyList<ChatMessageDto> _earlierLines = [];
    private Guid _showId;
    private bool _loading;
    private bool _failed;
    private string _status = "";
    private ElementReference _root;
    private bool _focusChat;

    [Inject] private IStringLocalizer<ViewerText> T { get; set; } = default!;

    [Inject] private ApiClient Api { get; set; } = default!;

    /// <summary>The show whose chat this is.</summary>
    [Parameter, EditorRequired] public Guid ShowId { get; set; }

    /// <summary>The live lines, oldest first (<see cref="ShowState.Chat"/>).</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ChatMessageDto> Messages { get; set; } = [];

    /// <summary>A live line's sequence when known (<see cref="ShowState.ChatSequenceOf"/>): where scroll-back starts.</summary>
    [Parameter, EditorRequired] public Func<Guid, long?> SequenceOf { get; set; } = _ => null;

    /// <summary>The user's own lines on their way.</summary>
    [Parameter] public IReadOnlyList<PendingChat> Pending { get; set; } = [];

    /// <summary>The signed-in user, to mark their lines.</summary>
    [Parameter] public Guid? OwnUserId { get; set; }

    /// <summary>True when the server sends this viewer a sample of the chat (<see cref="RoomStats.ChatSampled"/>, not staff).</summary>
    [Parameter] public bool Sampled { get; set; }

    protected override void OnParametersSet()
    {
        if (ShowId != _showId)
        {
            _showId = ShowId;
            _earlier = new EarlierChat(id => SequenceOf(id));
            _failed = false;
            _status = "";
        }

        _earlier.Follow(Messages);
        _earlierLines = _earlier.Lines;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusChat)
        {
            _focusChat = false;
            await _root.FocusAsync(preventScroll: true);
        }
    }

    private async Task LoadEarlierAsync()
    {
        if (_loading)
        {
            return;
        }

        _loading = true;
        _failed = false;
        var showId = ShowId;
        var earlier = _earlier;
        try
        {
            var added = 0;
            for (var page = 0; page < MaxPagesPerClick && added == 0 && !earlier.ReachedStart; page++)
            {
                var answer = await Api.ShowChatAsync(showId, earlier.NextBefore(Messages), EarlierChat.PageSize);
                if (showId != ShowId || !ReferenceEquals(earlier, _earlier))
                {
                    return;
                }

                added += earlier.Prepend(answer, Messages);
            }

            _earlierLines = earlier.Lines;

            // The button goes away at the start: focus, which was on it, goes to the chat rather than the page's top.
            _focusChat = earlier.ReachedStart;
            _status = added == 0 ? T["No earlier messages."] : added == 1 ? T["1 earlier message loaded."] : T["{0} earlier messages loaded.", added];
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException)
        {
            _failed = true;
        }
        finally
        {
            _loading = false;
        }
    }
}
