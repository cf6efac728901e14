using LiveShop.Shared.Moderation;
using LiveShop.Shared.Video;

namespace LiveShop.Shared.Realtime;

/// <summary>Routes of the real-time endpoints.</summary>
public static class HubRoutes
{
    public const string Live = "/hubs/live";
}

/// <summary>
/// What clients may call on <c>/hubs/live</c>. Every method is checked on the server; refusals
/// arrive as a HubException whose message starts with a <see cref="ProblemCodes"/> code in brackets.
/// </summary>
public interface ILiveShowHub
{
    /// <summary>
    /// Joins the show's room (anyone, anonymous included). With the last sequence the client applied,
    /// the answer holds the events it missed; without one (or too far behind), a snapshot.
    /// </summary>
    Task<JoinResult> JoinShow(Guid showId, long? afterSequence);

    /// <summary>Leaves the show's room.</summary>
    Task LeaveShow(Guid showId);

    /// <summary>The show's host takes it live.</summary>
    Task<ShowStatusEvent> GoLive(Guid showId);

    /// <summary>The show's host ends it. Ended is final; running flash sales end with it.</summary>
    Task<ShowStatusEvent> EndShow(Guid showId);

    /// <summary>The show's host pins a lineup product (at most three, kept in pin order).</summary>
    Task<PinsChangedEvent> PinProduct(Guid showId, Guid productId);

    /// <summary>The show's host unpins a product.</summary>
    Task<PinsChangedEvent> UnpinProduct(Guid showId, Guid productId);

    /// <summary>The show's host starts a flash price on a lineup product.</summary>
    Task<FlashSaleStartedEvent> StartFlashSale(Guid showId, StartFlashSaleRequest request);

    /// <summary>The show's host ends a flash sale early.</summary>
    Task<FlashSaleEndedEvent> EndFlashSale(Guid showId, Guid saleId);

    /// <summary>
    /// A signed-in user or guest says something in the chat (1–300 characters; rate limited and slow
    /// mode, except for the show's staff). A line matching the blocklist is held for review instead.
    /// </summary>
    Task<SendChatResult> SendChat(Guid showId, SendChatRequest request);

    /// <summary>Anyone watching sends a heart. Counted together and sent as one event a second.</summary>
    Task React(Guid showId);

    // Questions (viewers).

    /// <summary>A signed-in user or guest asks a question (1–300 characters, rate limited).</summary>
    Task<QuestionDto> AskQuestion(Guid showId, AskQuestionRequest request);

    /// <summary>Votes for a visible question (one vote per user), or withdraws the vote.</summary>
    Task<QuestionDto> VoteQuestion(Guid showId, Guid questionId, bool vote);

    /// <summary>The questions the caller may see (staff: all, pending included), and the caller's votes.</summary>
    Task<QuestionBoardDto> GetQuestions(Guid showId);

    // The show's staff: host, co-host and its moderators.

    /// <summary>Staff: the desk's state; also subscribes this connection to the staff-only pushes.</summary>
    Task<ModerationStateDto> GetModeration(Guid showId);

    /// <summary>Staff: makes a pending question visible to everyone.</summary>
    Task<QuestionDto> ApproveQuestion(Guid showId, Guid questionId);

    /// <summary>Staff: answers a question (with text, or without: answered aloud); pushed to everyone.</summary>
    Task<QuestionDto> AnswerQuestion(Guid showId, AnswerQuestionRequest request);

    /// <summary>Staff: dismisses a question (hidden from viewers).</summary>
    Task<QuestionDto> DismissQuestion(Guid showId, Guid questionId);

    /// <summary>Staff: deletes a chat line for everyone (kept in the audit).</summary>
    Task<ChatDeletedEvent> DeleteChat(Guid showId, Guid messageId);

    /// <summary>Staff: times a user out (10 s to 24 h) or bans them from the show.</summary>
    Task<RestrictionDto> RestrictUser(Guid showId, RestrictUserRequest request);

    /// <summary>Staff: lifts a user's timeout or ban.</summary>
    Task LiftRestriction(Guid showId, Guid userId);

    /// <summary>Staff: slow mode, one message per N seconds per user (0 turns it off).</summary>
    Task<ChatSettingsEvent> SetSlowMode(Guid showId, int seconds);

    /// <summary>Staff: pins an announcement at the top of the chat (empty or null removes it).</summary>
    Task<ChatSettingsEvent> SetAnnouncement(Guid showId, string? text);

    /// <summary>Staff: replaces the show's keyword blocklist.</summary>
    Task<IReadOnlyList<string>> SetBlocklist(Guid showId, SetBlocklistRequest request);

    /// <summary>Staff: posts a held message to the chat.</summary>
    Task<HeldMessageDto> ReleaseHeld(Guid showId, Guid heldId);

    /// <summary>Staff: drops a held message (never posted).</summary>
    Task<HeldMessageDto> DropHeld(Guid showId, Guid heldId);

    // "+1" claims (docs/claims.md).

    /// <summary>The show's host: turns a pinned lineup product's "+1" claims on or off, with the minutes viewers get to pay (1–1440; ignored when turning off).</summary>
    Task<ClaimsChangedEvent> SetChatClaims(Guid showId, Claims.SetChatClaimsRequest request);

