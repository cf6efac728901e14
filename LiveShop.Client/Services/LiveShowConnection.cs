using LiveShop.Shared;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace LiveShop.Client.Services;

/// <summary>A join's answer and the device time matching the server time in it (the middle of the round trip).</summary>
public sealed record JoinedRoom(JoinResult Result, DateTimeOffset DeviceTime);

/// <summary>Where the page's link to the live room stands.</summary>
public enum LiveConnectionState
{
    Disconnected,
    Connecting,
    Connected,
    Reconnecting,
}

/// <summary>
/// One page's connection to <c>/hubs/live</c>, joined to one show. It reconnects by itself and, on
/// every (re)join, sends the last sequence the page applied, so the server answers with exactly what
/// was missed. Start it only once the component is interactive (never during prerender). Pushes about
/// another show than the joined one are ignored.
/// </summary>
public sealed partial class LiveShowConnection(NavigationManager navigation, TimeProvider clock, Video.CameraChannel? cameras = null, IJSRuntime? js = null) : ILiveShowConnection, IOrderUpdates, Video.ICameraSignalling
{
    private HubConnection? _connection;
    private Guid _showId;
    private Func<long?> _lastSequence = () => null;
    private int _resyncing;

    public LiveConnectionState State { get; private set; } = LiveConnectionState.Disconnected;

    /// <summary>The answer to each join and rejoin, with the device time it corresponds to.</summary>
    public event Func<JoinedRoom, Task>? Joined;

    /// <summary>A frame of pushed room events.</summary>
    public event Func<RoomFrame, Task>? EventsReceived;

    public event Func<RoomStats, Task>? StatsReceived;

    public event Func<LiveConnectionState, Task>? StateChanged;

    /// <summary>One of the signed-in user's orders changed status (pushed to that user only).</summary>
    public event Func<OrderDto, Task>? OrderUpdated;

    /// <summary>Someone in the joined show just bought something.</summary>
    public event Func<PurchaseToastDto, Task>? PurchaseToast;

    /// <summary>The joined show's headline sales (sent only to its host and co-host).</summary>
    public event Func<SalesSummaryDto, Task>? SalesUpdated;

    public event Func<QuestionDto, Task>? QuestionUpdated;

    public event Func<HeldMessageDto, Task>? HeldMessageUpdated;

    public event Func<IReadOnlyList<RestrictionDto>, Task>? RestrictionsChanged;

    public event Func<IReadOnlyList<string>, Task>? BlocklistChanged;

    public event Func<RestrictionNoticeDto, Task>? Restricted;

    public event Func<ChatClaimDto, Task>? ClaimUpdated;

    /// <summary>Connects (once) and joins the show; called again with another show, it leaves the first.</summary>
    /// <param name="showId">The show.</param>
    /// <param name="lastSequence">Reads the last sequence the page applied (null before the first join).</param>
    public async Task StartAsync(Guid showId, Func<long?> lastSequence)
    {
        _lastSequence = lastSequence;
        if (_connection is not null)
        {
            if (_showId != showId)
            {
                if (_showId != Guid.Empty)
                {
                    await Hub.InvokeAsync(nameof(ILiveShowHub.LeaveShow), _showId);
                }

                _showId = showId;
                await JoinAsync();
            }

            return;
        }

        _showId = showId;
        await ConnectAsync();
        await JoinAsync();
    }

    /// <summary>Connects without joining a show: enough to receive the user's own <see cref="OrderUpdated"/> pushes.</summary>
    public async Task StartWithoutShowAsync()
    {
        if (_connection is null)
        {
            await ConnectAsync();
            await SetStateAsync(LiveConnectionState.Connected);
        }
    }

