using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Moderation;
using LiveShop.Server.Features.Sales;
using LiveShop.Server.Features.Security;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Realtime;
using LiveShop.Server.Features.Shows;
using LiveShop.Server.Features.Video;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Video;

namespace LiveShop.Server.Hubs;

/// <summary>
/// The live room. Anyone (anonymous included) may join a show's room and watch; every method that
/// changes something checks role and ownership in its use case, and refuses with a HubException
/// ("[code] sentence", see <see cref="DomainExceptionHubFilter"/>) having changed nothing.
/// </summary>
public sealed class LiveShowHub(
    JoinRoom joins,
    RoomPresence presence,
    RoomMembers members,
    RoomActivity activity,
    ChangeShowStatus changeStatus,
    PinProducts pins,
    FlashSales flashSales,
    Chat chat,
    Features.Claims.ChatClaims claims,
    Questions questions,
    ChatModeration moderation,
    ModerationNotifier notifier,
    CameraSignalling camera,
    UserConnections userConnections,
    KeyedLimiters limiters,
    IOptions<RateLimitOptions> limits) : Microsoft.AspNetCore.SignalR.Hub<ILiveShowClient>, ILiveShowHub
{
    public override Task OnConnectedAsync()
    {
        // Guests hold no role anything could take away: only accounts are tracked.
        if (Context.User.FindUserId() is { } userId && Context.User?.IsGuest() != true)
        {
            userConnections.Add(userId, Context);
        }

        return base.OnConnectedAsync();
    }

    public async Task<JoinResult> JoinShow(Guid showId, long? afterSequence)
    {
        // Nothing (no group, no presence) for an id that is not a show: checked before anything is created.
        await joins.RequireShowAsync(showId, Context.ConnectionAborted);

        // Into the group first, then read: anything stored meanwhile arrives as a push (see RoomQueries).
        await Groups.AddToGroupAsync(Context.ConnectionId, ShowGroups.Room(showId), Context.ConnectionAborted);
        // Counted as a person (account, else browser); a connection with neither never loaded a page and is not counted.
        presence.Join(showId, Context.ConnectionId, RoomPresence.PersonKey(Context.User.FindUserId(), VisitorCookie.Read(Context.GetHttpContext())));
        // Frames go to members: a member before the read, so nothing stored in between is missed.
        var member = members.Join(showId, Context.ConnectionId, Context.User.FindUserId(), Context.User?.FindFirstValue(LiveShopClaims.DisplayName), seesAllChat: false);
        try
        {
            var joined = await joins.JoinAsync(Context.User, Context.GetHttpContext(), showId, afterSequence, Context.ConnectionAborted);
            // The show's hosts and staff read every chat line, however big the room.
            member.SeesAllChat = joined.Result.IsStaff || joined.SeesSales;
            if (joined.SeesSales)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, ShowGroups.Hosts(showId), Context.ConnectionAborted);
            }

            return joined.Result;
        }
        catch (DomainException)
        {
            // No such show: leave the group it named, and do not count the connection.
            presence.Leave(showId, Context.ConnectionId);
            members.Leave(showId, Context.ConnectionId);
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, ShowGroups.Room(showId), Context.ConnectionAborted);
            throw;
        }
    }

    public async Task LeaveShow(Guid showId)
    {
        presence.Leave(showId, Context.ConnectionId);
        members.Leave(showId, Context.ConnectionId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ShowGroups.Room(showId), Context.ConnectionAborted);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ShowGroups.Hosts(showId), Context.ConnectionAborted);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ShowGroups.Staff(showId), Context.ConnectionAborted);
        notifier.DeskClosed(Context.ConnectionId, showId);
        await camera.LeftAsync(Context.ConnectionId, showId);
    }

    public Task<ShowStatusEvent> GoLive(Guid showId) => changeStatus.GoLiveAsync(Context.User!, showId, Context.ConnectionAborted);

    public Task<ShowStatusEvent> EndShow(Guid showId) => changeStatus.EndAsync(Context.User!, showId, Context.ConnectionAborted);

    public Task<PinsChangedEvent> PinProduct(Guid showId, Guid productId) => pins.PinAsync(Context.User!, showId, productId, Context.ConnectionAborted);

    public Task<PinsChangedEvent> UnpinProduct(Guid showId, Guid productId) => pins.UnpinAsync(Context.User!, showId, productId, Context.ConnectionAborted);

    public Task<FlashSaleStartedEvent> StartFlashSale(Guid showId, StartFlashSaleRequest request) =>
        flashSales.StartAsync(Context.User!, showId, request ?? throw DomainException.Invalid(ProblemCodes.ValidationFailed, "Say which product, price, duration and quantities."), Context.ConnectionAborted);

    public Task<FlashSaleEndedEvent> EndFlashSale(Guid showId, Guid saleId) => flashSales.EndAsync(Context.User!, showId, saleId, Context.ConnectionAborted);

    public Task<SendChatResult> SendChat(Guid showId, SendChatRequest request) =>
        chat.SendAsync(Context.User!, showId, request ?? new SendChatRequest("", null), Caller, Context.ConnectionAborted);

    public Task<ClaimsChangedEvent> SetChatClaims(Guid showId, Shared.Claims.SetChatClaimsRequest request) =>
        claims.SetAsync(Context.User!, showId, request, Context.ConnectionAborted);

    public Task<IReadOnlyList<Shared.Claims.ChatClaimDto>> GetClaims(Guid showId) => claims.ForStaffAsync(Context.User!, showId, Context.ConnectionAborted);

    public Task<IReadOnlyList<Shared.Claims.ChatClaimDto>> GetMyClaims(Guid showId) => claims.MineAsync(Context.User!, showId, Context.ConnectionAborted);

    public Task React(Guid showId)
    {
        if (!presence.IsIn(showId, Context.ConnectionId))
        {
            throw DomainException.Conflict(ProblemCodes.ShowNotFound, "Join the show before reacting.");
        }

        // Dropped silently over the limit (the connection's, then its address's): a heart is not worth a refusal.
        var address = ClientAddress.Of(Context.GetHttpContext());
        activity.TryReact(showId, Context.ConnectionId, () => limiters.TryTake("hearts-per-address", limits.Value.HeartsPerAddress, address, out _));
        return Task.CompletedTask;
    }

    public Task<QuestionDto> AskQuestion(Guid showId, AskQuestionRequest request) => questions.AskAsync(Context.User!, showId, request, Caller, Context.ConnectionAborted);

    public Task<QuestionDto> VoteQuestion(Guid showId, Guid questionId, bool vote) => questions.VoteAsync(Context.User!, showId, questionId, vote, Context.ConnectionAborted);

    public Task<QuestionBoardDto> GetQuestions(Guid showId) => questions.BoardAsync(Context.User!, showId, Context.ConnectionAborted);

    public async Task<ModerationStateDto> GetModeration(Guid showId)
    {
        // Checked first: only the show's staff join its staff group. Joined before the state is read, so
        // nothing pushed meanwhile is lost (a push may also be in the answer: clients merge by version/status).
        await moderation.RequireStaffAsync(Context.User!, showId, Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, ShowGroups.Staff(showId), Context.ConnectionAborted);
        notifier.DeskOpened(showId, Context.User.FindUserId()!.Value, Context.ConnectionId);
        members.SeeAllChat(showId, Context.ConnectionId);
        return await moderation.StateAsync(Context.User!, showId, Context.ConnectionAborted);
    }

    public Task<QuestionDto> ApproveQuestion(Guid showId, Guid questionId) => questions.ApproveAsync(Context.User!, showId, questionId, Context.ConnectionAborted);

    public Task<QuestionDto> AnswerQuestion(Guid showId, AnswerQuestionRequest request) => questions.AnswerAsync(Context.User!, showId, request, Context.ConnectionAborted);

    public Task<QuestionDto> DismissQuestion(Guid showId, Guid questionId) => questions.DismissAsync(Context.User!, showId, questionId, Context.ConnectionAborted);

    public Task<ChatDeletedEvent> DeleteChat(Guid showId, Guid messageId) => moderation.DeleteAsync(Context.User!, showId, messageId, Context.ConnectionAborted);

    public Task<RestrictionDto> RestrictUser(Guid showId, RestrictUserRequest request) => moderation.RestrictAsync(Context.User!, showId, request, Context.ConnectionAborted);

    public Task LiftRestriction(Guid showId, Guid userId) => moderation.LiftAsync(Context.User!, showId, userId, Context.ConnectionAborted);

    public Task<ChatSettingsEvent> SetSlowMode(Guid showId, int seconds) => moderation.SetSlowModeAsync(Context.User!, showId, seconds, Context.ConnectionAborted);

    public Task<ChatSettingsEvent> SetAnnouncement(Guid showId, string? text) => moderation.SetAnnouncementAsync(Context.User!, showId, text, Context.ConnectionAborted);

    public Task<IReadOnlyList<string>> SetBlocklist(Guid showId, SetBlocklistRequest request) => moderation.SetBlocklistAsync(Context.User!, showId, request, Context.ConnectionAborted);

    public Task<HeldMessageDto> ReleaseHeld(Guid showId, Guid heldId) => moderation.ReleaseAsync(Context.User!, showId, heldId, Context.ConnectionAborted);

    public Task<HeldMessageDto> DropHeld(Guid showId, Guid heldId) => moderation.DropAsync(Context.User!, showId, heldId, Context.ConnectionAborted);

    // Camera: the hub relays WebRTC signalling; CameraSignalling checks every message.

    public Task<CameraViewersDto> StartCamera(Guid showId) => camera.StartAsync(Context.User!, showId, Context.ConnectionId, Context.ConnectionAborted);

    public Task StopCamera(Guid showId) => camera.StopAsync(showId, Context.ConnectionId);

    public Task RequestCamera(Guid showId) => camera.RequestAsync(showId, Context.ConnectionId, Context.ConnectionAborted);

    public Task SendCameraOffer(Guid showId, string viewerConnectionId, string sdp) => camera.OfferAsync(showId, Context.ConnectionId, viewerConnectionId, sdp);

    public Task SendCameraAnswer(Guid showId, string sdp) => camera.AnswerAsync(showId, Context.ConnectionId, sdp);

    public Task SendIceCandidate(Guid showId, string? targetConnectionId, CameraIceCandidateDto candidate) =>
        camera.IceCandidateAsync(showId, Context.ConnectionId, targetConnectionId, candidate);

    private RoomCaller Caller => new(Context.ConnectionId, ClientAddress.Of(Context.GetHttpContext()));

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.User.FindUserId() is { } userId)
        {
            userConnections.Remove(userId, Context.ConnectionId);
        }

        presence.Disconnected(Context.ConnectionId);
        members.Disconnected(Context.ConnectionId);
        activity.ConnectionClosed(Context.ConnectionId);
        notifier.DeskClosed(Context.ConnectionId);
        await camera.LeftAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }
}
