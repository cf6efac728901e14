using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using static LiveShop.Server.Tests.Features.Moderation.ModerationSetup;

namespace LiveShop.Server.Tests.Features.Moderation;

/// <summary>Viewers' questions: asking, voting, approval mode, answers and dismissals, as every client sees them.</summary>
public class QuestionTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task AskQuestion_ReachesEveryoneInTheRoom_AndTheBoard()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Questions: ask");
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var viewerRoom = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        await using var anonymous = await RoomWatcher.JoinAsync(factory, room.Show);

        var asked = await viewerRoom.Connection.AskAsync(room.Show.Id, "  Is the teapot\ndishwasher-safe?  ");

        Assert.Equal(("Is the teapot dishwasher-safe?", QuestionStatus.Open, 0), (asked.Text, asked.Status, asked.Votes));
        Assert.Equal((DemoSeeder.ViewerAccount.Id, DemoSeeder.ViewerAccount.DisplayName), (asked.AuthorId, asked.AuthorName));
        foreach (var watcher in new[] { anonymous, room.HostRoom, viewerRoom })
        {
            Assert.Equal(asked, (await watcher.NextAsync<QuestionChangedEvent>()).Question);
        }

        Assert.Equal([asked], (await factory.AnonymousQuestionsAsync(room.Show.Id)).Questions);
    }

    [Fact]
    public async Task VoteQuestion_OneVotePerUser_CanBeTakenBack_AndEveryoneSeesTheCount()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Questions: votes");
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        var viewer2 = await factory.SignInAsync(DemoSeeder.SecondViewerAccount.Email);
        var guest = await factory.GuestAsync("Guest Voter");
        await using var asker = await factory.ConnectAsync(viewer.Cookies);
        await using var voter = await factory.ConnectAsync(viewer2.Cookies);
        await using var guestVoter = await factory.ConnectAsync(guest.Cookies);
        await using var anonymous = await RoomWatcher.JoinAsync(factory, room.Show);
        var question = await asker.AskAsync(room.Show.Id, "Which oolong is the least bitter?");

        var first = await voter.VoteAsync(room.Show.Id, question.Id);
        var twice = await voter.VoteAsync(room.Show.Id, question.Id);
        var byGuest = await guestVoter.VoteAsync(room.Show.Id, question.Id);
        var takenBack = await voter.VoteAsync(room.Show.Id, question.Id, vote: false);
        var takenBackAgain = await voter.VoteAsync(room.Show.Id, question.Id, vote: false);

        Assert.Equal([1, 1, 2, 1, 1], new[] { first, twice, byGuest, takenBack, takenBackAgain }.Select(q => q.Votes));
        Assert.Equal(first.Version, twice.Version);
        Assert.Equal(takenBack, takenBackAgain);
        var seen = await anonymous.NextAsync<QuestionChangedEvent>(e => e.Question.Version == takenBack.Version);
        Assert.Equal(1, seen.Question.Votes);
        Assert.Empty((await voter.QuestionsAsync(room.Show.Id)).MyVotes);
        Assert.Equal([question.Id], (await guestVoter.QuestionsAsync(room.Show.Id)).MyVotes);
        var votes = await factory.ReadAsync(db => db.QuestionVotes.Where(v => v.QuestionId == question.Id).Select(v => v.UserId).ToListAsync());
        Assert.Equal([guest.User.Id!.Value], votes);
    }

    [Fact]
    public async Task VoteQuestion_OwnQuestion_RefusedAndNothingChanged()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Questions: own vote");
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var asker = await factory.ConnectAsync(viewer.Cookies);
        var question = await asker.AskAsync(room.Show.Id, "Can I vote for myself?");
        var before = await factory.FingerprintAsync(room.Show.Id);

        var sentence = await RefusedAsync(() => asker.VoteAsync(room.Show.Id, question.Id), ProblemCodes.QuestionOwnVote);

        Assert.Contains("your own question", sentence, StringComparison.Ordinal);
        Assert.Equal(before, await factory.FingerprintAsync(room.Show.Id));
    }

    [Fact]
    public async Task ApprovalMode_PendingQuestion_OnlyStaffAndAuthorSeeIt_UntilApproved()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Questions: approval");
        await room.SetSettingsAsync(questionsNeedApproval: true);
        var moderator = await factory.AssignModeratorAsync(room);
        await using var desk = await factory.OpenDeskAsync(moderator, room.Show.Id);
        Assert.True(desk.State.QuestionsNeedApproval);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        var viewer2 = await factory.SignInAsync(DemoSeeder.SecondViewerAccount.Email);
        await using var authorRoom = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        var authorPushes = new ModerationPushes(authorRoom.Connection);
        await using var otherRoom = await RoomWatcher.JoinAsync(factory, room.Show, viewer2.Cookies);
        var otherPushes = new ModerationPushes(otherRoom.Connection);
        await RefusedAsync(() => otherRoom.Connection.InvokeAsync<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), room.Show.Id), ProblemCodes.NotShowStaff);
        var lastSequence = await factory.LastSequenceAsync(room.Show.Id);

        var asked = await authorRoom.Connection.AskAsync(room.Show.Id, "Can I return it after opening?");

        // Pending: the staff's desk and the author hear of it; nobody else, and no room event.
        Assert.Equal(QuestionStatus.Pending, asked.Status);
        Assert.Equal(asked, await desk.Pushes.NextAsync<QuestionDto>(q => q.Id == asked.Id));
        Assert.Equal(asked, await authorPushes.NextAsync<QuestionDto>(q => q.Id == asked.Id));
        Assert.Contains(asked, (await desk.Connection.InvokeAsync<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), room.Show.Id)).Questions);
        Assert.Contains(asked, (await authorRoom.Connection.QuestionsAsync(room.Show.Id)).Questions);
        Assert.DoesNotContain((await otherRoom.Connection.QuestionsAsync(room.Show.Id)).Questions, q => q.Id == asked.Id);
        Assert.DoesNotContain((await factory.AnonymousQuestionsAsync(room.Show.Id)).Questions, q => q.Id == asked.Id);
        Assert.Equal(lastSequence, await factory.LastSequenceAsync(room.Show.Id));

        // The other viewer's refused desk did not subscribe him: the first question push he gets is about his own question.
        var own = await otherRoom.Connection.AskAsync(room.Show.Id, "Is there a discount for two?");
        Assert.Equal(own.Id, (await otherPushes.NextAsync<QuestionDto>()).Id);

        var approved = await desk.Connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.ApproveQuestion), room.Show.Id, asked.Id);

        Assert.Equal(QuestionStatus.Open, approved.Status);
        Assert.Equal(approved, (await otherRoom.NextAsync<QuestionChangedEvent>(e => e.Question.Id == asked.Id)).Question);
        Assert.Equal(approved, await authorPushes.NextAsync<QuestionDto>(q => q.Id == asked.Id && q.Status == QuestionStatus.Open));
        Assert.Contains(approved, (await factory.AnonymousQuestionsAsync(room.Show.Id)).Questions);
        Assert.Contains(approved, (await otherRoom.Connection.QuestionsAsync(room.Show.Id)).Questions);
        await RefusedAsync(() => desk.Connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.ApproveQuestion), room.Show.Id, asked.Id), ProblemCodes.QuestionNotPending);
    }

    [Fact]
    public async Task AnswerQuestion_WithText_ReachesEveryone_AndClosesVoting()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Questions: answer");
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        var viewer2 = await factory.SignInAsync(DemoSeeder.SecondViewerAccount.Email);
        await using var asker = await factory.ConnectAsync(viewer.Cookies);
        await using var voter = await factory.ConnectAsync(viewer2.Cookies);
        await using var anonymous = await RoomWatcher.JoinAsync(factory, room.Show);
        var question = await asker.AskAsync(room.Show.Id, "What temperature for the oolong?");

        var answered = await room.HostRoom.Connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.AnswerQuestion), room.Show.Id, new AnswerQuestionRequest(question.Id, " 90 °C, three short steeps. "));

        var seen = (await anonymous.NextAsync<QuestionChangedEvent>(e => e.Question.Status == QuestionStatus.Answered)).Question;
        Assert.Equal(answered, seen);
        Assert.Equal(("90 °C, three short steeps.", DemoSeeder.HostAccount.DisplayName), (seen.Answer, seen.AnsweredByName));
        Assert.NotNull(seen.AnsweredAt);
        await RefusedAsync(() => voter.VoteAsync(room.Show.Id, question.Id), ProblemCodes.QuestionClosed);
        await RefusedAsync(() => room.HostRoom.Connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.AnswerQuestion), room.Show.Id, new AnswerQuestionRequest(question.Id, "Again")), ProblemCodes.QuestionClosed);
        Assert.Equal([answered], (await factory.AnonymousQuestionsAsync(room.Show.Id)).Questions);
    }

    [Fact]
    public async Task AnswerQuestion_WithoutText_MarksItAnsweredAloud()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Questions: answered aloud");
        var moderator = await factory.AssignModeratorAsync(room);
        await using var desk = await factory.OpenDeskAsync(moderator, room.Show.Id);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var asker = await factory.ConnectAsync(viewer.Cookies);
        await using var anonymous = await RoomWatcher.JoinAsync(factory, room.Show);
        var question = await asker.AskAsync(room.Show.Id, "Can you show the teapot lid?");

        var answered = await desk.Connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.AnswerQuestion), room.Show.Id, new AnswerQuestionRequest(question.Id, null));

        var seen = (await anonymous.NextAsync<QuestionChangedEvent>(e => e.Question.Status == QuestionStatus.Answered)).Question;
        Assert.Equal(answered, seen);
        Assert.Null(seen.Answer);
        Assert.Equal(ModeratorName, seen.AnsweredByName);
        Assert.Equal(ModerationActions.MarkAnswered, (await room.Host.Http.AuditAsync(room.Show.Id))[0].Action);
    }

    [Fact]
    public async Task DismissQuestion_Open_TakenOffEveryonesBoard_Pending_NeverSeenByOthers()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Questions: dismiss");
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var asker = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        var askerPushes = new ModerationPushes(asker.Connection);
        await using var anonymous = await RoomWatcher.JoinAsync(factory, room.Show);
        var open = await asker.Connection.AskAsync(room.Show.Id, "What's your favourite film?");

        var dismissed = await room.HostRoom.Connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.DismissQuestion), room.Show.Id, open.Id);

        Assert.Equal(QuestionStatus.Dismissed, dismissed.Status);

        // The room is told to take it off the board, without its text or author; the stored log forgets
        // them too, so a page catching up from the start never receives them.
        var removed = (await anonymous.NextAsync<QuestionChangedEvent>(e => e.Question.Status == QuestionStatus.Dismissed)).Question;
        Assert.Equal(dismissed with { AuthorId = Guid.Empty, AuthorName = "", Text = "" }, removed);
        Assert.DoesNotContain(await factory.StoredPayloadsAsync(room.Show.Id), p => p.Contains("favourite film", StringComparison.Ordinal));
        var fromStart = await factory.JoinFreshAsync(room.Show.Id, 0);
        Assert.All(fromStart.Missed.OfType<QuestionChangedEvent>(), e => Assert.Equal("", e.Question.Text));
        Assert.Empty((await factory.AnonymousQuestionsAsync(room.Show.Id)).Questions);
        Assert.Contains(dismissed, (await room.HostRoom.Connection.QuestionsAsync(room.Show.Id)).Questions);

        await room.SetSettingsAsync(questionsNeedApproval: true);
        var pending = await asker.Connection.AskAsync(room.Show.Id, "Buy my followers package!");
        var lastSequence = await factory.LastSequenceAsync(room.Show.Id);
        var dismissedPending = await room.HostRoom.Connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.DismissQuestion), room.Show.Id, pending.Id);

        Assert.Equal(dismissedPending, await askerPushes.NextAsync<QuestionDto>(q => q.Id == pending.Id && q.Status == QuestionStatus.Dismissed));
        Assert.Equal(lastSequence, await factory.LastSequenceAsync(room.Show.Id));
        await RefusedAsync(() => room.HostRoom.Connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.DismissQuestion), room.Show.Id, pending.Id), ProblemCodes.QuestionClosed);
    }

    [Fact]
    public async Task DismissQuestion_Answered_RefusedAndTheAnswerStaysForEveryone()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Questions: answered is final");
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var asker = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);
        var question = await asker.Connection.AskAsync(room.Show.Id, "Does the teapot work on induction?");
        await room.HostRoom.Connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.AnswerQuestion), room.Show.Id, new AnswerQuestionRequest(question.Id, "No, it is clay: use a gas or electric hob."));
        var before = await factory.FingerprintAsync(room.Show.Id);

        await RefusedAsync(() => room.HostRoom.Connection.InvokeAsync<QuestionDto>(nameof(ILiveShowHub.DismissQuestion), room.Show.Id, question.Id), ProblemCodes.QuestionClosed);

        Assert.Equal(before, await factory.FingerprintAsync(room.Show.Id));
        var seen = Assert.Single((await factory.AnonymousQuestionsAsync(room.Show.Id)).Questions);
        Assert.Equal((QuestionStatus.Answered, "No, it is clay: use a gas or electric hob."), (seen.Status, seen.Answer));
    }

    [Fact]
    public async Task AskQuestion_MatchingTheBlocklist_WaitsForApproval()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Questions: blocklist");
        await room.HostRoom.Connection.InvokeAsync<IReadOnlyList<string>>(nameof(ILiveShowHub.SetBlocklist), room.Show.Id, new SetBlocklistRequest(["scam"]));
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var asker = await factory.ConnectAsync(viewer.Cookies);
        var lastSequence = await factory.LastSequenceAsync(room.Show.Id);

        var flagged = await asker.AskAsync(room.Show.Id, "Is this shop a SCAM?");
        var clean = await asker.AskAsync(room.Show.Id, "Is the scammer story true?");

        Assert.Equal(QuestionStatus.Pending, flagged.Status);
        Assert.Equal(QuestionStatus.Open, clean.Status);
        Assert.Equal([clean], (await factory.AnonymousQuestionsAsync(room.Show.Id)).Questions);
        Assert.Equal(lastSequence + 1, await factory.LastSequenceAsync(room.Show.Id));
    }

    [Fact]
    public async Task RemovedModerator_DeskStopsReceivingPendingQuestions()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Questions: removed moderator");
        await room.SetSettingsAsync(questionsNeedApproval: true);
        var outsider = await factory.AssignOutsideModeratorAsync(room);
        await using var desk = await factory.OpenDeskAsync(outsider, room.Show.Id);
        await using var hostDesk = await factory.OpenDeskAsync(room.Host, room.Show.Id);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        await using var asker = await factory.ConnectAsync(viewer.Cookies);

        var removed = await room.Host.Http.DeleteAsync(ApiRoutes.Moderator(room.Show.Id, outsider.User.Id!.Value));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, removed.StatusCode);
        var pending = await asker.AskAsync(room.Show.Id, "Private: will you deliver to No. 7, Lane 3?");

        Assert.Equal(pending, await hostDesk.Pushes.NextAsync<QuestionDto>(q => q.Id == pending.Id));
        await RefusedAsync(() => desk.Connection.InvokeAsync<ModerationStateDto>(nameof(ILiveShowHub.GetModeration), room.Show.Id), ProblemCodes.NotShowStaff);

        // His own (pending) question reaches him as its author: it must be the first question push he gets after the removal.
        var own = await desk.Connection.AskAsync(room.Show.Id, "Am I still a moderator?");
        Assert.Equal(own.Id, (await desk.Pushes.NextAsync<QuestionDto>()).Id);
    }
}
