using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static LiveShop.Server.Tests.Features.Moderation.ModerationSetup;

namespace LiveShop.Server.Tests.Features.Moderation;

/// <summary>What the staff do to the chat — delete, time out, ban, slow mode, blocklist, announcement — on a clock the test moves.</summary>
public class ChatModerationTests(FakeClockLiveShopFactory factory) : IClassFixture<FakeClockLiveShopFactory>
{
    private static readonly string ViewerName = DemoSeeder.ViewerAccount.DisplayName;

    /// <summary>
    /// Moves the clock (a second by default): chat rate limits refill, and audit lines get distinct times.
    /// The tests of this class together move it well under an hour: new shows are scheduled an hour
    /// ahead of the real clock, and must not start in the past of the fake one.
    /// </summary>
    private void Tick(int seconds = 1) => factory.Clock.Advance(TimeSpan.FromSeconds(seconds));

    private static Task<ChatDeletedEvent> DeleteAsync(HubConnection connection, Guid showId, Guid messageId) =>
        connection.InvokeAsync<ChatDeletedEvent>(nameof(ILiveShowHub.DeleteChat), showId, messageId);

    private static Task<RestrictionDto> RestrictAsync(HubConnection connection, Guid showId, Guid userId, RestrictionKind kind, int? seconds = null) =>
        connection.InvokeAsync<RestrictionDto>(nameof(ILiveShowHub.RestrictUser), showId, new RestrictUserRequest(userId, kind, seconds));

    private static Task LiftAsync(HubConnection connection, Guid showId, Guid userId) =>
        connection.InvokeAsync(nameof(ILiveShowHub.LiftRestriction), showId, userId);

    [Fact]
    public async Task DeleteChat_DisappearsForEveryone_AndForClientsThatReconnect_AndItsTextIsNeverSentAgain()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Chat: delete");
        await using var desk = await factory.OpenDeskAsync(await factory.AssignModeratorAsync(room), room.Show.Id);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var author = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        await using var online = await RoomWatcher.JoinAsync(factory, room.Show);
        await using var offline = await RoomWatcher.JoinAsync(factory, room.Show);
        var line = await room.ChatAsync(author.Connection, "Call me on 0912-345-678 for a better price");
        await online.WaitForSequenceAsync(line.Sequence);
        await offline.WaitForSequenceAsync(line.Sequence);
        await offline.Connection.StopAsync();

        var deleted = await DeleteAsync(desk.Connection, room.Show.Id, line.Message.Id);

        Assert.Equal(line.Message.Id, deleted.MessageId);
        foreach (var watcher in new[] { online, author, room.HostRoom })
        {
            Assert.Equal(deleted, await watcher.NextAsync<ChatDeletedEvent>(e => e.Sequence == deleted.Sequence));
        }

        // Reconnecting after the line was seen: the deletion is among the missed events.
        await offline.Connection.StartAsync();
        var rejoin = await offline.JoinAgainAsync();
        Assert.Null(rejoin.Snapshot);
        Assert.Contains(deleted, rejoin.Missed);

        // Reconnecting from before the line: its old place holds a deletion, not the text.
        var fromBefore = await factory.JoinFreshAsync(room.Show.Id, line.Sequence - 1);
        Assert.Equal([new ChatDeletedEvent(line.Sequence, line.At, line.Message.Id), deleted], fromBefore.Missed);

        // A fresh page: the snapshot no longer holds the line; the stored log no longer holds its text.
        var snapshot = (await factory.JoinFreshAsync(room.Show.Id)).Snapshot!;
        Assert.DoesNotContain(snapshot.RecentChat, m => m.Id == line.Message.Id);
        Assert.DoesNotContain(await factory.StoredPayloadsAsync(room.Show.Id), p => p.Contains("0912-345-678", StringComparison.Ordinal));

        // The audit keeps what was said, and who said it.
        var audit = (await room.Host.Http.AuditAsync(room.Show.Id))[0];
        Assert.Equal((ModerationActions.DeleteMessage, ModeratorName), (audit.Action, audit.ActorName));
        Assert.Equal((DemoSeeder.ViewerAccount.Id, line.Message.Id, line.Message.Text), (audit.TargetUserId, audit.TargetId, audit.Detail));

