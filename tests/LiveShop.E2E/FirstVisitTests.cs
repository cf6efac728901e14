using System.Text.RegularExpressions;
using LiveShop.Server.Data;
using Microsoft.Playwright;

namespace LiveShop.E2E;

/// <summary>
/// A phone's first visit loads only the ICU data of the page's language (issue 15): the WebAssembly runtime starts in
/// the language the server prerendered the page in (<c>&lt;html lang&gt;</c>), not the browser's, so someone who chose
/// Greek or Chinese on an English phone still reads numbers and dates their way once WebAssembly takes over.
/// </summary>
public sealed partial class FirstVisitTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string ShowUrl = $"/shows/{DemoSeeder.DemoShowId}";

    /// <summary>The clay teapot, NT$1,980: a price with a group separator.</summary>
    private static readonly Guid Teapot = DemoSeeder.ProductId(3);

    [Fact]
    public async Task EnglishPhone_LoadsOnlyTheEnglishIcuShard()
    {
        await using var context = await browser.NewPhoneAsync("en-US");
        var page = await context.NewPageAsync();
        var icu = WatchIcuRequests(page);

        await page.GotoAsync(ShowUrl);
        await page.WaitForAppReadyAsync();

        Assert.Equal(["icudt_EFIGS"], icu);
        await Assertions.Expect(TeapotPrice(page)).ToHaveTextAsync("NT$1,980");
        browser.AssertNoBrowserErrors(context);
    }

    [Fact]
    public async Task GreekChosenOnAnEnglishPhone_WebAssemblyWritesPricesTheGreekWay()
    {
        await using var context = await browser.NewPhoneAsync("en-US");
        var page = await context.NewPageAsync();
        await page.GotoAsync(ShowUrl);
        await page.WaitForAppReadyAsync();
        var icu = WatchIcuRequests(page);

        await page.TestId("language-select").SelectOptionAsync("el");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "el");
        await page.WaitForAppReadyAsync();

        // Rendered by WebAssembly in Greek: the group separator is a dot and the symbol follows (English ICU data would write 1,980).
        await Assertions.Expect(TeapotPrice(page)).ToHaveTextAsync("1.980\u00A0NT$");
        Assert.Equal(["icudt_no_CJK"], icu);
        browser.AssertNoBrowserErrors(context);
    }

    [Fact]
    public async Task ChineseChosenOnAnEnglishPhone_WebAssemblyWritesDatesInChinese()
    {
        await using var context = await browser.NewPhoneAsync("en-US");
        var page = await context.NewPageAsync();
        await page.GotoAsync(ShowUrl);
        await page.WaitForAppReadyAsync();
        var icu = WatchIcuRequests(page);

        await page.TestId("language-select").SelectOptionAsync("zh-TW");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-TW");
        await page.WaitForAppReadyAsync();

        // The scheduled show's start time names the weekday in Chinese (週六), which only the CJK ICU data knows.
        await Assertions.Expect(page.Locator("[data-testid='status-badge']").First).ToHaveTextAsync(ChineseWeekday());
        await Assertions.Expect(TeapotPrice(page)).ToHaveTextAsync("NT$1,980");
        Assert.Equal(["icudt_CJK"], icu);
        browser.AssertNoBrowserErrors(context);
    }

    [Fact]
    public async Task BuyTappedBeforeWebAssemblyRuns_OpensTheSheetOnceItDoes()
    {
        await using var context = await browser.NewPhoneAsync("en-US");
        var page = await context.NewPageAsync();
        // Hold the runtime's download, as a slow phone link would, until the viewer has tapped Buy on the prerendered page.
        var tapped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(RuntimeWasm(), async route =>
        {
            await tapped.Task;
            await route.ContinueAsync();
        });

        await page.GotoAsync(ShowUrl, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var buy = page.TestId($"lineup-buy-{Teapot}");
        await buy.ClickAsync();

        // The tap is taken: the button says it is working while WebAssembly is still on its way.
        await Assertions.Expect(buy).ToHaveAttributeAsync("aria-busy", "true");
        await Assertions.Expect(page.TestId("app-ready")).ToHaveAttributeAsync("data-ready", "false");
        await Assertions.Expect(page.TestId("cart-sheet")).Not.ToBeVisibleAsync();
        tapped.SetResult();

        // Once the app runs, the sheet opens for that tap: no second tap needed.
        await page.WaitForAppReadyAsync();
        await Assertions.Expect(page.TestId("cart-sheet")).ToBeVisibleAsync();
        await Assertions.Expect(page.TestId("cart-sign-in-prompt")).ToBeVisibleAsync();

        // The kept tap is spent: closed, the sheet stays closed (nothing replays it a second time).
        await page.TestId("sheet-close").ClickAsync();
        await page.WaitForTimeoutAsync(500);
        await Assertions.Expect(page.TestId("cart-sheet")).Not.ToBeVisibleAsync();
        browser.AssertNoBrowserErrors(context);
    }

    private static ILocator TeapotPrice(IPage page) =>
        page.Locator($"[data-testid='lineup-item']:has([data-testid='lineup-buy-{Teapot}']) [data-testid='lineup-price']");

    /// <summary>The ICU data files the page requests from now on, by name without fingerprint (e.g. <c>icudt_CJK</c>).</summary>
    private static List<string> WatchIcuRequests(IPage page)
    {
        var names = new List<string>();
        page.Request += (_, request) =>
        {
            var match = IcuFile().Match(new Uri(request.Url).AbsolutePath);
            if (match.Success)
            {
                lock (names)
                {
                    names.Add(match.Groups[1].Value);
                }
            }
        };
        return names;
    }

    [GeneratedRegex(@"/_framework/dotnet\.native(?:\.[a-z0-9]+)?\.wasm$")]
    private static partial Regex RuntimeWasm();

    [GeneratedRegex(@"/_framework/(icudt[A-Za-z_]*)(?:\.[a-z0-9]+)?\.dat$")]
    private static partial Regex IcuFile();

    [GeneratedRegex("週[一二三四五六日]")]
    private static partial Regex ChineseWeekday();
}