    private async Task ConnectAsync()
    {
        // The page says how (<body data-hub>): "negotiate" when Azure SignalR Service carries the connections (it hands
        // out its own address); otherwise WebSockets straight away, one request, so a load balancer that spreads
        // requests round robin (docs/deploy.md) keeps the whole connection on one instance.
        var negotiate = js is not null && await js.InvokeAsync<string?>("document.body.getAttribute", "data-hub") == "negotiate";
        _connection = new HubConnectionBuilder()
            .WithUrl(navigation.ToAbsoluteUri(HubRoutes.Live), o =>
            {
                if (!negotiate)
                {
                    o.SkipNegotiation = true;
                    o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                }
            })
            .WithAutomaticReconnect(_delays)
            // Source-generated JSON only (no reflection fallback): the published client is trimmed, and reflection
            // cannot rebuild records whose constructors the trimmer removed. Every hub type is in LiveShopJsonContext.
            .AddJsonProtocol(o => o.PayloadSerializerOptions.TypeInfoResolver = LiveShopJsonContext.Default)
            .Build();
        _connection.On<Guid, RoomFrame>(nameof(ILiveShowClient.RoomEvents), (showId, frame) =>
            showId == _showId ? RaiseAsync(EventsReceived, frame) : Task.CompletedTask);
        _connection.On<RoomStats>(nameof(ILiveShowClient.RoomStats), stats =>
            stats.ShowId == _showId ? RaiseAsync(StatsReceived, stats) : Task.CompletedTask);
        _connection.On<OrderDto>(nameof(ILiveShowClient.OrderUpdated), order => RaiseAsync(OrderUpdated, order));
        _connection.On<PurchaseToastDto>(nameof(ILiveShowClient.PurchaseToast), toast =>
            toast.ShowId == _showId ? RaiseAsync(PurchaseToast, toast) : Task.CompletedTask);
        _connection.On<SalesSummaryDto>(nameof(ILiveShowClient.SalesUpdated), summary =>
            summary.ShowId == _showId ? RaiseAsync(SalesUpdated, summary) : Task.CompletedTask);
        _connection.On<QuestionDto>(nameof(ILiveShowClient.QuestionUpdated), question =>
            question.ShowId == _showId ? RaiseAsync(QuestionUpdated, question) : Task.CompletedTask);
        _connection.On<HeldMessageDto>(nameof(ILiveShowClient.HeldMessageUpdated), held =>
            held.ShowId == _showId ? RaiseAsync(HeldMessageUpdated, held) : Task.CompletedTask);
        _connection.On<Guid, IReadOnlyList<RestrictionDto>>(nameof(ILiveShowClient.RestrictionsChanged), (showId, restrictions) =>
            showId == _showId ? RaiseAsync(RestrictionsChanged, restrictions) : Task.CompletedTask);
        _connection.On<Guid, IReadOnlyList<string>>(nameof(ILiveShowClient.BlocklistChanged), (showId, words) =>
            showId == _showId ? RaiseAsync(BlocklistChanged, words) : Task.CompletedTask);
        _connection.On<RestrictionNoticeDto>(nameof(ILiveShowClient.Restricted), notice =>
            notice.ShowId == _showId ? RaiseAsync(Restricted, notice) : Task.CompletedTask);
        _connection.On<ChatClaimDto>(nameof(ILiveShowClient.ClaimUpdated), claim =>
            claim.ShowId == _showId ? RaiseAsync(ClaimUpdated, claim) : Task.CompletedTask);
        OnCameraPushes(_connection);
        _connection.Reconnecting += _ => SetStateAsync(LiveConnectionState.Reconnecting);
        _connection.Reconnected += async _ =>
        {
            if (_showId != Guid.Empty)
            {
                await JoinAsync();
            }
            else
            {
                await SetStateAsync(LiveConnectionState.Connected);
            }
        };
        _connection.Closed += _ => ComingBack ? Task.CompletedTask : SetStateAsync(LiveConnectionState.Disconnected);

        await SetStateAsync(LiveConnectionState.Connecting);

        // Before the first start: a page opened while the phone is offline still comes back when the network does.
        await WatchNetworkAsync();
        await _connection.StartAsync();
    }

    /// <summary>Asks again for what the page missed (after a gap in the sequence). One request at a time.</summary>
    public async Task ResyncAsync()
    {
        if (_connection?.State != HubConnectionState.Connected || Interlocked.Exchange(ref _resyncing, 1) == 1)
        {
            return;
        }

        try
        {
            await JoinAsync();
        }
        finally
        {
            Interlocked.Exchange(ref _resyncing, 0);
        }
    }