        var before = await factory.FingerprintAsync(room.Show.Id);
        await RefusedAsync(() => DeleteAsync(desk.Connection, room.Show.Id, line.Message.Id), ProblemCodes.ChatMessageNotFound);
        Assert.Equal(before, await factory.FingerprintAsync(room.Show.Id));
    }

    [Fact]
    public async Task Timeout_RefusesChatQuestionsAndVotes_SaysUntilWhen_AndEndsWithTheClock()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Chat: timeout");
        await using var desk = await factory.OpenDeskAsync(await factory.AssignModeratorAsync(room), room.Show.Id);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var viewerRoom = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        var viewerPushes = new ModerationPushes(viewerRoom.Connection);
        var hostQuestion = await room.HostRoom.Connection.AskAsync(room.Show.Id, "Who wants the teapot next?");

        var restriction = await RestrictAsync(desk.Connection, room.Show.Id, viewer.User.Id!.Value, RestrictionKind.Timeout, 300);

        var until = restriction.Until!.Value;
        Assert.Equal((RestrictionKind.Timeout, ViewerName, ModeratorName), (restriction.Kind, restriction.UserName, restriction.ByName));
        Assert.Equal(TimeSpan.FromSeconds(300), until - restriction.At);
        Assert.Equal(new RestrictionNoticeDto(room.Show.Id, RestrictionKind.Timeout, until), await viewerPushes.NextAsync<RestrictionNoticeDto>());
        Assert.Equal([restriction], (await desk.Pushes.NextAsync<RestrictionsPush>()).Restrictions);

        var sentence = await RefusedAsync(() => viewerRoom.Connection.SendChatAsync(room.Show.Id, "Why?"), ProblemCodes.Restricted);
        Assert.Contains("5 min", sentence, StringComparison.Ordinal);
        Assert.Contains($"until {until:HH:mm:ss} UTC", sentence, StringComparison.Ordinal);
        await RefusedAsync(() => viewerRoom.Connection.AskAsync(room.Show.Id, "Why was I timed out?"), ProblemCodes.Restricted);
        await RefusedAsync(() => viewerRoom.Connection.VoteAsync(room.Show.Id, hostQuestion.Id), ProblemCodes.Restricted);
        Assert.Equal(new RestrictionNoticeDto(room.Show.Id, RestrictionKind.Timeout, until), (await viewerRoom.JoinAgainAsync()).Restriction);

        Tick(299);
        sentence = await RefusedAsync(() => viewerRoom.Connection.SendChatAsync(room.Show.Id, "Now?"), ProblemCodes.Restricted);
        Assert.Contains("for 1 s more", sentence, StringComparison.Ordinal);

        Tick(2);
        var posted = await room.ChatAsync(viewerRoom.Connection, "I'm back");
        Assert.Equal(ViewerName, posted.Message.AuthorName);
        Assert.Null((await viewerRoom.JoinAgainAsync()).Restriction);
        Assert.Equal(1, (await viewerRoom.Connection.VoteAsync(room.Show.Id, hostQuestion.Id)).Votes);
    }

    [Fact]
    public async Task Ban_RefusesUntilLifted_AndTheUserIsTold()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Chat: ban");
        await using var desk = await factory.OpenDeskAsync(await factory.AssignModeratorAsync(room), room.Show.Id);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var viewerRoom = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        var viewerPushes = new ModerationPushes(viewerRoom.Connection);
        var userId = viewer.User.Id!.Value;

        var ban = await RestrictAsync(desk.Connection, room.Show.Id, userId, RestrictionKind.Ban, 600);

        Assert.Null(ban.Until);
        Assert.Equal(new RestrictionNoticeDto(room.Show.Id, RestrictionKind.Ban, null), await viewerPushes.NextAsync<RestrictionNoticeDto>());
        Tick(120);
        var sentence = await RefusedAsync(() => viewerRoom.Connection.SendChatAsync(room.Show.Id, "Hello?"), ProblemCodes.Restricted);
        Assert.Contains("banned", sentence, StringComparison.Ordinal);
        Assert.Equal(RestrictionKind.Ban, (await viewerRoom.JoinAgainAsync()).Restriction?.Kind);
        Assert.Equal([ban], (await desk.Connection.InvokeAsync<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), room.Show.Id)).Restrictions);

        await LiftAsync(room.HostRoom.Connection, room.Show.Id, userId);

        Assert.Equal(new RestrictionNoticeDto(room.Show.Id, null, null), await viewerPushes.NextAsync<RestrictionNoticeDto>(n => n.Kind is null));
        Assert.Empty((await desk.Pushes.NextAsync<RestrictionsPush>(p => p.Restrictions.Count == 0)).Restrictions);
        await room.ChatAsync(viewerRoom.Connection, "Thanks for lifting it");
        Assert.Null((await viewerRoom.JoinAgainAsync()).Restriction);
        await RefusedAsync(() => LiftAsync(room.HostRoom.Connection, room.Show.Id, userId), ProblemCodes.RestrictionNotFound);
        var audit = await room.Host.Http.AuditAsync(room.Show.Id);
        Assert.Equal([(ModerationActions.LiftRestriction, "ban lifted"), (ModerationActions.Ban, "banned from the show")], audit.Take(2).Select(a => (a.Action, a.Detail)));
    }

    [Fact]
    public async Task Restrict_Staff_RefusedAndNothingChanged()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Chat: staff cannot be restricted");
        var deskModerator = await factory.RegisterAsync(asHost: false, "Desk Moderator");
        await room.AddModeratorAsync(deskModerator.User.Email!);
        await using var desk = await factory.OpenDeskAsync(deskModerator, room.Show.Id);
        await room.SetSettingsAsync(questionsNeedApproval: false, allowGlobalModerators: true);
        var before = await factory.FingerprintAsync(room.Show.Id);

        var sentence = await RefusedAsync(() => RestrictAsync(desk.Connection, room.Show.Id, DemoSeeder.HostAccount.Id, RestrictionKind.Timeout, 60), ProblemCodes.CannotRestrictStaff);
        await RefusedAsync(() => RestrictAsync(desk.Connection, room.Show.Id, deskModerator.User.Id!.Value, RestrictionKind.Ban), ProblemCodes.CannotRestrictStaff);
        await RefusedAsync(() => RestrictAsync(room.HostRoom.Connection, room.Show.Id, deskModerator.User.Id!.Value, RestrictionKind.Ban), ProblemCodes.CannotRestrictStaff);
        await RefusedAsync(() => RestrictAsync(room.HostRoom.Connection, room.Show.Id, DemoSeeder.ModeratorAccount.Id, RestrictionKind.Ban), ProblemCodes.CannotRestrictStaff);

        Assert.Contains(DemoSeeder.HostAccount.DisplayName, sentence, StringComparison.Ordinal);
        Assert.Equal(before, await factory.FingerprintAsync(room.Show.Id));
    }

    [Fact]
    public async Task Blocklist_HoldsMatchingLines_ReleasePostsUnderTheAuthorsName_DropNeverPosts()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Chat: blocklist");
        await using var desk = await factory.OpenDeskAsync(await factory.AssignModeratorAsync(room), room.Show.Id);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var author = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        await using var others = await RoomWatcher.JoinAsync(factory, room.Show);

        var words = await desk.Connection.InvokeAsync<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), room.Show.Id, new SetBlocklistRequest(["Spam", "假貨", " spam ", ""]));

        Assert.Equal(["spam", "假貨"], words);
        Assert.Equal(words, (await desk.Pushes.NextAsync<BlocklistPush>()).Words);
        var lastSequence = await factory.LastSequenceAsync(room.Show.Id);

        // Latin words match whole words only, any case, full-width too; Chinese matches inside a sentence.
        var shouted = await author.Connection.SendChatAsync(room.Show.Id, "buy SPAM now");
        Tick();
        var chinese = await author.Connection.SendChatAsync(room.Show.Id, "這是假貨嗎");
        Tick();
        var fullWidth = await author.Connection.SendChatAsync(room.Show.Id, "ｓｐａｍ!");
        Tick();
        var spammer = await author.Connection.SendChatAsync(room.Show.Id, "no spammer here");

        foreach (var (result, word) in new[] { (shouted, "spam"), (chinese, "假貨"), (fullWidth, "spam") })
        {
            // The sender learns the line waits for review, never which word held it (the list stays private).
            Assert.Null(result.Posted);
            Assert.Equal(("", HeldMessageStatus.Held, ViewerName), (result.Held!.MatchedWord, result.Held.Status, result.Held.AuthorName));
            Assert.Equal(result.Held with { MatchedWord = word }, await desk.Pushes.NextAsync<HeldMessageDto>(h => h.Id == result.Held.Id));
        }

        Assert.NotNull(spammer.Posted);
        Assert.Equal(lastSequence + 1, await factory.LastSequenceAsync(room.Show.Id));
        var state = await desk.Connection.InvokeAsync<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), room.Show.Id);
        Assert.Equal([shouted.Held!.Id, chinese.Held!.Id, fullWidth.Held!.Id], state.Held.Select(h => h.Id));

        var released = await desk.Connection.InvokeAsync<HeldMessageDto>(nameof(ILiveShowHub.ReleaseHeld), room.Show.Id, shouted.Held.Id);
        var dropped = await desk.Connection.InvokeAsync<HeldMessageDto>(nameof(ILiveShowHub.DropHeld), room.Show.Id, chinese.Held.Id);

        Assert.Equal(HeldMessageStatus.Released, released.Status);
        Assert.Equal(HeldMessageStatus.Dropped, dropped.Status);
        var posted = (await others.NextAsync<ChatPostedEvent>(e => e.Message.Text == "buy SPAM now")).Message;
        Assert.Equal((DemoSeeder.ViewerAccount.Id, ViewerName, ChatAuthorRole.Viewer), (posted.AuthorId, posted.AuthorName, posted.AuthorRole));
        Assert.Equal(released, await desk.Pushes.NextAsync<HeldMessageDto>(h => h.Status == HeldMessageStatus.Released));
        Assert.Equal(dropped, await desk.Pushes.NextAsync<HeldMessageDto>(h => h.Status == HeldMessageStatus.Dropped));
        Assert.Equal([fullWidth.Held.Id], (await desk.Connection.InvokeAsync<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), room.Show.Id)).Held.Select(h => h.Id));
        Assert.DoesNotContain(await factory.StoredPayloadsAsync(room.Show.Id), p => p.Contains("這是假貨嗎", StringComparison.Ordinal));

        // Decided is final; the staff's own lines are never held.
        var before = await factory.FingerprintAsync(room.Show.Id);
        await RefusedAsync(() => desk.Connection.InvokeAsync<HeldMessageDto>(nameof(ILiveShowHub.ReleaseHeld), room.Show.Id, chinese.Held.Id), ProblemCodes.HeldMessageDecided);
        await RefusedAsync(() => desk.Connection.InvokeAsync<HeldMessageDto>(nameof(ILiveShowHub.DropHeld), room.Show.Id, shouted.Held.Id), ProblemCodes.HeldMessageDecided);
        Assert.Equal(before, await factory.FingerprintAsync(room.Show.Id));
        Assert.NotNull((await room.HostRoom.Connection.SendChatAsync(room.Show.Id, "No spam here, promise")).Posted);
        Assert.NotNull((await desk.Connection.SendChatAsync(room.Show.Id, "假貨 questions go to support")).Posted);
    }

    [Fact]
    public async Task SlowMode_OneLinePerInterval_ForViewersOnly_AndEveryoneIsTold()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Chat: slow mode");
        await using var desk = await factory.OpenDeskAsync(await factory.AssignModeratorAsync(room), room.Show.Id);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var viewerRoom = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        await using var anonymous = await RoomWatcher.JoinAsync(factory, room.Show);

        var set = await desk.Connection.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetSlowMode), room.Show.Id, 30);

        Assert.Equal(new ChatSettingsDto(30, null), set.Settings);
        Assert.Equal(set, await anonymous.NextAsync<ChatSettingsEvent>());
        Assert.Equal(set.Settings, (await factory.JoinFreshAsync(room.Show.Id)).Snapshot!.Chat);
        await room.ChatAsync(viewerRoom.Connection, "First!");
        var sentence = await RefusedAsync(() => viewerRoom.Connection.SendChatAsync(room.Show.Id, "Second!"), ProblemCodes.ChatSlowMode);
        Assert.Contains("You can send again in 30 s", sentence, StringComparison.Ordinal);

        Tick(29);
        sentence = await RefusedAsync(() => viewerRoom.Connection.SendChatAsync(room.Show.Id, "Second!"), ProblemCodes.ChatSlowMode);
        Assert.Contains("You can send again in 1 s", sentence, StringComparison.Ordinal);

        Tick(1);
        await room.ChatAsync(viewerRoom.Connection, "Second!");
        for (var i = 0; i < 4; i++)
        {
            await room.ChatAsync($"Host line {i}");
            await room.ChatAsync(desk.Connection, $"Moderator line {i}");
        }

        var off = await desk.Connection.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetSlowMode), room.Show.Id, 0);
        Assert.Equal(off, await anonymous.NextAsync<ChatSettingsEvent>(e => e.Settings.SlowModeSeconds == 0));
        await room.ChatAsync(viewerRoom.Connection, "Third, right away");
    }

    [Fact]
    public async Task SlowMode_TwoLinesSentAtOnce_OnlyOnePasses_AndAHeldLineCountsToo()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Chat: slow mode race");
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var viewerRoom = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        await room.HostRoom.Connection.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetSlowMode), room.Show.Id, 30);
        await room.HostRoom.Connection.InvokeAsync<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), room.Show.Id, new SetBlocklistRequest(["scam"]));
        var lastSequence = await factory.LastSequenceAsync(room.Show.Id);

        var sends = Enumerable.Range(0, 4).Select(i => Attempt(() => viewerRoom.Connection.SendChatAsync(room.Show.Id, $"Me first {i}"))).ToList();
        var outcomes = await Task.WhenAll(sends);

        Assert.Single(outcomes, o => o == "posted");
        Assert.Equal(3, outcomes.Count(o => o == ProblemCodes.ChatSlowMode));
        Assert.Equal(lastSequence + 1, await factory.LastSequenceAsync(room.Show.Id));

        // A held line starts the interval too: blocked words cannot flood the review queue past slow mode.
        Tick(30);
        Assert.NotNull((await viewerRoom.Connection.SendChatAsync(room.Show.Id, "this is a scam")).Held);
        await RefusedAsync(() => viewerRoom.Connection.SendChatAsync(room.Show.Id, "this is a scam again"), ProblemCodes.ChatSlowMode);
        Tick(30);

        static async Task<string> Attempt(Func<Task<SendChatResult>> send)
        {
            try
            {
                return (await send()).Posted is null ? "held" : "posted";
            }
            catch (HubException e)
            {
                return e.Message.Contains($"[{ProblemCodes.ChatSlowMode}]", StringComparison.Ordinal) ? ProblemCodes.ChatSlowMode : e.Message;
            }
        }
    }

    [Fact]
    public async Task ReleaseHeld_AuthorBannedSince_RefusedAndTheMessageStaysHeld()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Chat: release after ban");
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var viewerRoom = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        await room.HostRoom.Connection.InvokeAsync<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), room.Show.Id, new SetBlocklistRequest(["scam"]));
        var held = (await viewerRoom.Connection.SendChatAsync(room.Show.Id, "this is a scam")).Held!;
        await RestrictAsync(room.HostRoom.Connection, room.Show.Id, DemoSeeder.ViewerAccount.Id, RestrictionKind.Ban);
        var before = await factory.FingerprintAsync(room.Show.Id);

        var sentence = await RefusedAsync(() => room.HostRoom.Connection.InvokeAsync<HeldMessageDto>(nameof(ILiveShowHub.ReleaseHeld), room.Show.Id, held.Id), ProblemCodes.Restricted);

        Assert.Contains("banned", sentence, StringComparison.Ordinal);
        Assert.Equal(before, await factory.FingerprintAsync(room.Show.Id));
        Assert.Equal([held.Id], (await room.HostRoom.Connection.InvokeAsync<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), room.Show.Id)).Held.Select(h => h.Id));
        var dropped = await room.HostRoom.Connection.InvokeAsync<HeldMessageDto>(nameof(ILiveShowHub.DropHeld), room.Show.Id, held.Id);
        Assert.Equal(HeldMessageStatus.Dropped, dropped.Status);
    }

    [Fact]
    public async Task SetBlocklist_WithoutAList_RefusedAndTheListIsKept()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Chat: blocklist without a list");
        await room.HostRoom.Connection.InvokeAsync<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), room.Show.Id, new SetBlocklistRequest(["scam"]));
        var before = await factory.FingerprintAsync(room.Show.Id);

        await RefusedAsync(() => room.HostRoom.Connection.InvokeAsync<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), room.Show.Id, new SetBlocklistRequest(null!)), ProblemCodes.BlocklistInvalid);
        await RefusedAsync(() => room.HostRoom.Connection.InvokeAsync<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), room.Show.Id, (SetBlocklistRequest?)null), ProblemCodes.BlocklistInvalid);

        Assert.Equal(before, await factory.FingerprintAsync(room.Show.Id));
        Assert.Equal(["scam"], (await room.HostRoom.Connection.InvokeAsync<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), room.Show.Id)).Blocklist);
    }

    [Fact]
    public async Task VoteQuestion_FlippedFasterThanTheLimit_RefusedUntilTheBucketRefills()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Questions: vote flood");
        var asker = await factory.SignInAsync(DemoSeeder.SecondViewerAccount.Email);
        await using var askerRoom = await RoomWatcher.JoinAsync(factory, room.Show, asker.Cookies);
        var voter = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var voterRoom = await RoomWatcher.JoinAsync(factory, room.Show, voter.Cookies);
        var question = await askerRoom.Connection.AskAsync(room.Show.Id, "Can I pay by LINE Pay?");

        for (var i = 0; i < Limits.VoteBurst; i++)
        {
            await voterRoom.Connection.VoteAsync(room.Show.Id, question.Id, vote: i % 2 == 0);
        }

        var before = await factory.FingerprintAsync(room.Show.Id);
        await RefusedAsync(() => voterRoom.Connection.VoteAsync(room.Show.Id, question.Id, vote: true), ProblemCodes.VoteRateLimited);
        Assert.Equal(before, await factory.FingerprintAsync(room.Show.Id));

        Tick();
        Assert.Equal(1, (await voterRoom.Connection.VoteAsync(room.Show.Id, question.Id, vote: true)).Votes);
    }

    [Fact]
    public async Task Announcement_PinnedForEveryone_InTheSnapshot_AndRemovable()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Chat: announcement");
        await using var desk = await factory.OpenDeskAsync(await factory.AssignModeratorAsync(room), room.Show.Id);
        await using var anonymous = await RoomWatcher.JoinAsync(factory, room.Show);
        await desk.Connection.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetSlowMode), room.Show.Id, 10);

        var set = await desk.Connection.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetAnnouncement), room.Show.Id, "  Free shipping over NT$1,000 tonight  ");

        Assert.Equal(new ChatSettingsDto(10, new AnnouncementDto("Free shipping over NT$1,000 tonight", ModeratorName, set.At)), set.Settings);
        Assert.Equal(set, await anonymous.NextAsync<ChatSettingsEvent>(e => e.Settings.Announcement is not null));
        Assert.Equal(set.Settings, (await factory.JoinFreshAsync(room.Show.Id)).Snapshot!.Chat);

        var removed = await room.HostRoom.Connection.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetAnnouncement), room.Show.Id, (string?)null);

        Assert.Equal(new ChatSettingsDto(10, null), removed.Settings);
        Assert.Equal(removed, await anonymous.NextAsync<ChatSettingsEvent>(e => e.Settings.Announcement is null));
        Assert.Null((await factory.JoinFreshAsync(room.Show.Id)).Snapshot!.Chat.Announcement);
    }

    [Fact]
    public async Task Audit_ListsEveryActionNewestFirst_WithActorTargetAndDetail_ForHostAndCoHostOnly()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var created = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Chat: audit", LiveRoom.Lineup) with { CoHostEmail = DemoSeeder.CoHostAccount.Email, CoHostShare = 0.3m });
        created.EnsureSuccessStatusCode();
        var show = (await created.Content.ReadFromJsonAsync<LiveShop.Shared.Shows.ShowDetailDto>())!;
        var hostRoom = await RoomWatcher.JoinAsync(factory, show, host.Cookies);
        await hostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id);
        await using var room = new LiveRoom(host, show, hostRoom);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var viewerConnection = await factory.ConnectAsync(viewer.Cookies);
        var viewerId = DemoSeeder.ViewerAccount.Id;

        Tick();
        await room.SetSettingsAsync(questionsNeedApproval: true);
        Tick();
        await using var desk = await factory.OpenDeskAsync(await factory.AssignModeratorAsync(room), show.Id);
        Tick();
        var line = await room.ChatAsync(viewerConnection, "You all are idiots");
        await DeleteAsync(desk.Connection, show.Id, line.Message.Id);
        Tick();
        await RestrictAsync(desk.Connection, show.Id, viewerId, RestrictionKind.Timeout, 600);
        Tick();
        await desk.Connection.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetSlowMode), show.Id, 15);
        Tick();
        await hostRoom.Connection.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetAnnouncement), show.Id, "Welcome!");
        Tick();
        await desk.Connection.InvokeAsync<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), show.Id, new SetBlocklistRequest(["idiot", "scam"]));
        Tick();
        await LiftAsync(hostRoom.Connection, show.Id, viewerId);

        var audit = await host.Http.AuditAsync(show.Id);

        string? Name(Guid? id) => id == viewerId ? ViewerName : id == DemoSeeder.ModeratorAccount.Id ? ModeratorName : null;
        Assert.Equal(
            [
                (ModerationActions.LiftRestriction, DemoSeeder.HostAccount.DisplayName, ViewerName, "timeout lifted"),
                (ModerationActions.Blocklist, ModeratorName, null, "2 words: idiot, scam"),
                (ModerationActions.Announcement, DemoSeeder.HostAccount.DisplayName, null, "Welcome!"),
                (ModerationActions.SlowMode, ModeratorName, null, "one message every 15 s"),
                (ModerationActions.Timeout, ModeratorName, ViewerName, "timed out for 10 min"),
                (ModerationActions.DeleteMessage, ModeratorName, ViewerName, "You all are idiots"),
                (ModerationActions.AddModerator, DemoSeeder.HostAccount.DisplayName, ModeratorName, null),
                (ModerationActions.Settings, DemoSeeder.HostAccount.DisplayName, null, "questions need approval; global moderators not allowed"),
            ],
            audit.Select(a => (a.Action, a.ActorName, Name(a.TargetUserId), a.Detail)));
        Assert.Equal(audit.Select(a => a.TargetName), audit.Select(a => Name(a.TargetUserId)));
        Assert.Equal(audit.OrderByDescending(a => a.At).Select(a => a.Id), audit.Select(a => a.Id));
        Assert.Equal(line.Message.Id, audit.Single(a => a.Action == ModerationActions.DeleteMessage).TargetId);

        var coHost = await factory.SignInAsync(DemoSeeder.CoHostAccount.Email);
        Assert.Equal(audit, await coHost.Http.AuditAsync(show.Id));
        var refused = await desk.User.Http.GetAsync(ApiRoutes.ModerationAudit(show.Id));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(ProblemCodes.NotShowHost, (await Problem.ReadAsync(refused)).Code);
    }

    [Fact]
    public async Task GlobalModerators_ModerateOnlyWhenTheHostAllowsIt()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Chat: global moderators");
        var moderator = await factory.GlobalModeratorAsync();
        await using var connection = await factory.ConnectAsync(moderator.Cookies);
        var pushes = new ModerationPushes(connection);
        var line = await room.ChatAsync("A line to delete");

        await RefusedAsync(() => connection.InvokeAsync<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), room.Show.Id), ProblemCodes.NotShowStaff);
        Assert.Equal(ChatAuthorRole.Viewer, (await room.ChatAsync(connection, "Just watching")).Message.AuthorRole);

        await room.SetSettingsAsync(questionsNeedApproval: false, allowGlobalModerators: true);

        var state = await connection.InvokeAsync<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), room.Show.Id);
        Assert.True(state.AllowGlobalModerators);
        Assert.False(state.IsHost);
        Tick();
        Assert.Equal(ChatAuthorRole.Moderator, (await room.ChatAsync(connection, "Now moderating")).Message.AuthorRole);
        await DeleteAsync(connection, room.Show.Id, line.Message.Id);

        await room.SetSettingsAsync(questionsNeedApproval: false, allowGlobalModerators: false);

        await RefusedAsync(() => connection.InvokeAsync<ChatSettingsEvent>(nameof(ILiveShowHub.SetSlowMode), room.Show.Id, 5), ProblemCodes.NotShowStaff);

        // His open desk no longer receives the staff pushes: the blocklist change is not among what arrives before his own question's update.
        var seen = pushes.All.Count;
        await room.HostRoom.Connection.InvokeAsync<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), room.Show.Id, new SetBlocklistRequest(["secret"]));
        var own = await connection.AskAsync(room.Show.Id, "Am I still moderating?");
        await pushes.NextAsync<QuestionDto>(q => q.Id == own.Id);
        Assert.DoesNotContain(pushes.All.Skip(seen), p => p is BlocklistPush);
    }
}
