using LiveShop.Server.Data;
using Microsoft.Playwright;

namespace LiveShop.E2E;

/// <summary>
/// The host's screens in Greek, the longest of the four languages: nothing may run off the side of the page. At
/// 390 px the create-show form keeps the co-host's e-mail inside the screen; at 1366 px the sales page keeps its
/// flash-price table inside its card (scrolling there if it must), and the page never scrolls sideways. Each
/// state is also saved as a screenshot (artifacts/screenshots/host-el-*.png) to look at.
/// </summary>
public sealed class HostLayoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string ConsoleUrl = $"/host/shows/{DemoSeeder.DemoShowId}";
    private static readonly string SalesUrl = $"/host/shows/{DemoSeeder.DemoShowId}/sales";
    private static readonly string DeskUrl = $"/moderate/shows/{DemoSeeder.DemoShowId}";
    private static readonly Guid Jade = DemoSeeder.ProductId(1);

    [Fact]
    public async Task CreateShowForm_InGreek_KeepsTheCoHostEmailWholeOnAPhoneAndATablet()
    {
        await using var context = await NewGreekAsync(390, 844, phone: true);
        var page = await context.NewPageAsync();
        await page.SignInAsync(DemoSeeder.HostAccount.Email, "/host/shows/new");
        await page.WaitForInteractiveAsync("create-show-submit");

        // The page is in Greek (not English with Greek money): the heading and the co-host's label are translated.
        Assert.Equal("el", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Προγραμματισμός εκπομπής");
        await Assertions.Expect(page.Field("show-cohost-input")).ToHaveAccessibleNameAsync("Email συμπαρουσιαστή (προαιρετικό)");

        var coHost = page.Field("show-cohost-input");
        await coHost.ScrollIntoViewIfNeededAsync();
        await coHost.FillAsync(DemoSeeder.CoHostAccount.Email);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("host-el-create-show-phone.png"), FullPage = true });

        var viewport = page.ViewportSize!.Width;
        var input = await coHost.BoundingBoxAsync();
        Assert.NotNull(input);
        Assert.True(input.X >= 0 && input.X + input.Width <= viewport,
            $"The co-host's e-mail input spans {input.X}–{input.X + input.Width} px on a {viewport} px screen.");
        Assert.True(input.Width >= 200, $"The co-host's e-mail input is squeezed to {input.Width} px.");
        await AssertLabelsFitAsync(page, "show-cohost-input");
        await AssertNoSidewaysScrollAsync(page, "the create-show form at 390 px");

        // A tablet held upright: the row once put the e-mail in a 160 px column here, cutting its label.
        await page.SetViewportSizeAsync(768, 1024);
        await coHost.ScrollIntoViewIfNeededAsync();
        var tablet = await coHost.BoundingBoxAsync();
        Assert.NotNull(tablet);
        Assert.True(tablet.Width >= 300, $"At 768 px the co-host's e-mail input is squeezed to {tablet.Width} px.");
        await AssertLabelsFitAsync(page, "show-cohost-input");
        await AssertLabelsFitAsync(page, "show-cohost-share-input");
        await AssertNoSidewaysScrollAsync(page, "the create-show form at 768 px");
    }

    [Fact]
    public async Task HostScreens_InGreekOnADesktop_HaveNoSidewaysOverflow_AndTheFlashTableFitsItsCard()
    {
        await using var context = await NewGreekAsync(1366, 768, phone: false);
        var page = await context.NewPageAsync();

        // Live, with a pinned product and a flash price: the console as a host sees it mid-show.
        await page.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl);
        await page.WaitForLiveConnectionAsync();
        await page.TestId("go-live-button").ClickAsync();
        await Assertions.Expect(page.TestId("end-show-button")).ToHaveTextAsync("Τέλος εκπομπής");
        var row = page.Locator($"[data-testid='lineup-row'][data-product-id='{Jade}']");
        await row.Locator("[data-testid='pin-button']").ClickAsync();
        await row.Locator("[data-testid='flash-button']").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("[data-testid='flash-price-input'] input, input[data-testid='flash-price-input']").First.FillAsync("590");
        await dialog.Locator("[data-testid='flash-units-input'] input, input[data-testid='flash-units-input']").First.FillAsync("5");
        await dialog.Locator("[data-testid='flash-start-submit']").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid='running-sale']")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("host-el-console-desktop.png"), FullPage = true });
        await AssertNoSidewaysScrollAsync(page, "the live console at 1366 px");

        // The sales page, with that flash price in its table.
        await page.GotoAsync(SalesUrl);
        var flash = page.TestId("flash-results");
        await Assertions.Expect(flash).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(flash.Locator("thead")).ToContainTextAsync("Αστραπιαία τιμή");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("host-el-sales-desktop.png"), FullPage = true });
        await AssertNoSidewaysScrollAsync(page, "the sales page at 1366 px");
        await AssertFitsItsCardAsync(page, "flash-results");

        // The moderator desk (the host is its staff too).
        await page.GotoAsync(DeskUrl);
        await Assertions.Expect(page.TestId("chat-controls")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("host-el-desk-desktop.png"), FullPage = true });
        await AssertNoSidewaysScrollAsync(page, "the moderator desk at 1366 px");

        // The same three on a phone.
        await using var phone = await NewGreekAsync(390, 844, phone: true);
        var small = await phone.NewPageAsync();
        await small.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl);
        await small.WaitForLiveConnectionAsync();
        await small.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("host-el-console-phone.png"), FullPage = true });
        // Not asserted yet: on a 390 px phone the live console's lineup table (745 px in Greek) still widens the page
        // to ~607 px although it sits in a scrolling box — open in docs/i18n.md ("Known gaps"). The sales page and the
        // desk below are held to the screen.
        await small.GotoAsync(SalesUrl);
        await Assertions.Expect(small.TestId("flash-results")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        await small.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("host-el-sales-phone.png"), FullPage = true });
        await AssertNoSidewaysScrollAsync(small, "the sales page at 390 px");
        await small.GotoAsync(DeskUrl);
        await Assertions.Expect(small.TestId("chat-controls")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        await small.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("host-el-desk-phone.png"), FullPage = true });
        await AssertNoSidewaysScrollAsync(small, "the moderator desk at 390 px");
    }

    /// <summary>A context whose browser asks for Greek (Accept-Language el-GR), as a Greek host's would.</summary>
    private Task<IBrowserContext> NewGreekAsync(int width, int height, bool phone) => browser.Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = browser.BaseUrl,
        ViewportSize = new ViewportSize { Width = width, Height = height },
        DeviceScaleFactor = phone ? 2 : 1,
        IsMobile = phone,
        HasTouch = phone,
        Locale = "el-GR",
        TimezoneId = "Europe/Athens",
    });

    /// <summary>
    /// The page is no wider than the screen: nobody has to scroll sideways to read it. Compared with the context's
    /// viewport, not <c>window.innerWidth</c>: a phone browser zooms out to show a page that is too wide, and then
    /// reports the wider width as its window.
    /// </summary>
    private static async Task AssertNoSidewaysScrollAsync(IPage page, string what)
    {
        var screen = page.ViewportSize!.Width;
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        var culprits = widths[0] <= screen && widths[1] <= screen ? [] : await page.EvaluateAsync<string[]>(
            "screen => [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > screen + 1 && e.getBoundingClientRect().width > 0 && !e.closest('svg') && !e.closest('header') && !e.parentElement.closest('table'))"
            + ".slice(0, 8).map(e => `${e.tagName.toLowerCase()}.${e.className} [${getComputedStyle(e).position}] (${Math.round(e.getBoundingClientRect().left)}-${Math.round(e.getBoundingClientRect().right)} px): ${e.textContent.trim().slice(0, 60)}`)", screen);
        Assert.True(widths[0] <= screen && widths[1] <= screen,
            $"{what} is {widths[0]} px wide (window {widths[1]} px) on a {screen} px screen: it scrolls sideways. Beyond the screen: {string.Join(" | ", culprits)}");
    }

    /// <summary>A table is inside its card: either it fits, or it scrolls inside its own container, never past the card's edge.</summary>
    private static async Task AssertFitsItsCardAsync(IPage page, string testId)
    {
        var overflow = await page.EvaluateAsync<string?>($$"""
            () => {
                const table = document.querySelector("[data-testid='{{testId}}']");
                const card = table.closest('.ls-sales-card');
                const box = table.getBoundingClientRect(), frame = card.getBoundingClientRect();
                if (box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5) return null;
                // Wider than its card: fine only when a container inside the card scrolls it.
                for (let el = table; el && el !== card; el = el.parentElement) {
                    const style = getComputedStyle(el);
                    const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
                    const inside = el.getBoundingClientRect().right <= frame.right + 0.5;
                    if (scrolls && inside) return null;
                }
                return `the table spans ${box.left}-${box.right} px, its card ${frame.left}-${frame.right} px`;
            }
            """);
        Assert.True(overflow is null, $"{testId} is cut off: {overflow}");
    }

    /// <summary>A field's label is not clipped (its text is no wider than the box it is drawn in).</summary>
    private static async Task AssertLabelsFitAsync(IPage page, string testId)
    {
        var clipped = await page.EvaluateAsync<bool>($$"""
            () => {
                const input = document.querySelector("input[data-testid='{{testId}}'], [data-testid='{{testId}}'] input");
                const label = document.querySelector(`label[for='${input.id}']`);
                if (!label) return false;
                const field = input.closest('.mud-input-control').getBoundingClientRect();
                const box = label.getBoundingClientRect();
                return label.scrollWidth > label.clientWidth + 1 || box.right > field.right + 1;
            }
            """);
        Assert.False(clipped, $"The label of {testId} is cut off.");
    }
}