    /// <summary>Staff: every claim of the show, newest first (held, waiting, ordered, expired).</summary>
    Task<IReadOnlyList<Claims.ChatClaimDto>> GetClaims(Guid showId);

    /// <summary>The caller's own claims in the show, newest first.</summary>
    Task<IReadOnlyList<Claims.ChatClaimDto>> GetMyClaims(Guid showId);

    // Camera: WebRTC from the host's browser to each viewer; the hub only relays, checking every message (docs/camera.md).

    /// <summary>
    /// The show's host (a Camera show, scheduled or live): this connection becomes the show's camera,
    /// replacing any earlier one; the room is told to (re)request it (<see cref="ILiveShowClient.CameraAvailable"/>).
    /// </summary>
    Task<CameraViewersDto> StartCamera(Guid showId);

    /// <summary>The show's camera connection stops sending; its viewers see the camera paused.</summary>
    Task StopCamera(Guid showId);

    /// <summary>
    /// Someone in the room of a live Camera show asks for the host's camera (again, after a drop); refused
    /// past <c>Video:CameraViewerCap</c> direct viewers. The host's browser answers with an offer.
    /// </summary>
    Task RequestCamera(Guid showId);

    /// <summary>The show's camera connection sends its offer (SDP) to a viewer that requested.</summary>
    Task SendCameraOffer(Guid showId, string viewerConnectionId, string sdp);

    /// <summary>A viewer that received an offer answers it (SDP).</summary>
    Task SendCameraAnswer(Guid showId, string sdp);

    /// <summary>An ICE candidate: from the camera connection to a viewer (<paramref name="targetConnectionId"/>), or from a viewer to the host (null).</summary>
    Task SendIceCandidate(Guid showId, string? targetConnectionId, CameraIceCandidateDto candidate);
}

/// <summary>What the server pushes to clients.</summary>
public interface ILiveShowClient
{
    /// <summary>Room events in sequence order, several per frame: commerce and status at once, chat at most every 50 ms per show (see <see cref="RoomFrame"/>).</summary>
    Task RoomEvents(Guid showId, RoomFrame frame);

    /// <summary>Viewers now and at peak, chat per minute, reactions: at most once a second.</summary>
    Task RoomStats(RoomStats stats);

    /// <summary>To the buyer only: one of their orders changed status (paid, declined, shipped).</summary>
    Task OrderUpdated(Orders.OrderDto order);

    /// <summary>To everyone in the show: someone just bought something (at most one every 2 s per show).</summary>
    Task PurchaseToast(Sales.PurchaseToastDto toast);

    /// <summary>To the show's host and co-host: the headline sales numbers changed (at most once a second).</summary>
    Task SalesUpdated(Sales.SalesSummaryDto summary);

    /// <summary>To the show's staff (after <see cref="ILiveShowHub.GetModeration"/>) and the question's author: any change to a question, pending ones included.</summary>
    Task QuestionUpdated(QuestionDto question);

    /// <summary>To the show's staff: a message was held by the blocklist, released or dropped.</summary>
    Task HeldMessageUpdated(HeldMessageDto held);

    /// <summary>To the show's staff: the active timeouts and bans now.</summary>
    Task RestrictionsChanged(Guid showId, IReadOnlyList<RestrictionDto> restrictions);

    /// <summary>To the show's staff: the blocklist now.</summary>
    Task BlocklistChanged(Guid showId, IReadOnlyList<string> words);

    /// <summary>To the claimant: their "+1" claim moved (from the waitlist to held, expired, ordered). To the show's hosts: any claim that moved.</summary>
    Task ClaimUpdated(Claims.ChatClaimDto claim);

    /// <summary>To the user concerned: they were timed out or banned in a show, or it was lifted.</summary>
    Task Restricted(RestrictionNoticeDto notice);

    // Camera (see ILiveShowHub.StartCamera).

    /// <summary>To the room: the host's camera (re)started; viewers of a live Camera show request it.</summary>
    Task CameraAvailable(Guid showId);

    /// <summary>To viewers of the camera, and to a camera connection another window replaced: the camera stopped or its page went away.</summary>
    Task CameraPaused(Guid showId);

    /// <summary>To the camera connection: a viewer requested the camera; make it an offer (closing any earlier peer for it).</summary>
    Task CameraViewerRequested(Guid showId, string viewerConnectionId);

    /// <summary>To the camera connection: a viewer left; close its peer.</summary>
    Task CameraViewerLeft(Guid showId, string viewerConnectionId);

    /// <summary>To the camera connection: direct viewers now, the cap, and how many were turned away.</summary>
    Task CameraViewers(CameraViewersDto viewers);

    /// <summary>To a viewer: the host's offer.</summary>
    Task CameraOffer(Guid showId, string sdp);

    /// <summary>To the camera connection: a viewer's answer.</summary>
    Task CameraAnswer(Guid showId, string viewerConnectionId, string sdp);

    /// <summary>An ICE candidate: to a viewer from the host (<paramref name="fromConnectionId"/> null), or to the host from that viewer.</summary>
    Task CameraIceCandidate(Guid showId, string? fromConnectionId, CameraIceCandidateDto candidate);
}