    public Task<ShowStatusEvent> GoLiveAsync() => Hub.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), _showId);

    public Task<ShowStatusEvent> EndShowAsync() => Hub.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.EndShow), _showId);

    public Task<PinsChangedEvent> PinAsync(Guid productId) => Hub.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.PinProduct), _showId, productId);

    public Task<PinsChangedEvent> UnpinAsync(Guid productId) => Hub.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.UnpinProduct), _showId, productId);

    public Task<FlashSaleStartedEvent> StartFlashSaleAsync(StartFlashSaleRequest request) =>
        Hub.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), _showId, request);

    public Task<FlashSaleEndedEvent> EndFlashSaleAsync(Guid saleId) => Hub.InvokeAsync<FlashSaleEndedEvent>(nameof(ILiveShowHub.EndFlashSale), _showId, saleId);

    public Task<SendChatResult> SendChatAsync(SendChatRequest request) => Hub.InvokeAsync<SendChatResult>(nameof(ILiveShowHub.SendChat), _showId, request);

    public Task ReactAsync() => Hub.InvokeAsync(nameof(ILiveShowHub.React), _showId);

    public Task<QuestionDto> AskQuestionAsync(string text) =>
        Hub.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.AskQuestion), _showId, new AskQuestionRequest(text));

    public Task<QuestionDto> VoteQuestionAsync(Guid questionId, bool vote) =>
        Hub.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.VoteQuestion), _showId, questionId, vote);

    public Task<QuestionBoardDto> GetQuestionsAsync() => Hub.InvokeAsync<QuestionBoardDto>(nameof(ILiveShowHub.GetQuestions), _showId);

    public Task<ModerationStateDto> GetModerationAsync() => Hub.InvokeAsync<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), _showId);

    public Task<QuestionDto> ApproveQuestionAsync(Guid questionId) =>
        Hub.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.ApproveQuestion), _showId, questionId);

    public Task<QuestionDto> AnswerQuestionAsync(Guid questionId, string? text) =>
        Hub.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.AnswerQuestion), _showId, new AnswerQuestionRequest(questionId, text));

    public Task<QuestionDto> DismissQuestionAsync(Guid questionId) =>
        Hub.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.DismissQuestion), _showId, questionId);

    public Task<ChatDeletedEvent> DeleteChatAsync(Guid messageId) =>
        Hub.InvokeAsync<ChatDeletedEvent>(nameof(ILiveShowHub.DeleteChat), _showId, messageId);

    public Task<RestrictionDto> RestrictUserAsync(RestrictUserRequest request) =>
        Hub.InvokeAsync<RestrictionDto>(nameof(ILiveShowHub.RestrictUser), _showId, request);

    public Task LiftRestrictionAsync(Guid userId) => Hub.InvokeAsync(nameof(ILiveShowHub.LiftRestriction), _showId, userId);

    public Task<ChatSettingsEvent> SetSlowModeAsync(int seconds) =>
        Hub.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetSlowMode), _showId, seconds);

    public Task<ChatSettingsEvent> SetAnnouncementAsync(string? text) =>
        Hub.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetAnnouncement), _showId, text);

    public Task<IReadOnlyList<string>> SetBlocklistAsync(IReadOnlyList<string> words) =>
        Hub.InvokeAsync<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), _showId, new SetBlocklistRequest(words));

    public Task<HeldMessageDto> ReleaseHeldAsync(Guid heldId) => Hub.InvokeAsync<HeldMessageDto>(nameof(ILiveShowHub.ReleaseHeld), _showId, heldId);

    public Task<HeldMessageDto> DropHeldAsync(Guid heldId) => Hub.InvokeAsync<HeldMessageDto>(nameof(ILiveShowHub.DropHeld), _showId, heldId);

    public Task<ClaimsChangedEvent> SetChatClaimsAsync(SetChatClaimsRequest request) =>
        Hub.InvokeAsync<ClaimsChangedEvent>(nameof(ILiveShowHub.SetChatClaims), _showId, request);

    public Task<IReadOnlyList<ChatClaimDto>> GetClaimsAsync() => Hub.InvokeAsync<IReadOnlyList<ChatClaimDto>>(nameof(ILiveShowHub.GetClaims), _showId);

    public Task<IReadOnlyList<ChatClaimDto>> GetMyClaimsAsync() => Hub.InvokeAsync<IReadOnlyList<ChatClaimDto>>(nameof(ILiveShowHub.GetMyClaims), _showId);

    private HubConnection Hub => _connection ?? throw new InvalidOperationException("The live connection has not started.");

    private async Task JoinAsync()
    {
        var sent = clock.GetUtcNow();
        var joined = await Hub.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), _showId, _lastSequence());
        var received = clock.GetUtcNow();

        // The server stamped its time while answering: about the middle of our round trip.
        await RaiseAsync(Joined, new JoinedRoom(joined, sent + ((received - sent) / 2)));
        await SetStateAsync(LiveConnectionState.Connected);
        await CameraJoinedAsync();
    }

    private Task SetStateAsync(LiveConnectionState state)
    {
        State = state;
        return RaiseAsync(StateChanged, state);
    }

    private static async Task RaiseAsync<T>(Func<T, Task>? handlers, T value)
    {
        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Func<T, Task>>())
        {
            await handler(value);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await UnwatchNetworkAsync();
        await CameraDisposingAsync();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
