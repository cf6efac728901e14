using LiveShop.Client.Pages;
using LiveShop.Client.Services;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LiveShop.Client.Tests.TestDoubles.ModerationFixtures;

namespace LiveShop.Client.Tests.Pages;

/// <summary>Questions and chat moderation as a viewer meets them on the show page, against a fake live room.</summary>
public sealed class ShowPageModerationTests : CheckoutTestBase
{
    private static readonly ChatMessageDto Hello = Message(1, "Hello from Tainan", DeviceNow.AddMinutes(-2));
    private static readonly ChatMessageDto Spam = Message(2, "cheap followers at spam.example", DeviceNow.AddMinutes(-1));
    private static readonly QuestionDto Pouch = Question(1, "Does the roller come with a pouch?", DeviceNow.AddMinutes(-4), votes: 3, author: Bo);

    private FakeLiveShowConnection _live = default!;
    private IRenderedComponent<MudSnackbarProvider> _snackbars = default!;

    private IRenderedComponent<ShowPage> RenderPage(
        ChatSettingsDto? settings = null,
        RestrictionNoticeDto? restriction = null,
        QuestionBoardDto? board = null,
        bool isStaff = false)
    {
        _live = new FakeLiveShowConnection(Join(DeviceNow, chat: [Hello, Spam], settings: settings, restriction: restriction, isStaff: isStaff), DeviceNow);
        _live.Answer(nameof(ILiveShowHub.GetQuestions), _ => board ?? new QuestionBoardDto(ShowId, [Pouch], []));
        Ctx.Services.AddFallbackServiceProvider(new ServiceCollection()
            .AddSingleton<IShowReader>(new SingleShowReader(ShopTestData.Detail(DeviceNow)))
            .AddSingleton<ILiveShowConnection>(_live)
            .BuildServiceProvider());
        _snackbars = Ctx.Render<MudSnackbarProvider>();
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"shows/{ShowId}");
        var page = Ctx.Render<ShowPage>(p => p.Add(c => c.Id, ShowId).AddCascadingValue(SignedIn.As(Ann, "Ann")));
        page.WaitForAssertion(() => Assert.Equal(LiveConnectionState.Connected, _live.State));
        return page;
    }

    private static IReadOnlyList<string> ChatTexts(IRenderedComponent<ShowPage> page) =>
        [.. page.FindAll("[data-testid=chat-line] [data-testid=chat-text]").Select(e => e.TextContent.Trim()).Distinct()];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ModerateLink_ShownOnlyWhenTheServerSaysTheUserIsStaff(bool isStaff)
    {
        var page = RenderPage(isStaff: isStaff);

        Assert.Equal(isStaff, page.FindAll("[data-testid=open-desk]").Count == 1);
        if (isStaff)
        {
            Assert.Equal($"moderate/shows/{ShowId}", page.Find("[data-testid=open-desk]").GetAttribute("href"));
        }
    }

    /// <summary>The server no longer tells the sender which word matched (empty); an older server did: never shown either way.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("telegr4m")]
    public void SendChat_HeldByTheBlocklist_TheLineLeavesAndTheSenderIsOnlyToldItWaits(string matchedWord)
    {
        var page = RenderPage();
        _live.Answer(nameof(ILiveShowHub.SendChat), _ => new SendChatResult(null,
            new HeldMessageDto(Id(70), ShowId, Ann, "Ann", "dm me on telegr4m", matchedWord, DeviceNow, HeldMessageStatus.Held)));

        page.Find("[data-testid=chat-input]").Input("dm me on telegr4m");
        page.Find("[data-testid=chat-form]").Submit();

        _snackbars.WaitForAssertion(() => Assert.Single(_snackbars.FindAll(".mud-snackbar-content-message")));
        Assert.Equal("Your message is waiting for a moderator's review.", _snackbars.Find(".mud-snackbar-content-message").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-pending=true]"));
        Assert.DoesNotContain("dm me on telegr4m", ChatTexts(page));
        Assert.DoesNotContain("telegr4m", page.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("matched", page.Markup + _snackbars.Markup, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ChatDeleted_TheLineVanishes()
    {
        var page = RenderPage();
        Assert.Contains("cheap followers at spam.example", ChatTexts(page));

        await page.InvokeAsync(() => _live.PushEventsAsync(new ChatDeletedEvent(11, DeviceNow, Spam.Id)));

        page.WaitForAssertion(() => Assert.Equal(["Hello from Tainan"], ChatTexts(page)));
    }

    [Fact]
    public async Task Answered_TheBannerShowsOverTheVideo_ThenGoesAfterTwentySeconds()
    {
        var page = RenderPage();
        Assert.Empty(page.FindAll("[data-testid=answer-banner]"));

        await page.InvokeAsync(() => _live.PushEventsAsync(new QuestionChangedEvent(11, DeviceNow, Pouch with
        {
            Status = QuestionStatus.Answered, Answer = "Yes, a silk pouch!", AnsweredByName = "Nikos", AnsweredAt = DeviceNow, Version = 2,
        })));

        page.WaitForAssertion(() => Assert.Equal("Yes, a silk pouch!", page.Find("[data-testid=answer-banner-text]").TextContent.Trim()));
        Clock.Advance(Limits.AnswerBannerDuration);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=answer-banner]")));
    }

    [Fact]
    public async Task TimedOut_NoticeReplacesTheInput_AndTheInputComesBackWhenItRunsOut()
    {
        var page = RenderPage();
        Assert.NotEmpty(page.FindAll("[data-testid=chat-input]"));

        await page.InvokeAsync(() => _live.PushRestrictedAsync(new RestrictionNoticeDto(ShowId, RestrictionKind.Timeout, DeviceNow.AddSeconds(60))));

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=chat-input]")));
        Assert.Contains("You're timed out until 11:31:00 (in 1 min).", page.Find("[data-testid=restriction-notice]").TextContent, StringComparison.Ordinal);

        Clock.Advance(TimeSpan.FromSeconds(61));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=chat-input]")));
        Assert.Empty(page.FindAll("[data-testid=restriction-notice]"));
    }

    [Fact]
    public async Task BannedOnJoin_SaysSo_AndLiftingBringsTheInputBack()
    {
        var page = RenderPage(restriction: new RestrictionNoticeDto(ShowId, RestrictionKind.Ban, null));

        Assert.Contains("You've been banned from this show's chat.", page.Find("[data-testid=restriction-notice]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=chat-input]"));

        await page.InvokeAsync(() => _live.PushRestrictedAsync(new RestrictionNoticeDto(ShowId, null, null)));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=chat-input]")));
    }

    [Fact]
    public void AnnouncementAndSlowMode_ShowAboveAndUnderTheChat()
    {
        var page = RenderPage(settings: new ChatSettingsDto(30, new AnnouncementDto("Free shipping until 21:00", "Nikos", DeviceNow)));

        Assert.Contains("Free shipping until 21:00", page.Find("[data-testid=chat-announcement]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Slow mode: one message every 30 s", page.Find("[data-testid=slow-mode-hint]").TextContent.Trim());
    }

    [Fact]
    public void AskQuestion_NeedsApproval_ShowsItAsWaitingForAModerator()
    {
        var page = RenderPage();
        _live.Answer(nameof(ILiveShowHub.AskQuestion), args =>
            Question(9, (string)args[0]!, DeviceNow, status: QuestionStatus.Pending));

        page.Find("[data-testid=tab-qa]").Click();
        page.Find("[data-testid=question-input]").Input("Is it real jade?");
        Assert.Equal("16 / 300", page.Find("[data-testid=question-counter]").TextContent.Trim());
        page.Find("[data-testid=question-form]").Submit();

        Assert.Equal("Is it real jade?", Assert.Single(_live.CallsOf(nameof(ILiveShowHub.AskQuestion))).Args[0]);
        page.WaitForAssertion(() => Assert.Contains("Waiting for a moderator", page.Find("[data-testid=my-pending-question]").TextContent, StringComparison.Ordinal));
        Assert.True(string.IsNullOrEmpty(page.Find("[data-testid=question-input]").GetAttribute("value")));
    }

    [Fact]
    public void AskRefused_KeepsTheTextAndSaysWhy()
    {
        var page = RenderPage();
        _live.Refuse(nameof(ILiveShowHub.AskQuestion), ProblemCodes.QuestionRateLimited, "You can ask again in 12 s.");

        page.Find("[data-testid=tab-qa]").Click();
        page.Find("[data-testid=question-input]").Input("Is it real jade?");
        page.Find("[data-testid=question-form]").Submit();

        _snackbars.WaitForAssertion(() => Assert.Contains("You can ask again in 12 s.", _snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal("Is it real jade?", page.Find("[data-testid=question-input]").GetAttribute("value"));
    }

    private static string VoteCount(IRenderedComponent<ShowPage> page) => page.Find("[data-testid=vote-count]").TextContent.Trim();

    private static string VotePressed(IRenderedComponent<ShowPage> page) => page.Find("[data-testid=vote-button]").GetAttribute("aria-pressed")!;

    [Fact]
    public async Task Vote_CountMovesAtOnce_ARefusalPutsItBack()
    {
        var page = RenderPage();
        _live.Hold(nameof(ILiveShowHub.VoteQuestion))
             .Refuse(nameof(ILiveShowHub.VoteQuestion), ProblemCodes.Restricted, "You're timed out until 20:45.");
        page.Find("[data-testid=tab-qa]").Click();
        Assert.Equal("3", VoteCount(page));

        page.Find("[data-testid=vote-button]").Click();

        // The server has not answered yet: the count and the button moved already.
        Assert.Equal([Pouch.Id, true], Assert.Single(_live.CallsOf(nameof(ILiveShowHub.VoteQuestion))).Args);
        Assert.Equal(1, _live.Waiting(nameof(ILiveShowHub.VoteQuestion)));
        page.WaitForAssertion(() => Assert.Equal("4", VoteCount(page)));
        Assert.Equal("true", VotePressed(page));

        await page.InvokeAsync(() => _live.ReleaseAsync(nameof(ILiveShowHub.VoteQuestion)));

        page.WaitForAssertion(() => Assert.Equal("3", VoteCount(page)));
        Assert.Equal("false", VotePressed(page));
        _snackbars.WaitForAssertion(() => Assert.Contains("You're timed out until 20:45.", _snackbars.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task VoteRefused_AfterOthersVotedMeanwhile_KeepsTheirCount()
    {
        var page = RenderPage();
        _live.Hold(nameof(ILiveShowHub.VoteQuestion))
             .Refuse(nameof(ILiveShowHub.VoteQuestion), ProblemCodes.Restricted, "You're timed out until 20:45.");
        page.Find("[data-testid=tab-qa]").Click();
        page.Find("[data-testid=vote-button]").Click();
        page.WaitForAssertion(() => Assert.Equal("4", VoteCount(page)));

        // Two others voted before the refusal came: 5 votes by the server's count.
        await page.InvokeAsync(() => _live.PushEventsAsync(new QuestionChangedEvent(11, DeviceNow, Pouch with { Votes = 5, Version = 3 })));
        page.WaitForAssertion(() => Assert.Equal("5", VoteCount(page)));
        await page.InvokeAsync(() => _live.ReleaseAsync(nameof(ILiveShowHub.VoteQuestion)));

        _snackbars.WaitForAssertion(() => Assert.Contains("You're timed out until 20:45.", _snackbars.Markup, StringComparison.Ordinal));
        Assert.Equal("5", VoteCount(page));
        Assert.Equal("false", VotePressed(page));
    }

    [Fact]
    public void Vote_TheServersAnswerWins()
    {
        var page = RenderPage();
        _live.Answer(nameof(ILiveShowHub.VoteQuestion), _ => Pouch with { Votes = 5, Version = 3 });
        page.Find("[data-testid=tab-qa]").Click();

        page.Find("[data-testid=vote-button]").Click();

        page.WaitForAssertion(() => Assert.Equal("5", VoteCount(page)));
        Assert.Equal("true", VotePressed(page));
    }

    [Fact]
    public void Vote_AlreadyCountedFromAnotherTab_TheServersUnchangedCopyWins()
    {
        // Voted from another tab since this one loaded the board: the server counts 3 with that vote, and
        // answers this tab's vote with the same copy (nothing changed, same version).
        var page = RenderPage();
        _live.Answer(nameof(ILiveShowHub.VoteQuestion), _ => Pouch);
        page.Find("[data-testid=tab-qa]").Click();

        page.Find("[data-testid=vote-button]").Click();

        Assert.Single(_live.CallsOf(nameof(ILiveShowHub.VoteQuestion)));
        page.WaitForAssertion(() => Assert.Equal("3", VoteCount(page)));
        Assert.Equal("true", VotePressed(page));
    }

    [Fact]
    public void OwnQuestion_CannotBeVotedFor_AndSaysWhy()
    {
        var mine = Question(2, "Is the jade certified?", DeviceNow.AddMinutes(-1), votes: 1, author: Ann);
        var page = RenderPage(board: new QuestionBoardDto(ShowId, [Pouch, mine], []));
        page.Find("[data-testid=tab-qa]").Click();

        var own = page.Find($"[data-testid=qa-question][data-question-id='{mine.Id}'] [data-testid=vote-button]");
        Assert.True(own.HasAttribute("disabled"));
        Assert.Equal("You can't vote for your own question", own.GetAttribute("title"));
        Assert.Contains("You can't vote for your own question", own.GetAttribute("aria-label"), StringComparison.Ordinal);

        var others = page.Find($"[data-testid=qa-question][data-question-id='{Pouch.Id}'] [data-testid=vote-button]");
        Assert.False(others.HasAttribute("disabled"));
        Assert.Null(others.GetAttribute("title"));
    }

    [Fact]
    public void PhoneQaButton_OpensTheSheetWithTheQuestions()
    {
        var page = RenderPage();
        Assert.Equal("1", page.Find("[data-testid=qa-open-count]").TextContent.Trim());

        page.Find("[data-testid=qa-open]").Click();

        Assert.Contains("Does the roller come with a pouch?", page.Find("[data-testid=qa-sheet] [data-testid=qa-question]").TextContent, StringComparison.Ordinal);
    }
}
