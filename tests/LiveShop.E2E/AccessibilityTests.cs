using System.Net.Http.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Shows;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveShop.E2E;

/// <summary>
/// axe-core in the real browser over every state a person meets — the show page scheduled, live with a pinned
/// flash card, the cart sheet, the Q&amp;A sheet, the host console live, the moderator desk and the back office's
/// product list — in light and dark, in English and Traditional Chinese, on a phone and on a desktop. One long
/// journey per viewport (a browser context costs 5–7 s to boot); every serious or critical finding is collected
/// and the test fails listing them all, so one run shows everything to fix.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly Guid Jade = DemoSeeder.ProductId(1);
    private static readonly string ProductsUrl = $"/shops/{DemoSeeder.DemoShopId}/products";
    private static readonly string[] Languages = ["en", "zh-TW"];
    private static readonly LocatorAssertionsToBeVisibleOptions Booted = new() { Timeout = BrowserFixture.Patience };

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task EveryStateAPersonMeets_HasNoSeriousOrCriticalFinding_InBothThemesAndLanguages(string viewport)
    {
        var phone = viewport == "phone";
        var scheduled = await CreateShowAsync($"Tea tasting ({viewport}, scheduled)");
        var live = await CreateShowAsync($"Jade morning ({viewport}, live)");
        await using var hostContext = phone ? await browser.NewPhoneAsync() : await browser.NewDesktopAsync();
        await using var ownerContext = phone ? await browser.NewPhoneAsync() : await browser.NewDesktopAsync();
        var host = await hostContext.NewPageAsync();
        var owner = await ownerContext.NewPageAsync();
        await GoLiveWithAPinnedFlashPriceAsync(live);
        await host.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl(live));
        await owner.SignInAsync(DemoSeeder.OwnerAccount.Email, ProductsUrl);

        var findings = new List<string>();
        foreach (var language in Languages)
        {
            await UseLanguageAsync(hostContext, language);
            await UseLanguageAsync(ownerContext, language);
            var at = $"{viewport}, {language}";

            await OpenAsync(host, ShowUrl(scheduled), language);
            await Assertions.Expect(host.TestId("show-page")).ToBeVisibleAsync();
            await CheckAsync(host, $"{at}: show page, scheduled", findings);

            await OpenAsync(host, ShowUrl(live), language);
            var card = host.Locator($"[data-testid='pinned-cards'] [data-testid='product-card'][data-product-id='{Jade}']");
            await Assertions.Expect(card).ToHaveAttributeAsync("data-state", "flash", new LocatorAssertionsToHaveAttributeOptions { Timeout = 10_000 });
            await CheckAsync(host, $"{at}: show page, live with a pinned flash card", findings);

            await host.TestId($"buy-{Jade}").ClickAsync();
            await Assertions.Expect(host.TestId("cart-sheet")).ToBeVisibleAsync();
            await CheckAsync(host, $"{at}: cart sheet open", findings);
            await host.TestId("cart-sheet").TestIdIn("sheet-close").ClickAsync();
            await Assertions.Expect(host.TestId("cart-sheet")).ToBeHiddenAsync();

            if (phone)
            {
                await host.TestId("qa-open").ClickAsync();
                await Assertions.Expect(host.TestId("qa-sheet")).ToBeVisibleAsync();
                await CheckAsync(host, $"{at}: Q&A sheet open", findings);
                await host.TestId("qa-sheet").TestIdIn("sheet-close").ClickAsync();
            }
            else
            {
                await host.TestId("tab-qa").ClickAsync();
                await Assertions.Expect(host.Locator("#panel-qa")).ToBeVisibleAsync();
                await CheckAsync(host, $"{at}: Q&A tab open", findings);
            }

            await OpenAsync(host, ConsoleUrl(live), language);
            await Assertions.Expect(host.TestId("end-show-button")).ToBeVisibleAsync();
            await CheckAsync(host, $"{at}: host console, live", findings);

            await OpenAsync(host, $"/moderate/shows/{live}", language);
            await Assertions.Expect(host.TestId("moderator-desk")).ToBeVisibleAsync(Booted);
            await CheckAsync(host, $"{at}: moderator desk", findings);

            await owner.GotoAsync(ProductsUrl);
            await owner.WaitForAppReadyAsync();
            await Assertions.Expect(owner.Locator("html")).ToHaveAttributeAsync("lang", language);
            await Assertions.Expect(owner.TestId("product-grid").Locator("tbody tr").First).ToBeVisibleAsync(Booted);
            await CheckAsync(owner, $"{at}: back office, products", findings);
        }

        output.WriteLine(findings.Count == 0 ? "No serious or critical findings." : string.Join("\n", findings));
        Assert.True(findings.Count == 0, $"{findings.Count} serious or critical axe findings:\n" + string.Join("\n", findings));
    }

    /// <summary>
    /// The host, on a laptop (the console is desktop-first), goes live, pins the jade roller and drops a 30-minute
    /// flash price on it (long enough for the journey).
    /// </summary>
    private async Task GoLiveWithAPinnedFlashPriceAsync(Guid live)
    {
        await using var setupContext = await browser.NewDesktopAsync();
        var host = await setupContext.NewPageAsync();
        await host.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl(live));
        await host.WaitForLiveConnectionAsync();
        await host.TestId("go-live-button").ClickAsync();
        await Assertions.Expect(host.TestId("end-show-button")).ToBeVisibleAsync();
        var row = host.Locator($"[data-testid='lineup-row'][data-product-id='{Jade}']");
        await row.Locator("[data-testid='pin-button']").ClickAsync();
        await row.Locator("[data-testid='flash-button']").ClickAsync();
        var dialog = host.Locator(".mud-dialog");
        await dialog.Locator("[data-testid='flash-price-input'] input, input[data-testid='flash-price-input']").First.FillAsync("590");
        await dialog.Locator("[data-testid='flash-units-input'] input, input[data-testid='flash-units-input']").First.FillAsync("20");
        await dialog.Locator("[data-testid='flash-duration-input']").ClickAsync();
        await host.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasTextString = "30 minutes" }).ClickAsync();
        await dialog.Locator("[data-testid='flash-start-submit']").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid='running-sale']")).ToBeVisibleAsync();
    }

    /// <summary>A show of the demo host's own, scheduled, with the jade roller, the oolong and the scarf (variants).</summary>
    private async Task<Guid> CreateShowAsync(string title)
    {
        var host = await browser.App.SignInAsync(DemoSeeder.HostAccount.Email);
        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request(title, Jade, DemoSeeder.ProductId(2), DemoSeeder.ProductId(5)));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ShowDetailDto>())!.Id;
    }

    private static string ShowUrl(Guid show) => $"/shows/{show}";

    private static string ConsoleUrl(Guid show) => $"/host/shows/{show}";

    /// <summary>What the language picker leaves behind: the culture cookie (the next page is prerendered in it).</summary>
    private Task UseLanguageAsync(IBrowserContext context, string language) => context.AddCookiesAsync(
    [
        new Cookie { Name = ".LiveShop.Language", Value = $"c={language}|uic={language}", Url = browser.BaseUrl },
    ]);

    private static async Task OpenAsync(IPage page, string url, string language)
    {
        await page.GotoAsync(url);
        await page.WaitForLiveConnectionAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
    }

    /// <summary>Runs axe in the current theme, switches theme with the app bar's toggle, and runs it again.</summary>
    private async Task CheckAsync(IPage page, string state, List<string> findings)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            var theme = await page.EvaluateAsync<string?>("() => localStorage.getItem('liveshop.theme')") ?? "system";
            await AxeAsync(page, $"{state}, {theme}", findings);
            if (pass == 0)
            {
                var next = theme == "dark" ? "light" : "dark";
                // By keyboard: at 390 px a host's app bar overflows and "My shows" lies over the toggle (reported).
                await page.TestId("theme-toggle").FocusAsync();
                await page.Keyboard.PressAsync("Enter");
                await page.WaitForFunctionAsync($"() => localStorage.getItem('liveshop.theme') === '{next}'");
            }
        }
    }

    private async Task AxeAsync(IPage page, string state, List<string> findings)
    {
        // Let transitions (theme colours, sheets sliding up) settle: axe measures what is on the screen.
        await page.WaitForTimeoutAsync(400);
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        output.WriteLine($"{state}: {serious.Count} serious/critical, {result.Violations.Length} in all");
        foreach (var violation in serious)
        {
            foreach (var node in violation.Nodes)
            {
                output.WriteLine("  " + Describe(state, violation, node));
                findings.Add(Describe(state, violation, node));
            }
        }
    }

    private static string Describe(string state, AxeResultItem violation, AxeResultNode node) =>
        $"[{state}] {violation.Id} ({violation.Impact}): {violation.Help} — {node.Target} {Shorten(node.Html)} {Shorten(Why(node))}";

    /// <summary>What axe measured (e.g. "insufficient color contrast of 4.04 (foreground #ffffff, background #e4405f)").</summary>
    private static string Why(AxeResultNode node) =>
        string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).Where(m => !string.IsNullOrEmpty(m)));

    private static string Shorten(string? text) => text is null ? "" : text.Length > 220 ? text[..220] + "…" : text.ReplaceLineEndings(" ");
}
