using LiveShop.Server.Data;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveShop.E2E;

/// <summary>The moderator desk in one browser, a viewer's phone in another.</summary>
public sealed class ModerationTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly string ShowUrl = $"/shows/{DemoSeeder.DemoShowId}";
    private static readonly string DeskUrl = $"/moderate/shows/{DemoSeeder.DemoShowId}";
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 10_000 };

    [Fact]
    public async Task ViewerAsks_ModeratorAnswersInTheDesk_ViewerSeesTheAnswerBanner_ThenAChatLineDeletedByTheModeratorLeavesTheViewersScreen()
    {
        await using var deskContext = await browser.NewDesktopAsync();
        await using var viewerContext = await browser.NewPhoneAsync();
        var desk = await deskContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();

        // The demo moderator opens the demo show's desk; a viewer opens the show on a phone.
        await desk.SignInAsync(DemoSeeder.ModeratorAccount.Email, DeskUrl);
        await desk.WaitForLiveConnectionAsync();
        await Assertions.Expect(desk.TestId("moderator-desk")).ToBeVisibleAsync();
        await viewer.SignInAsync(DemoSeeder.ViewerAccount.Email, ShowUrl);
        await viewer.WaitForLiveConnectionAsync();
        var viewerNavigations = 0;
        viewer.FrameNavigated += (_, frame) => viewerNavigations += frame == viewer.MainFrame ? 1 : 0;

        // The viewer asks from the Q&A sheet over the video.
        const string Asked = "Is the oolong from Alishan or from Lishan?";
        await viewer.TestId("qa-open").ClickAsync();
        await Assertions.Expect(viewer.TestId("qa-sheet")).ToBeVisibleAsync();
        await viewer.Field("question-input").FillAsync(Asked);
        await viewer.TestId("question-send").ClickAsync();

        // It reaches the desk live, with who asked.
        var question = desk.Locator("[data-testid='desk-question']", new PageLocatorOptions { HasTextString = Asked });
        await Assertions.Expect(question).ToBeVisibleAsync(Soon);
        await Assertions.Expect(question).ToContainTextAsync(DemoSeeder.ViewerAccount.DisplayName);

        // The moderator answers; the viewer sees the answer highlighted over the video.
        const string Answer = "Alishan, harvested this spring.";
        await question.Locator("[data-testid='answer-input'] input, input[data-testid='answer-input'], textarea[data-testid='answer-input'], [data-testid='answer-input'] textarea").First.FillAsync(Answer);
        await question.Locator("[data-testid='answer-send']").ClickAsync();
        var banner = viewer.TestId("answer-banner");
        await Assertions.Expect(banner).ToBeVisibleAsync(Soon);
        await Assertions.Expect(viewer.TestId("answer-banner-text")).ToHaveTextAsync(Answer);
        await Assertions.Expect(banner).ToContainTextAsync(Asked);

        // The viewer closes the sheet and says something in the chat; the desk sees it.
        await viewer.TestId("qa-sheet").Locator("[data-testid='sheet-close']").ClickAsync();
        await Assertions.Expect(viewer.TestId("qa-sheet")).ToBeHiddenAsync();
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("viewer-phone-answer-banner.png") });
        const string Rude = "This stream is a scam, everyone leave";
        await viewer.Locator("[data-testid='chat-input']:visible").FillAsync(Rude);
        await viewer.Locator("[data-testid='chat-send']:visible").ClickAsync();
        var viewerLine = viewer.Locator("[data-testid='chat-line']:visible", new PageLocatorOptions { HasTextString = Rude });
        await Assertions.Expect(viewerLine).ToBeVisibleAsync(Soon);
        var deskLine = desk.Locator("[data-testid='desk-chat-line']", new PageLocatorOptions { HasTextString = Rude });
        await Assertions.Expect(deskLine).ToBeVisibleAsync(Soon);
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("moderator-desk.png") });

        // The moderator deletes it: it leaves the viewer's screen without a reload.
        await deskLine.Locator("[data-testid='chat-line-menu']").ClickAsync();
        await desk.Locator("[data-testid='delete-message']:visible").First.ClickAsync();
        await Assertions.Expect(viewerLine).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 10_000 });
        await Assertions.Expect(deskLine).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 10_000 });

        Assert.Equal(0, viewerNavigations);
        output.WriteLine("Asked, answered, banner shown; chat line deleted on both screens.");
        browser.AssertNoBrowserErrors(deskContext, viewerContext);
    }
}
