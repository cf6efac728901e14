using LiveShop.Server.Data;
using Microsoft.Playwright;

namespace LiveShop.E2E;

public sealed class CreateShowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Host_SchedulesAShowFromCatalogProducts_LandsOnItsConsole()
    {
        await using var context = await browser.NewDesktopAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(DemoSeeder.HostAccount.Email, "/host/shows/new");
        await page.WaitForInteractiveAsync("create-show-submit");

        await page.Field("show-title-input").FillAsync("Sunday teapot clinic");
        await page.Locator("[data-testid='pick-product'][data-sku='TW-CLAY-TEAPOT'] input").CheckAsync();
        await page.Locator("[data-testid='pick-product'][data-sku='TW-OOLONG-150'] input").CheckAsync();
        await page.Field("show-commission-input").FillAsync("15");
        await page.Field("show-cohost-input").FillAsync(DemoSeeder.CoHostAccount.Email);
        await page.Field("show-cohost-share-input").FillAsync("40");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("create-show.png"), FullPage = true });
        await page.TestId("create-show-submit").ClickAsync();

        await page.WaitForURLAsync("**/host/shows/*", new PageWaitForURLOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(page.TestId("console-title")).ToHaveTextAsync("Sunday teapot clinic");
        var lineup = page.TestId("console-lineup").Locator("tbody tr");
        await Assertions.Expect(lineup).ToHaveCountAsync(2);
        await Assertions.Expect(lineup.Nth(0)).ToContainTextAsync("Handmade Clay Teapot");
        await Assertions.Expect(lineup.Nth(1)).ToContainTextAsync("Alishan High-Mountain Oolong");

        // The commission and the co-host's share are on the show's sales page (opened once the console runs).
        await page.WaitForLiveConnectionAsync();
        await page.TestId("open-sales").ClickAsync();
        await page.WaitForURLAsync("**/sales", new PageWaitForURLOptions { Timeout = BrowserFixture.Patience });
        var earnings = page.TestId("earnings-card");
        await Assertions.Expect(earnings).ToContainTextAsync("15%", new LocatorAssertionsToContainTextOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(earnings).ToContainTextAsync(DemoSeeder.CoHostAccount.DisplayName);
        await Assertions.Expect(earnings).ToContainTextAsync("40%");
        browser.AssertNoBrowserErrors(context);
    }

    [Fact]
    public async Task Host_SubmitsWithoutProducts_ToldToAddOne()
    {
        await using var context = await browser.NewDesktopAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(DemoSeeder.HostAccount.Email, "/host/shows/new");
        await page.WaitForInteractiveAsync("create-show-submit");

        await page.Field("show-title-input").FillAsync("An empty show");
        await page.TestId("create-show-submit").ClickAsync();

        await Assertions.Expect(page.TestId("form-error")).ToContainTextAsync("Add at least one product to the lineup.");
        Assert.EndsWith("/host/shows/new", page.Url, StringComparison.Ordinal);
    }
}
