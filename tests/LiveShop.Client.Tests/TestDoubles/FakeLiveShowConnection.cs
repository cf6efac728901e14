using LiveShop.Client.Services;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using Microsoft.AspNetCore.SignalR;

namespace LiveShop.Client.Tests.TestDoubles;

/// <summary>
/// The live room as a page sees it, without a server: <see cref="StartAsync"/> answers with the join the
/// test set, every hub call is recorded with its arguments and answered by the test's responder (an
/// unanswered call fails the test), and the test pushes events and staff pushes itself. A method the test
/// holds (<see cref="Hold"/>) keeps its callers waiting until the test releases the answer (<see cref="ReleaseAsync"/>),
/// to see the page in between, or to push what the server sends before its answer.
/// </summary>
public sealed class FakeLiveShowConnection(JoinResult join, DateTimeOffset deviceTime) : ILiveShowConnection
{
    private readonly Dictionary<string, Func<object?[], object>> _answers = [];
    private readonly List<HubCall> _calls = [];
    private readonly HashSet<string> _holding = [];
    private readonly List<(string Method, Action Answer)> _waiting = [];

    /// <summary>A hub method the page called, with its arguments (the show id left out).</summary>
    public sealed record HubCall(string Method, object?[] Args);

    public LiveConnectionState State { get; private set; } = LiveConnectionState.Disconnected;

    public IReadOnlyList<HubCall> Calls => _calls;

    public Guid? StartedFor { get; private set; }

    public event Func<JoinedRoom, Task>? Joined;

    public event Func<RoomFrame, Task>? EventsReceived;

    public event Func<RoomStats, Task>? StatsReceived
    {
        add { }
        remove { }
    }

    public event Func<LiveConnectionState, Task>? StateChanged;

    public event Func<OrderDto, Task>? OrderUpdated
    {
        add { }
        remove { }
    }

    public event Func<PurchaseToastDto, Task>? PurchaseToast
    {
        add { }
        remove { }
    }

    public event Func<SalesSummaryDto, Task>? SalesUpdated
    {
        add { }
        remove { }
    }

    public event Func<QuestionDto, Task>? QuestionUpdated;

    public event Func<HeldMessageDto, Task>? HeldMessageUpdated;

    public event Func<IReadOnlyList<RestrictionDto>, Task>? RestrictionsChanged;

    public event Func<IReadOnlyList<string>, Task>? BlocklistChanged;

    public event Func<RestrictionNoticeDto, Task>? Restricted;

    public event Func<ChatClaimDto, Task>? ClaimUpdated;

    /// <summary>Answers calls of <paramref name="method"/> (a name of <see cref="ILiveShowHub"/>) with <paramref name="answer"/>'s value.</summary>
    public FakeLiveShowConnection Answer(string method, Func<object?[], object> answer)
    {
        _answers[method] = answer;
        return this;
    }

    /// <summary>Refuses calls of <paramref name="method"/> the way the hub does: "[code] sentence".</summary>
    public FakeLiveShowConnection Refuse(string method, string code, string sentence) =>
        Answer(method, _ => throw new HubException($"An unexpected error occurred invoking '{method}' on the server. HubException: [{code}] {sentence}"));

    public IReadOnlyList<HubCall> CallsOf(string method) => [.. _calls.Where(c => c.Method == method)];

    /// <summary>Calls of <paramref name="method"/> wait for <see cref="ReleaseAsync"/> (answered by the responder set then).</summary>
    public FakeLiveShowConnection Hold(string method)
    {
        _holding.Add(method);
        return this;
    }

    /// <summary>How many calls of <paramref name="method"/> wait for their answer.</summary>
    public int Waiting(string method) => _waiting.Count(w => w.Method == method);

    /// <summary>Answers the oldest waiting call of <paramref name="method"/> (run it through the renderer: <c>cut.InvokeAsync</c>).</summary>
    public Task ReleaseAsync(string method)
    {
        var index = _waiting.FindIndex(w => w.Method == method);
        if (index < 0)
        {
            throw new InvalidOperationException($"No call of {method} is waiting.");
        }

        var waiting = _waiting[index];
        _waiting.RemoveAt(index);
        waiting.Answer();
        return Task.CompletedTask;
    }

    public async Task StartAsync(Guid showId, Func<long?> lastSequence)
    {
        StartedFor = showId;
        await RejoinAsync(join);
    }

    /// <summary>What a reconnect does: the join's answer again, then connected.</summary>
    public async Task RejoinAsync(JoinResult answer)
    {
        await RaiseAsync(Joined, new JoinedRoom(answer, deviceTime));
        State = LiveConnectionState.Connected;
        await RaiseAsync(StateChanged, State);
    }

    /// <summary>Pushes the events as one frame that follows on from the event before the first (as the server sends them to a small room).</summary>
    public Task PushEventsAsync(params RoomEvent[] events) =>
        RaiseAsync(EventsReceived, new RoomFrame(events.Min(e => e.Sequence) - 1, events.Max(e => e.Sequence), events));

    public Task PushFrameAsync(RoomFrame frame) => RaiseAsync(EventsReceived, frame);

    public Task PushQuestionAsync(QuestionDto question) => RaiseAsync(QuestionUpdated, question);

    public Task PushHeldAsync(HeldMessageDto held) => RaiseAsync(HeldMessageUpdated, held);

    public Task PushRestrictionsAsync(params RestrictionDto[] restrictions) => RaiseAsync(RestrictionsChanged, (IReadOnlyList<RestrictionDto>)restrictions);

