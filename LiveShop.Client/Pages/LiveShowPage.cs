using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Client.State;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using System.Security.Claims;
using LiveShop.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Pages;

/// <summary>
/// What the viewer page and the host console share: load the show (during prerender, or over HTTP
/// after a client-side navigation), then, once interactive, join its room and apply every event in
/// order; a gap in the sequence triggers a resync. Joins again when the page is reused for another show.
/// </summary>
public abstract class LiveShowPage : ComponentBase, IAsyncDisposable
{
    private Guid? _joinedShowId;
    private bool _subscribed;

    [Inject] protected IShowReader Reader { get; set; } = default!;

    [Inject] protected ILiveShowConnection Live { get; set; } = default!;

    [Inject] protected TimeProvider Clock { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The viewer's text for what this base says itself (the pages inject their own <c>T</c>).</summary>
    [Inject] private IStringLocalizer<ViewerText> T { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The signed-in user or guest (null for anonymous visitors).</summary>
    protected Guid? UserId { get; private set; }

    protected string DisplayName { get; private set; } = "";

    /// <summary>The signed-in user's claims (empty for anonymous visitors).</summary>
    protected ClaimsPrincipal User { get; private set; } = new();

    /// <summary>The show's id from the URL.</summary>
    [Parameter] public Guid Id { get; set; }

    /// <summary>Loaded during prerender and carried into the interactive page.</summary>
    [PersistentState] public ShowDetailDto? Detail { get; set; }

    protected ShowState State { get; } = new();

    /// <summary>
    /// The lineup as the room has it now: the loaded show's, with each product's stock as the room
    /// events last told (stock is the shop's and changes with every order, here or in another show).
    /// </summary>
    protected IReadOnlyList<LineupItemDto> Lineup => State.Show?.Lineup ?? Detail?.Lineup ?? [];

    protected LiveConnectionState ConnectionState { get; private set; } = LiveConnectionState.Disconnected;

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            var user = (await AuthenticationState).User;
            User = user;
            UserId = Guid.TryParse(user.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;
            DisplayName = user.FindFirst(LiveShopClaims.DisplayName)?.Value ?? "";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Detail is null || Detail.Id != Id)
        {
            Detail = await Reader.GetAsync(Id);
        }

        if (Detail is null)
        {
            // Answers 404 during prerendering and shows the not-found page.
            Navigation.NotFound();
            return;
        }

        if (State.Show?.Id != Detail.Id)
        {
            State.Load(Detail);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (Detail is null || !RendererInfo.IsInteractive || _joinedShowId == Detail.Id)
        {
            return;
        }

        if (!_subscribed)
        {
            Live.Joined += OnJoinedRoomAsync;
            Live.EventsReceived += OnEventsAsync;
            Live.StatsReceived += OnStatsAsync;
            Live.StateChanged += OnConnectionChangedAsync;
            Live.QuestionUpdated += OnQuestionUpdatedAsync;
            Live.Restricted += OnRestrictedAsync;
            _subscribed = true;
        }

        _joinedShowId = Detail.Id;
        await Live.StartAsync(Detail.Id, () => State.LastSequence > 0 ? State.LastSequence : null);
        await OnJoinedAsync();
    }

    /// <summary>Runs once the page follows the show live.</summary>
    protected virtual Task OnJoinedAsync() => Task.CompletedTask;

    /// <summary>
    /// Runs after every join answer is applied (the first, and each rejoin after a reconnect or a gap):
    /// where a page asks again for what is not sequenced (questions, the moderation state), since the
    /// server forgets a connection's subscriptions when it reconnects.
    /// </summary>
    protected virtual Task OnRoomJoinedAsync() => Task.CompletedTask;

    /// <summary>
    /// Shows the user's line at once, then confirms it with the server's event, or takes it back and says
    /// why; a line held by the blocklist leaves the list too, and the sender is told it waits for review.
    /// A posted line that was a "+1" keyword also carries the sender's claim (or why it claimed nothing): see
    /// <see cref="OnChatAnsweredAsync"/>.
    /// </summary>
    protected async Task SendChatAsync(string text)
    {
        var clientMessageId = Guid.NewGuid();
        State.AddPendingChat(clientMessageId, DisplayName, text);
        try
        {
            var result = await Live.SendChatAsync(new SendChatRequest(text, clientMessageId));
            if (result.Posted is { } posted)
            {
                await ApplyAsync(posted);
            }
            else
            {
                State.DropPendingChat(clientMessageId);
                // What the sender of a line held by the blocklist is told.
                Snackbar.Add(T["Your message is waiting for a moderator's review."], Severity.Info);
            }

            await OnChatAnsweredAsync(result);
        }
        catch (HubException e)
        {
            State.DropPendingChat(clientMessageId);
            Snackbar.Add(HubErrors.Sentence(e), Severity.Warning);
        }
    }

    /// <summary>Runs after the server answered one of the user's chat lines: where the viewer page shows a "+1" claim the line made.</summary>
    protected virtual Task OnChatAnsweredAsync(SendChatResult result) => Task.CompletedTask;

    /// <summary>Applies the server's answer to an action of this page (the same event also arrives as a push).</summary>
    protected Task ApplyAsync(RoomEvent roomEvent)
    {
        State.ApplyAnswer(roomEvent);
        return AfterApplyAsync();
    }

    private async Task OnJoinedRoomAsync(JoinedRoom joined)
    {
        State.ApplyJoin(joined.Result, joined.DeviceTime);
        await AfterApplyAsync();
        await OnRoomJoinedAsync();
    }

    private Task OnQuestionUpdatedAsync(QuestionDto question) => InvokeAsync(() =>
    {
        State.ApplyQuestion(question);
        StateHasChanged();
    });

    private Task OnRestrictedAsync(RestrictionNoticeDto notice) => InvokeAsync(() =>
    {
        State.ApplyRestriction(notice);
        StateHasChanged();
    });

    private Task OnEventsAsync(RoomFrame frame)
    {
        State.ApplyFrame(frame);
        return AfterApplyAsync();
    }

    private Task OnStatsAsync(RoomStats stats)
    {
        State.ApplyStats(stats);
        return InvokeAsync(StateHasChanged);
    }

    private async Task AfterApplyAsync()
    {
        await InvokeAsync(StateHasChanged);
        if (State.NeedsResync)
        {
            await Live.ResyncAsync();
        }
    }

    private Task OnConnectionChangedAsync(LiveConnectionState state)
    {
        ConnectionState = state;
        return InvokeAsync(StateHasChanged);
    }

    public virtual async ValueTask DisposeAsync()
    {
        Live.Joined -= OnJoinedRoomAsync;
        Live.EventsReceived -= OnEventsAsync;
        Live.StatsReceived -= OnStatsAsync;
        Live.StateChanged -= OnConnectionChangedAsync;
        Live.QuestionUpdated -= OnQuestionUpdatedAsync;
        Live.Restricted -= OnRestrictedAsync;
        await Live.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
