using LiveShop.Server.Data;
using Microsoft.Playwright;

namespace LiveShop.E2E;

/// <summary>What a person does on the pages, by their stable data-testid hooks.</summary>
public static class Pages
{
    public static ILocator TestId(this IPage page, string id) => page.Locator($"[data-testid='{id}']");

    /// <summary>The element with that test id inside <paramref name="scope"/> (e.g. one row's price).</summary>
    public static ILocator TestIdIn(this ILocator scope, string id) => scope.Locator($"[data-testid='{id}']");

    /// <summary>The input of a MudBlazor field (the test id sits on the input or on its wrapper).</summary>
    public static ILocator Field(this IPage page, string id) => page.Locator($"input[data-testid='{id}'], textarea[data-testid='{id}'], [data-testid='{id}'] input").First;

    /// <summary>An input inside <paramref name="scope"/> (a table row), by its test id, wherever MudBlazor put the attribute.</summary>
    public static ILocator FieldIn(this ILocator scope, string id) => scope.Locator($"input[data-testid='{id}'], [data-testid='{id}'] input").First;

    /// <summary>Waits until WebAssembly runs and the page follows the room live.</summary>
    public static Task WaitForLiveConnectionAsync(this IPage page) =>
        page.Locator("[data-testid='live-connection'][data-state='connected']").First
            .WaitForAsync(new LocatorWaitForOptions { Timeout = BrowserFixture.Patience });

    /// <summary>Waits until WebAssembly runs the page (the layout's ready marker).</summary>
    public static Task WaitForAppReadyAsync(this IPage page) =>
        page.Locator("[data-testid='app-ready'][data-ready='true']")
            .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = BrowserFixture.Patience });

    /// <summary>Waits until a form's submit button is enabled, i.e. the page is interactive.</summary>
    public static Task WaitForInteractiveAsync(this IPage page, string submitTestId) =>
        page.Locator($"[data-testid='{submitTestId}']:not([disabled])")
            .WaitForAsync(new LocatorWaitForOptions { Timeout = BrowserFixture.Patience });

    /// <summary>Fills the checkout's delivery step with a Taipei address (the sheet must be on that step).</summary>
    public static async Task FillAddressAsync(this IPage page)
    {
        await Assertions.Expect(page.TestId("cart-sheet")).ToHaveAttributeAsync("data-step", "delivery");
        await page.Field("address-name").FillAsync("Xiao Wang");
        await page.Field("address-line1").FillAsync("No. 7, Lane 3, Yongkang St.");
        await page.Field("address-city").FillAsync("Taipei");
        await page.Field("address-postal-code").FillAsync("106");
        await page.Field("address-country").FillAsync("Taiwan");
        await page.Field("address-phone").FillAsync("+886 912 345 678");
    }

    /// <summary>Picks an option of a MudSelect (its popover can swallow a click made while it opens: tried again then).</summary>
    public static async Task ChooseAsync(this IPage page, string testId, string option)
    {
        var select = page.TestId(testId);
        for (var attempt = 1; ; attempt++)
        {
            await select.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = option }).ClickAsync();
            try
            {
                await Assertions.Expect(select).ToHaveTextAsync(option, new LocatorAssertionsToHaveTextOptions { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Signs in through the sign-in page and lands on <paramref name="returnUrl"/>.</summary>
    public static async Task SignInAsync(this IPage page, string email, string returnUrl, string password = DemoSeeder.DemoPassword)
    {
        await page.GotoAsync($"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.WaitForInteractiveAsync("sign-in-submit");
        await page.Field("email").FillAsync(email);
        await page.Field("password").FillAsync(password);
        await page.TestId("sign-in-submit").ClickAsync();
        await page.WaitForURLAsync($"**{returnUrl}", new PageWaitForURLOptions { Timeout = BrowserFixture.Patience });
    }

    /// <summary>
    /// Where a test run saves its screenshots: <c>artifacts/screenshots/</c> (untracked), so running the tests never
    /// rewrites tracked files. <c>tests/LiveShop.E2E/update-screenshots.sh</c> copies them into <c>docs/screenshots/</c>
    /// on purpose, when the README's pictures should change.
    /// </summary>
    public static string ScreenshotPath(string name)
    {
        var target = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(target);
        return Path.Combine(target, name);
    }

    /// <summary>The folder that holds <c>LiveShop.slnx</c>, above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LiveShop.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("LiveShop.slnx not found above " + AppContext.BaseDirectory);
    }
}