    public Task PushBlocklistAsync(params string[] words) => RaiseAsync(BlocklistChanged, (IReadOnlyList<string>)words);

    public Task PushRestrictedAsync(RestrictionNoticeDto notice) => RaiseAsync(Restricted, notice);

    public Task PushClaimAsync(ChatClaimDto claim) => RaiseAsync(ClaimUpdated, claim);

    public Task ResyncAsync() => Task.CompletedTask;

    public Task<ShowStatusEvent> GoLiveAsync() => Call<ShowStatusEvent>(nameof(ILiveShowHub.GoLive));

    public Task<ShowStatusEvent> EndShowAsync() => Call<ShowStatusEvent>(nameof(ILiveShowHub.EndShow));

    public Task<PinsChangedEvent> PinAsync(Guid productId) => Call<PinsChangedEvent>(nameof(ILiveShowHub.PinProduct), productId);

    public Task<PinsChangedEvent> UnpinAsync(Guid productId) => Call<PinsChangedEvent>(nameof(ILiveShowHub.UnpinProduct), productId);

    public Task<FlashSaleStartedEvent> StartFlashSaleAsync(StartFlashSaleRequest request) => Call<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), request);

    public Task<FlashSaleEndedEvent> EndFlashSaleAsync(Guid saleId) => Call<FlashSaleEndedEvent>(nameof(ILiveShowHub.EndFlashSale), saleId);

    public Task<SendChatResult> SendChatAsync(SendChatRequest request) => Call<SendChatResult>(nameof(ILiveShowHub.SendChat), request);

    public Task ReactAsync() => Task.CompletedTask;

    public Task<QuestionDto> AskQuestionAsync(string text) => Call<QuestionDto>(nameof(ILiveShowHub.AskQuestion), text);

    public Task<QuestionDto> VoteQuestionAsync(Guid questionId, bool vote) => Call<QuestionDto>(nameof(ILiveShowHub.VoteQuestion), questionId, vote);

    public Task<QuestionBoardDto> GetQuestionsAsync() => Call<QuestionBoardDto>(nameof(ILiveShowHub.GetQuestions));

    public Task<ModerationStateDto> GetModerationAsync() => Call<ModerationStateDto>(nameof(ILiveShowHub.GetModeration));

    public Task<QuestionDto> ApproveQuestionAsync(Guid questionId) => Call<QuestionDto>(nameof(ILiveShowHub.ApproveQuestion), questionId);

    public Task<QuestionDto> AnswerQuestionAsync(Guid questionId, string? text) => Call<QuestionDto>(nameof(ILiveShowHub.AnswerQuestion), questionId, text);

    public Task<QuestionDto> DismissQuestionAsync(Guid questionId) => Call<QuestionDto>(nameof(ILiveShowHub.DismissQuestion), questionId);

    public Task<ChatDeletedEvent> DeleteChatAsync(Guid messageId) => Call<ChatDeletedEvent>(nameof(ILiveShowHub.DeleteChat), messageId);

    public Task<RestrictionDto> RestrictUserAsync(RestrictUserRequest request) => Call<RestrictionDto>(nameof(ILiveShowHub.RestrictUser), request);

    public Task LiftRestrictionAsync(Guid userId) => Call<object>(nameof(ILiveShowHub.LiftRestriction), userId);

    public Task<ChatSettingsEvent> SetSlowModeAsync(int seconds) => Call<ChatSettingsEvent>(nameof(ILiveShowHub.SetSlowMode), seconds);

    public Task<ChatSettingsEvent> SetAnnouncementAsync(string? text) => Call<ChatSettingsEvent>(nameof(ILiveShowHub.SetAnnouncement), text);

    public Task<IReadOnlyList<string>> SetBlocklistAsync(IReadOnlyList<string> words) => Call<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), words);

    public Task<HeldMessageDto> ReleaseHeldAsync(Guid heldId) => Call<HeldMessageDto>(nameof(ILiveShowHub.ReleaseHeld), heldId);

    public Task<HeldMessageDto> DropHeldAsync(Guid heldId) => Call<HeldMessageDto>(nameof(ILiveShowHub.DropHeld), heldId);

    public Task<ClaimsChangedEvent> SetChatClaimsAsync(SetChatClaimsRequest request) => Call<ClaimsChangedEvent>(nameof(ILiveShowHub.SetChatClaims), request);

    public Task<IReadOnlyList<ChatClaimDto>> GetClaimsAsync() => Call<IReadOnlyList<ChatClaimDto>>(nameof(ILiveShowHub.GetClaims));

    public Task<IReadOnlyList<ChatClaimDto>> GetMyClaimsAsync() => Call<IReadOnlyList<ChatClaimDto>>(nameof(ILiveShowHub.GetMyClaims));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<T> Call<T>(string method, params object?[] args)
    {
        _calls.Add(new HubCall(method, args));
        if (_holding.Contains(method))
        {
            var answer = new TaskCompletionSource<T>();
            _waiting.Add((method, () =>
            {
                try
                {
                    answer.SetResult(Answer<T>(method, args));
                }
                catch (HubException e)
                {
                    answer.SetException(e);
                }
            }));
            return answer.Task;
        }

        try
        {
            return Task.FromResult(Answer<T>(method, args));
        }
        catch (HubException e)
        {
            return Task.FromException<T>(e);
        }
    }

    private T Answer<T>(string method, object?[] args) =>
        _answers.TryGetValue(method, out var answer)
            ? (T)answer(args)
            : throw new NotSupportedException($"The test did not answer {method}.");

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
}
