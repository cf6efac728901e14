using System.Net;
using LiveShop.Client.Pages.Moderate;
using LiveShop.Client.Services;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LiveShop.Client.Tests.TestDoubles.ModerationFixtures;

namespace LiveShop.Client.Tests.Pages.Moderate;

/// <summary>The moderator desk against a fake live room: what the moderator clicks reaches the right hub method, and its answer shows.</summary>
public sealed class ModeratorDeskTests : BunitTestBase
{
    private static readonly QuestionDto Pouch = Question(1, "Does the roller come with a pouch?", DeviceNow.AddMinutes(-4), votes: 3);
    private static readonly QuestionDto Discount = Question(2, "Any discount code?", DeviceNow.AddMinutes(-1), status: QuestionStatus.Pending, author: Bo);
    private static readonly ChatMessageDto Hello = Message(1, "Hello from Tainan", DeviceNow.AddMinutes(-2));
    private static readonly ChatMessageDto Spam = Message(2, "cheap followers at spam.example", DeviceNow.AddMinutes(-1));

    private readonly FakeLiveShowConnection _live = new(Join(DeviceNow, chat: [Hello, Spam]), DeviceNow);
    private readonly FakeSalesApi _api = new();
    private IRenderedComponent<MudSnackbarProvider> _snackbars = default!;

    public ModeratorDeskTests()
    {
        Ctx.Services.AddFallbackServiceProvider(new ServiceCollection()
            .AddSingleton<IShowReader>(new SingleShowReader(ShopTestData.Detail(DeviceNow)))
            .AddSingleton<ILiveShowConnection>(_live)
            .AddSingleton(new ApiClient(_api.CreateClient()))
            .BuildServiceProvider());
    }

    private IRenderedComponent<ModeratorDesk> RenderDesk(ModerationStateDto? desk = null)
    {
        var state = desk ?? Desk(questions: [Pouch, Discount]);
        _live.Answer(nameof(ILiveShowHub.GetModeration), _ => state);
        _snackbars = Ctx.Render<MudSnackbarProvider>();
        var cut = Ctx.Render<ModeratorDesk>(p => p
            .Add(c => c.Id, ShowId)
            .AddCascadingValue(SignedIn.As(Nikos, "Nikos", Roles.Moderator)));
        cut.WaitForElement("[data-testid=question-queue]");
        return cut;
    }

    private static IReadOnlyList<string> ChatTexts(IRenderedComponent<ModeratorDesk> cut) =>
        [.. cut.FindAll("[data-testid=desk-chat-line] [data-testid=chat-text]").Select(e => e.TextContent.Trim())];

    private void AssertSnackbar(string text) =>
        _snackbars.WaitForAssertion(() => Assert.Contains(text, _snackbars.Markup, StringComparison.Ordinal));

    [Fact]
    public void Open_ShowsOpenQuestionsAndTheChat_PendingCountedOnItsChip()
    {
        var cut = RenderDesk();

        Assert.Equal("Does the roller come with a pouch?", cut.Find("[data-testid=desk-question] [data-testid=question-text]").TextContent.Trim());
        Assert.Equal("1", cut.Find("[data-testid=filter-pending] [data-testid=filter-count]").TextContent.Trim());
        Assert.Equal(["Hello from Tainan", "cheap followers at spam.example"], ChatTexts(cut));
        Assert.Single(_live.CallsOf(nameof(ILiveShowHub.GetModeration)));
    }

