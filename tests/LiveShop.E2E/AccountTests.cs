using LiveShop.Server.Data;
using Microsoft.Playwright;

namespace LiveShop.E2E;

public sealed class AccountTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignIn_WrongPassword_ShowsWhyAndStaysSignedOut()
    {
        await using var context = await browser.NewPhoneAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.WaitForInteractiveAsync("sign-in-submit");

        await page.Field("email").FillAsync(DemoSeeder.HostAccount.Email);
        await page.Field("password").FillAsync("wrong-password-1");
        await page.TestId("sign-in-submit").ClickAsync();

        await Assertions.Expect(page.TestId("form-error")).ToContainTextAsync("That email and password do not match an account.");
        await Assertions.Expect(page.TestId("nav-sign-in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ContinueAsGuest_OnlyAName_BackOnTheShowWithThatName()
    {
        await using var context = await browser.NewPhoneAsync();
        var page = await context.NewPageAsync();
        var showUrl = $"/shows/{DemoSeeder.DemoShowId}";
        await page.GotoAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(showUrl)}");
        await page.WaitForInteractiveAsync("sign-in-submit");

        await page.TestId("continue-as-guest").ClickAsync();
        await page.WaitForInteractiveAsync("guest-submit");
        await page.Field("display-name").FillAsync("Yiannis");
        await page.TestId("guest-submit").ClickAsync();

        await page.WaitForURLAsync($"**{showUrl}", new PageWaitForURLOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(page.TestId("user-chip")).ToContainTextAsync("Yiannis", new LocatorAssertionsToContainTextOptions { Timeout = BrowserFixture.Patience });
        browser.AssertNoBrowserErrors(context);
    }

    [Fact]
    public async Task HostPage_Viewer_ToldItIsForHosts()
    {
        await using var context = await browser.NewDesktopAsync();
        var page = await context.NewPageAsync();

        await page.SignInAsync(DemoSeeder.ViewerAccount.Email, "/");
        await page.GotoAsync("/host/shows/new");

        await Assertions.Expect(page.TestId("access-denied")).ToContainTextAsync("This page is for hosts");
    }

    [Fact]
    public async Task Home_Phone_UpcomingDemoShowOpensItsPage()
    {
        await using var context = await browser.NewPhoneAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForAppReadyAsync();

        await Assertions.Expect(page.TestId("live-now-empty")).ToBeVisibleAsync();
        var card = page.Locator($"[data-testid='upcoming'] [data-testid='show-card'][data-show-id='{DemoSeeder.DemoShowId}']");
        await Assertions.Expect(card).ToContainTextAsync("Friday Night Tea & Beauty");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("home-phone.png") });
        await card.ClickAsync();

        await page.WaitForURLAsync($"**/shows/{DemoSeeder.DemoShowId}");
        await Assertions.Expect(page.TestId("show-title")).ToHaveTextAsync("Friday Night Tea & Beauty");
        await page.WaitForLiveConnectionAsync();
        browser.AssertNoBrowserErrors(context);
    }

    [Fact]
    public async Task DarkModeToggle_ChangesTheBackground()
    {
        await using var context = await browser.NewDesktopAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForAppReadyAsync();
        const string Background = "() => getComputedStyle(document.body).backgroundColor";
        var before = await page.EvaluateAsync<string>(Background);

        await page.TestId("theme-toggle").ClickAsync();

        await page.WaitForFunctionAsync($"before => ({Background})() !== before", before);
        Assert.NotEqual(before, await page.EvaluateAsync<string>(Background));
        browser.AssertNoBrowserErrors(context);
    }
}
