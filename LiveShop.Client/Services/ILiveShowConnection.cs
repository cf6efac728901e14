using LiveShop.Shared.Claims;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;

namespace LiveShop.Client.Services;

/// <summary>
/// One page's link to a show's live room (<see cref="LiveShowConnection"/> in the app). A seam so the
/// pages that follow a show can be tested with pushes and hub answers of the test's own. Every method
/// acts on the show joined by <see cref="StartAsync"/>; refusals arrive as <c>HubException</c>.
/// </summary>
public interface ILiveShowConnection : IAsyncDisposable
{
    LiveConnectionState State { get; }

    /// <summary>The answer to each join and rejoin (after a reconnect or a resync). Pages refetch what is not sequenced here.</summary>
    event Func<JoinedRoom, Task>? Joined;

    /// <summary>A frame of pushed room events.</summary>
    event Func<RoomFrame, Task>? EventsReceived;

    event Func<RoomStats, Task>? StatsReceived;

    event Func<LiveConnectionState, Task>? StateChanged;

    /// <summary>One of the signed-in user's orders changed status (pushed to that user only).</summary>
    event Func<OrderDto, Task>? OrderUpdated;

    /// <summary>Someone in the joined show just bought something.</summary>
    event Func<PurchaseToastDto, Task>? PurchaseToast;

    /// <summary>The joined show's headline sales (sent only to its host and co-host).</summary>
    event Func<SalesSummaryDto, Task>? SalesUpdated;

    /// <summary>A question of the joined show changed: to its staff (any status) and to its author.</summary>
    event Func<QuestionDto, Task>? QuestionUpdated;

    /// <summary>Staff: a message of the joined show was held by the blocklist, released or dropped.</summary>
    event Func<HeldMessageDto, Task>? HeldMessageUpdated;

    /// <summary>Staff: the joined show's active timeouts and bans now.</summary>
    event Func<IReadOnlyList<RestrictionDto>, Task>? RestrictionsChanged;

    /// <summary>Staff: the joined show's blocklist now.</summary>
    event Func<IReadOnlyList<string>, Task>? BlocklistChanged;

    /// <summary>The user was timed out or banned in the joined show, or it was lifted (kind null).</summary>
    event Func<RestrictionNoticeDto, Task>? Restricted;

    /// <summary>
    /// A "+1" claim of the joined show moved (promoted from the waitlist to held, expired, ordered): to its claimant,
    /// and every claim that moves to the show's hosts.
    /// </summary>
    event Func<ChatClaimDto, Task>? ClaimUpdated;

    /// <summary>Connects (once) and joins the show; called again with another show, it leaves the first.</summary>
    /// <param name="showId">The show.</param>
    /// <param name="lastSequence">Reads the last sequence the page applied (null before the first join).</param>
    Task StartAsync(Guid showId, Func<long?> lastSequence);

    /// <summary>Asks again for what the page missed (after a gap in the sequence).</summary>
    Task ResyncAsync();

    Task<ShowStatusEvent> GoLiveAsync();

    Task<ShowStatusEvent> EndShowAsync();

    Task<PinsChangedEvent> PinAsync(Guid productId);

    Task<PinsChangedEvent> UnpinAsync(Guid productId);

    Task<FlashSaleStartedEvent> StartFlashSaleAsync(StartFlashSaleRequest request);

    Task<FlashSaleEndedEvent> EndFlashSaleAsync(Guid saleId);

    /// <summary>Posts a line, or has it held for review when it matches the show's blocklist.</summary>
    Task<SendChatResult> SendChatAsync(SendChatRequest request);

    Task ReactAsync();

    Task<QuestionDto> AskQuestionAsync(string text);

    Task<QuestionDto> VoteQuestionAsync(Guid questionId, bool vote);

    Task<QuestionBoardDto> GetQuestionsAsync();

    /// <summary>Staff: the desk's state; also subscribes this connection to the staff pushes (call again after every rejoin).</summary>
    Task<ModerationStateDto> GetModerationAsync();

    Task<QuestionDto> ApproveQuestionAsync(Guid questionId);

    /// <summary>Answers with text, or marks answered without (null or empty <paramref name="text"/>).</summary>
    Task<QuestionDto> AnswerQuestionAsync(Guid questionId, string? text);

    Task<QuestionDto> DismissQuestionAsync(Guid questionId);

    Task<ChatDeletedEvent> DeleteChatAsync(Guid messageId);

    Task<RestrictionDto> RestrictUserAsync(RestrictUserRequest request);

    Task LiftRestrictionAsync(Guid userId);

    Task<ChatSettingsEvent> SetSlowModeAsync(int seconds);

    Task<ChatSettingsEvent> SetAnnouncementAsync(string? text);

    Task<IReadOnlyList<string>> SetBlocklistAsync(IReadOnlyList<string> words);

    Task<HeldMessageDto> ReleaseHeldAsync(Guid heldId);

    Task<HeldMessageDto> DropHeldAsync(Guid heldId);

    /// <summary>The host or co-host turns a product's "+1" claims on or off, with the minutes viewers get to pay.</summary>
    Task<ClaimsChangedEvent> SetChatClaimsAsync(SetChatClaimsRequest request);

    /// <summary>Staff: every claim of the show, newest first.</summary>
    Task<IReadOnlyList<ChatClaimDto>> GetClaimsAsync();

    /// <summary>The user's own claims in the show, newest first (what a reloaded page still holds).</summary>
    Task<IReadOnlyList<ChatClaimDto>> GetMyClaimsAsync();
}