    [Fact]
    public void Approve_CallsTheHub_AndTheQuestionMovesToOpen()
    {
        _live.Answer(nameof(ILiveShowHub.ApproveQuestion), _ => Discount with { Status = QuestionStatus.Open, Version = 2 });
        var cut = RenderDesk();

        cut.Find("[data-testid=filter-pending]").Click();
        cut.Find("[data-testid=approve-button]").Click();

        Assert.Equal(Discount.Id, Assert.Single(_live.CallsOf(nameof(ILiveShowHub.ApproveQuestion))).Args[0]);
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=filter-open] [data-testid=filter-count]").TextContent.Trim()));
        Assert.Contains("No questions waiting for approval", cut.Find("[data-testid=queue-empty]").TextContent, StringComparison.Ordinal);
        AssertSnackbar("Approved");
    }

    [Fact]
    public void Answer_SendsTheText_AndTheQuestionIsAnswered()
    {
        _live.Answer(nameof(ILiveShowHub.AnswerQuestion), args => Pouch with
        {
            Status = QuestionStatus.Answered, Answer = (string?)args[1], AnsweredByName = "Nikos", AnsweredAt = DeviceNow, Version = 2,
        });
        var cut = RenderDesk();

        cut.Find("[data-testid=answer-input]").Input("Yes, a silk pouch!");
        cut.Find("[data-testid=answer-send]").Click();

        var call = Assert.Single(_live.CallsOf(nameof(ILiveShowHub.AnswerQuestion)));
        Assert.Equal([Pouch.Id, "Yes, a silk pouch!"], call.Args);
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=filter-answered] [data-testid=filter-count]").TextContent.Trim()));
        AssertSnackbar("everyone sees the answer");
    }

    [Fact]
    public void MarkAnswered_SendsNoText()
    {
        _live.Answer(nameof(ILiveShowHub.AnswerQuestion), _ => Pouch with { Status = QuestionStatus.Answered, AnsweredAt = DeviceNow, Version = 2 });
        var cut = RenderDesk();

        cut.Find("[data-testid=mark-answered]").Click();

        Assert.Equal([Pouch.Id, null], Assert.Single(_live.CallsOf(nameof(ILiveShowHub.AnswerQuestion))).Args);
        AssertSnackbar("Marked answered.");
    }

    [Fact]
    public void DeleteMessage_CallsTheHub_AndTheLineDisappears()
    {
        _live.Answer(nameof(ILiveShowHub.DeleteChat), args => new ChatDeletedEvent(11, DeviceNow, (Guid)args[0]!));
        var cut = RenderDesk();

        cut.FindAll("[data-testid=desk-chat-line]")[1].QuerySelector("[data-testid=chat-line-menu]")!.Click();
        cut.Find("[data-testid=delete-message]").Click();

        Assert.Equal(Spam.Id, Assert.Single(_live.CallsOf(nameof(ILiveShowHub.DeleteChat))).Args[0]);
        cut.WaitForAssertion(() => Assert.Equal(["Hello from Tainan"], ChatTexts(cut)));
    }

    [Fact]
    public void DeleteRefused_SaysWhy_AndTheLineStays()
    {
        _live.Refuse(nameof(ILiveShowHub.DeleteChat), ProblemCodes.ChatMessageNotFound, "That message is no longer in the chat.");
        var cut = RenderDesk();

        cut.FindAll("[data-testid=chat-line-menu]")[0].Click();
        cut.Find("[data-testid=delete-message]").Click();

        AssertSnackbar("That message is no longer in the chat.");
        Assert.Equal(2, ChatTexts(cut).Count);
    }

    [Fact]
    public void TimeoutOneMinute_RestrictsTheAuthor_AndListsThemWithLift()
    {
        _live.Answer(nameof(ILiveShowHub.RestrictUser), _ => new RestrictionDto(Bo, "Bo", RestrictionKind.Timeout, DeviceNow.AddMinutes(1), "Nikos", DeviceNow));
        var cut = RenderDesk();

        cut.FindAll("[data-testid=chat-line-menu]")[1].Click();
        cut.Find("[data-testid=timeout-60]").Click();

        Assert.Equal(new RestrictUserRequest(Bo, RestrictionKind.Timeout, 60), Assert.Single(_live.CallsOf(nameof(ILiveShowHub.RestrictUser))).Args[0]);
        cut.WaitForAssertion(() => Assert.Contains("Bo timed out, 1 min left", cut.Find("[data-testid=restriction]").TextContent, StringComparison.Ordinal));
        AssertSnackbar("Bo is timed out for 1 min.");
    }

    [Fact]
    public void Ban_ThenLift_CallsBoth()
    {
        _live.Answer(nameof(ILiveShowHub.RestrictUser), _ => new RestrictionDto(Bo, "Bo", RestrictionKind.Ban, null, "Nikos", DeviceNow))
             .Answer(nameof(ILiveShowHub.LiftRestriction), _ => new object());
        var cut = RenderDesk();

        cut.FindAll("[data-testid=chat-line-menu]")[0].Click();
        cut.Find("[data-testid=ban-user]").Click();
        cut.WaitForElement("[data-testid=lift-restriction]").Click();

        Assert.Equal(new RestrictUserRequest(Bo, RestrictionKind.Ban, null), Assert.Single(_live.CallsOf(nameof(ILiveShowHub.RestrictUser))).Args[0]);
        Assert.Equal(Bo, Assert.Single(_live.CallsOf(nameof(ILiveShowHub.LiftRestriction))).Args[0]);
        cut.WaitForElement("[data-testid=restrictions-empty]");
    }

    [Fact]
    public void TimeoutOnTheDesk_CountsDown_AndLeavesWhenItRunsOutWithoutAPush()
    {
        var cut = RenderDesk(Desk(restrictions: [new RestrictionDto(Bo, "Bo", RestrictionKind.Timeout, DeviceNow.AddMinutes(4), "Nikos", DeviceNow)]));
        Assert.Contains("Bo timed out, 4 min left", cut.Find("[data-testid=restriction]").TextContent, StringComparison.Ordinal);

        Clock.Advance(TimeSpan.FromMinutes(1));
        cut.WaitForAssertion(() => Assert.Contains("Bo timed out, 3 min left", cut.Find("[data-testid=restriction]").TextContent, StringComparison.Ordinal));

        Clock.Advance(TimeSpan.FromMinutes(3));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=restriction]")));
        Assert.Equal("Nobody is timed out or banned.", cut.Find("[data-testid=restrictions-empty]").TextContent.Trim());
    }

    [Fact]
    public async Task StaffLines_OfferDeleteButNoTimeoutOrBan()
    {
        var cut = RenderDesk();
        await cut.InvokeAsync(() => _live.PushEventsAsync(new ChatPostedEvent(11, DeviceNow, Message(3, "Welcome everyone", DeviceNow, Nikos, ChatAuthorRole.Moderator))));

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=chat-line-menu]").Count));
        cut.FindAll("[data-testid=chat-line-menu]")[2].Click();

        Assert.NotNull(cut.Find("[data-testid=delete-message]"));
        Assert.Empty(cut.FindAll("[data-testid=ban-user]"));
    }

    [Fact]
    public async Task HeldMessages_ShowAtTheTop_ReleaseCallsTheHubAndClearsIt()
    {
        var held = new HeldMessageDto(Id(50), ShowId, Bo, "Bo", "follow me on spam", "spam", DeviceNow, HeldMessageStatus.Held);
        _live.Answer(nameof(ILiveShowHub.ReleaseHeld), _ => held with { Status = HeldMessageStatus.Released });
        var cut = RenderDesk(Desk(held: [held], blocklist: ["spam"]));

        Assert.Contains("matched “spam”", cut.Find("[data-testid=held-message]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=release-held]").Click();

        Assert.Equal(held.Id, Assert.Single(_live.CallsOf(nameof(ILiveShowHub.ReleaseHeld))).Args[0]);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=held-message]")));

        // Another moderator's desk held a new one: it arrives as a push.
        await cut.InvokeAsync(() => _live.PushHeldAsync(held with { Id = Id(51), Text = "more spam" }));
        cut.WaitForAssertion(() => Assert.Contains("more spam", cut.Find("[data-testid=held-message]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void HeldMessage_WithoutAMatchedWord_ShowsNoEmptyQuotes()
    {
        var held = new HeldMessageDto(Id(50), ShowId, Bo, "Bo", "follow me on spam", "", DeviceNow, HeldMessageStatus.Held);
        var cut = RenderDesk(Desk(held: [held], blocklist: ["spam"]));

        Assert.Equal("follow me on spam", cut.Find("[data-testid=held-text]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=held-word]"));
        Assert.DoesNotContain("“”", cut.Find("[data-testid=held-message]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void SlowMode_SelectCallsTheHub_AndTheChatHeadingSaysSo()
    {
        _live.Answer(nameof(ILiveShowHub.SetSlowMode), args => new ChatSettingsEvent(11, DeviceNow, new ChatSettingsDto((int)args[0]!, null)));
        var cut = RenderDesk();

        cut.Find("[data-testid=slow-mode-select]").Change("30");

        Assert.Equal(30, Assert.Single(_live.CallsOf(nameof(ILiveShowHub.SetSlowMode))).Args[0]);
        cut.WaitForAssertion(() => Assert.Contains("slow mode 30 s", cut.Find("#desk-chat").TextContent, StringComparison.Ordinal));
        AssertSnackbar("Slow mode: one message every 30 s per viewer.");
    }

    [Fact]
    public void SlowMode_Custom_SetsAnyNumberOfSeconds_AndTheChatHeadingSaysSo()
    {
        _live.Answer(nameof(ILiveShowHub.SetSlowMode), args => new ChatSettingsEvent(11, DeviceNow, new ChatSettingsDto((int)args[0]!, null)));
        var cut = RenderDesk();
        Assert.Empty(cut.FindAll("[data-testid=slow-mode-custom-input]"));

        cut.Find("[data-testid=slow-mode-select]").Change("custom");
        cut.Find("[data-testid=slow-mode-custom-input]").Input("90");
        cut.Find("[data-testid=slow-mode-custom-set]").Click();

        Assert.Equal(90, Assert.Single(_live.CallsOf(nameof(ILiveShowHub.SetSlowMode))).Args[0]);
        cut.WaitForAssertion(() => Assert.Contains("slow mode 1 min 30 s", cut.Find("#desk-chat").TextContent, StringComparison.Ordinal));
        AssertSnackbar("Slow mode: one message every 1 min 30 s per viewer.");

        // The value now set is one of the select's options, and the custom field is closed.
        Assert.Empty(cut.FindAll("[data-testid=slow-mode-custom-input]"));
        Assert.Equal("1 min 30 s", cut.Find("[data-testid=slow-mode-select] option[selected]").TextContent.Trim());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3601")]
    [InlineData("1.5")]
    [InlineData("")]
    public void SlowMode_CustomOutOfRange_SaysWhatItTakes_AndSendsNothing(string typed)
    {
        var cut = RenderDesk();

        cut.Find("[data-testid=slow-mode-select]").Change("custom");
        cut.Find("[data-testid=slow-mode-custom-input]").Input(typed);
        cut.Find("[data-testid=slow-mode-custom-form]").Submit();

        Assert.Equal($"Enter a whole number of seconds from 1 to {Limits.SlowModeMaxSeconds}.", cut.Find("[data-testid=slow-mode-custom-error]").TextContent.Trim());
        Assert.Empty(_live.CallsOf(nameof(ILiveShowHub.SetSlowMode)));
        Assert.NotNull(cut.Find("[data-testid=slow-mode-custom-input]"));
    }

    [Fact]
    public void Blocklist_AddAndRemove_SaveTheWholeList()
    {
        _live.Answer(nameof(ILiveShowHub.SetBlocklist), args => args[0]!);
        var cut = RenderDesk(Desk(blocklist: ["spam"]));

        cut.Find("[data-testid=blocklist-input]").Input("crypto");
        cut.Find("[data-testid=blocklist-form]").Submit();
        cut.WaitForAssertion(() => Assert.Equal(["spam", "crypto"], cut.FindAll("[data-testid=blocklist-word]").Select(e => e.TextContent.Trim())));
        cut.FindAll("[data-testid=blocklist-remove]")[0].Click();

        var calls = _live.CallsOf(nameof(ILiveShowHub.SetBlocklist));
        Assert.Equal(["spam", "crypto"], (IReadOnlyList<string>)calls[0].Args[0]!);
        Assert.Equal(["crypto"], (IReadOnlyList<string>)calls[1].Args[0]!);
    }

    [Fact]
    public void Announcement_PinSendsTheText()
    {
        _live.Answer(nameof(ILiveShowHub.SetAnnouncement), args => new ChatSettingsEvent(11, DeviceNow, new ChatSettingsDto(0, new AnnouncementDto((string)args[0]!, "Nikos", DeviceNow))));
        var cut = RenderDesk();

        cut.Find("[data-testid=announcement-input]").Input("Free shipping until 21:00");
        cut.Find("[data-testid=announcement-pin]").Click();

        Assert.Equal("Free shipping until 21:00", Assert.Single(_live.CallsOf(nameof(ILiveShowHub.SetAnnouncement))).Args[0]);
        cut.WaitForAssertion(() => Assert.Contains("Free shipping until 21:00", cut.Find("[data-testid=announcement-current]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void NotStaff_SaysSoInsteadOfTheDesk()
    {
        _live.Refuse(nameof(ILiveShowHub.GetModeration), ProblemCodes.NotShowStaff, "Only the show's host and its moderators can moderate it.");
        _snackbars = Ctx.Render<MudSnackbarProvider>();

        var cut = Ctx.Render<ModeratorDesk>(p => p.Add(c => c.Id, ShowId).AddCascadingValue(SignedIn.As(Ann, "Ann")));

        cut.WaitForAssertion(() => Assert.Contains("You're not a moderator of this show.", cut.Find("[data-testid=desk-refused]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=question-queue]"));
        Assert.Empty(cut.FindAll("[data-testid=audit-open]"));
    }

    [Fact]
    public async Task Rejoin_AsksForTheModerationStateAgain()
    {
        var cut = RenderDesk();
        _live.Answer(nameof(ILiveShowHub.GetModeration), _ => Desk(questions: [Pouch, Discount, Question(3, "Asked while we were away", DeviceNow)]));

        await cut.InvokeAsync(() => _live.RejoinAsync(Join(DeviceNow, chat: [Hello, Spam]) with { Snapshot = null }));

        Assert.Equal(2, _live.CallsOf(nameof(ILiveShowHub.GetModeration)).Count);
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=filter-open] [data-testid=filter-count]").TextContent.Trim()));
    }

    [Fact]
    public async Task PushesBeforeTheModerationAnswer_AreNotLostUnderIt()
    {
        var held = new HeldMessageDto(Id(50), ShowId, Bo, "Bo", "follow me on spam", "spam", DeviceNow, HeldMessageStatus.Held);
        var newHeld = held with { Id = Id(51), Text = "more spam" };
        var banned = new RestrictionDto(Bo, "Bo", RestrictionKind.Ban, null, "Nikos", DeviceNow);
        _live.Hold(nameof(ILiveShowHub.GetModeration))
             .Answer(nameof(ILiveShowHub.GetModeration), _ => Desk(questions: [Pouch, Discount], held: [held], blocklist: ["spam"]));
        _snackbars = Ctx.Render<MudSnackbarProvider>();
        var cut = Ctx.Render<ModeratorDesk>(p => p.Add(c => c.Id, ShowId).AddCascadingValue(SignedIn.As(Nikos, "Nikos", Roles.Moderator)));
        cut.WaitForAssertion(() => Assert.Equal(1, _live.Waiting(nameof(ILiveShowHub.GetModeration))));

        // The server subscribed the desk to the staff pushes, then read the state: these are newer than its answer.
        await cut.InvokeAsync(() => _live.PushHeldAsync(held with { Status = HeldMessageStatus.Dropped }));
        await cut.InvokeAsync(() => _live.PushHeldAsync(newHeld));
        await cut.InvokeAsync(() => _live.PushRestrictionsAsync(banned));
        await cut.InvokeAsync(() => _live.PushBlocklistAsync("spam", "crypto"));
        await cut.InvokeAsync(() => _live.PushQuestionAsync(Pouch with { Votes = 7, Version = 2 }));
        await cut.InvokeAsync(() => _live.ReleaseAsync(nameof(ILiveShowHub.GetModeration)));

        cut.WaitForElement("[data-testid=question-queue]");
        Assert.Equal(["more spam"], cut.FindAll("[data-testid=held-text]").Select(e => e.TextContent.Trim()));
        Assert.Contains("Bo banned", cut.Find("[data-testid=restriction]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["spam", "crypto"], cut.FindAll("[data-testid=blocklist-word]").Select(e => e.TextContent.Trim()));
        Assert.Equal("7", cut.Find("[data-testid=desk-question] [data-testid=question-votes]").TextContent.Trim());
    }

    [Fact]
    public void AuditLog_NotOfferedToAModerator()
    {
        var cut = RenderDesk();

        cut.WaitForElement("[data-testid=question-queue]");
        Assert.Empty(cut.FindAll("[data-testid=audit-open]"));
    }

    [Fact]
    public void AuditLog_ForTheHost_ListsNewestFirst()
    {
        _api.Get<IReadOnlyList<ModerationAuditDto>>(ApiRoutes.ModerationAudit(ShowId), () =>
        [
            new(Id(61), DeviceNow, Nikos, "Nikos", ModerationActions.Ban, Bo, "Bo", null, null),
            new(Id(60), DeviceNow.AddMinutes(-1), Nikos, "Nikos", ModerationActions.DeleteMessage, Bo, "Bo", Spam.Id, "cheap followers"),
        ]);
        var cut = RenderDesk(Desk(isHost: true));

        cut.Find("[data-testid=audit-open]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=audit-entry]").Count));
        var entries = cut.FindAll("[data-testid=audit-entry]");
        Assert.Contains("Nikos banned Bo", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("deleted a message by Bo", entries[1].TextContent, StringComparison.Ordinal);
    }
}
