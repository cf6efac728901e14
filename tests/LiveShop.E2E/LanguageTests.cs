using System.Text.Json;
using System.Text.RegularExpressions;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveShop.E2E;

/// <summary>
/// The languages in a real browser: the app-bar picker switches the whole app (prerendered page and WebAssembly alike);
/// in the pseudo-language every word on the main pages comes from a resource; in Greek, the longest language, nothing
/// runs off a phone's screen.
/// </summary>
public sealed partial class LanguageTests(PseudoLanguageBrowserFixture browser, ITestOutputHelper output) : IClassFixture<PseudoLanguageBrowserFixture>
{
    private static readonly string ShowUrl = $"/shows/{DemoSeeder.DemoShowId}";
    private static readonly string ConsoleUrl = $"/host/shows/{DemoSeeder.DemoShowId}";

    [Fact]
    public async Task Picker_SwitchesTheAppToGreek_AndWebAssemblyKeepsIt()
    {
        await using var context = await browser.NewPhoneAsync("zh-TW");
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.WaitForAppReadyAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-TW");
        await Assertions.Expect(page.TestId("nav-sign-in")).ToHaveTextAsync("登入");

        await page.TestId("language-select").SelectOptionAsync("el");

        // The page reloads in Greek: prerendered in it, and still Greek once WebAssembly runs (its resources loaded).
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "el");
        await page.WaitForAppReadyAsync();
        await Assertions.Expect(page.TestId("nav-sign-in")).ToHaveTextAsync("Σύνδεση");
        await Assertions.Expect(page.TestId("language-select")).ToHaveValueAsync("el");
        await Assertions.Expect(page.TestId("language-select").Locator("option:checked")).ToHaveTextAsync("Ελληνικά");

        // Kept: a new page in the same browser opens in Greek although the browser asks for Chinese.
        var again = await context.NewPageAsync();
        await again.GotoAsync(ShowUrl);
        await Assertions.Expect(again.Locator("html")).ToHaveAttributeAsync("lang", "el");
        browser.AssertNoBrowserErrors(context);
    }

    [Fact]
    public async Task PseudoLanguage_EveryVisibleWordOnTheMainPages_ComesFromAResource()
    {
        await using var hostContext = await browser.NewDesktopAsync(Shared.Localization.Languages.Pseudo);
        await using var viewerContext = await browser.NewPhoneAsync(Shared.Localization.Languages.Pseudo);
        var host = await hostContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();
        var findings = new List<string>();
        await host.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl);
        var data = await DataTextsAsync(host);

        // The viewer's front page and the show before it starts.
        await viewer.GotoAsync("/");
        await viewer.WaitForAppReadyAsync();
        findings.AddRange(await UnresourcedTextAsync(viewer, "home", data));
        await viewer.GotoAsync(ShowUrl);
        await viewer.WaitForLiveConnectionAsync();
        findings.AddRange(await UnresourcedTextAsync(viewer, "show, scheduled", data));

        // The host's console, live with a pinned product.
        await host.WaitForLiveConnectionAsync();
        await host.TestId("go-live-button").ClickAsync();
        await Assertions.Expect(host.TestId("end-show-button")).ToBeVisibleAsync();
        await host.Locator("[data-testid='lineup-row'] [data-testid='pin-button']").First.ClickAsync();
        findings.AddRange(await UnresourcedTextAsync(host, "host console, live", data));

        // The viewer's live room with the pinned card, then the cart.
        await Assertions.Expect(viewer.TestId("pinned-cards")).ToBeVisibleAsync(new() { Timeout = BrowserFixture.Patience });
        findings.AddRange(await UnresourcedTextAsync(viewer, "show, live and pinned", data));

        // The back office and the sign-in page.
        await host.GotoAsync($"/shops/{DemoSeeder.DemoShopId}/products");
        await host.WaitForAppReadyAsync();
        findings.AddRange(await UnresourcedTextAsync(host, "back office products", data));
        await host.GotoAsync($"/shops/{DemoSeeder.DemoShopId}/orders");
        await host.WaitForAppReadyAsync();
        findings.AddRange(await UnresourcedTextAsync(host, "back office orders", data));
        await viewer.GotoAsync("/account/sign-in");
        await viewer.WaitForInteractiveAsync("sign-in-submit");
        findings.AddRange(await UnresourcedTextAsync(viewer, "sign-in", data));

        await viewer.ScreenshotAsync(new() { Path = Pages.ScreenshotPath("pseudo-sign-in.png") });
        foreach (var finding in findings)
        {
            output.WriteLine(finding);
        }

        Assert.True(findings.Count == 0, $"{findings.Count} visible texts did not come from a resource:\n" + string.Join("\n", findings.Take(60)));
    }

    [Fact]
    public async Task Greek_OnAPhone_NothingRunsOffTheScreenOrIsCutOff()
    {
        await using var context = await browser.NewPhoneAsync("el-GR");
        var page = await context.NewPageAsync();
        var findings = new List<string>();

        foreach (var (name, url) in new[] { ("home", "/"), ("show", ShowUrl), ("sign-in", "/account/sign-in"), ("register", "/account/register") })
        {
            await page.GotoAsync(url);
            await page.WaitForAppReadyAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "el");
            await page.ScreenshotAsync(new() { Path = Pages.ScreenshotPath($"el-phone-{name}.png"), FullPage = true });
            findings.AddRange((await page.EvaluateAsync<string[]>(OverflowScript)).Select(f => $"{name}: {f}"));
        }

        Assert.True(findings.Count == 0, "At 390 px in Greek:\n" + string.Join("\n", findings));
    }

    /// <summary>
    /// What runs off or is cut off: the page wider than the screen, and any element that clips its own text
    /// (overflow hidden/clip, or an ellipsis) because the text is wider than the element.
    /// </summary>
    private const string OverflowScript = """
        () => {
          const found = [];
          const width = window.innerWidth;
          if (document.scrollingElement.scrollWidth > width + 1) {
            found.push(`the page is ${document.scrollingElement.scrollWidth} px wide on a ${width} px screen`);
          }
          for (const el of document.body.querySelectorAll('*')) {
            const style = getComputedStyle(el);
            if (style.display === 'none' || style.visibility === 'hidden' || !el.getClientRects().length) continue;
            const ownText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim().length > 0);
            if (!ownText) continue;
            const rect = el.getBoundingClientRect();
            if (rect.right > width + 1 && style.position !== 'fixed' && !el.closest('.ls-visually-hidden')) {
              found.push(`"${el.textContent.trim().slice(0, 40)}" ends at ${Math.round(rect.right)} px`);
            }
            // Text hidden for sight on purpose (a screen reader's 1 px label) is not cut off.
            if (el.closest('.ls-visually-hidden') || el.clientWidth <= 1) continue;
            const clips = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
            if (clips && el.scrollWidth > el.clientWidth + 1) {
              found.push(`"${el.textContent.trim().slice(0, 40)}" is cut off (${el.scrollWidth} px of text in ${el.clientWidth} px)`);
            }
          }
          return found;
        }
        """;

    /// <summary>Visible text nodes and the names people hear or read (aria-label, placeholder, title), with where they are.</summary>
    private const string VisibleTextScript = """
        () => {
          const texts = [];
          const visible = el => {
            if (!el || el.closest('[hidden], script, style, noscript, template, #blazor-error-ui')) return false;
            const style = getComputedStyle(el);
            return style.display !== 'none' && style.visibility !== 'hidden' && el.getClientRects().length > 0;
          };
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const text = node.textContent.trim();
            if (text && visible(node.parentElement)) texts.push(text);
          }
          for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title]')) {
            if (!visible(el)) continue;
            for (const name of ['aria-label', 'placeholder', 'title']) {
              const value = el.getAttribute(name);
              if (value && value.trim()) texts.push(value.trim());
            }
          }
          return texts;
        }
        """;

    private async Task<IEnumerable<string>> UnresourcedTextAsync(IPage page, string where, IReadOnlyList<string> data)
    {
        var texts = await page.EvaluateAsync<string[]>(VisibleTextScript);
        var findings = new List<string>();
        foreach (var text in texts.Distinct())
        {
            var rest = Marked().Replace(text, " ");
            foreach (var value in data)
            {
                rest = rest.Replace(value, " ", StringComparison.Ordinal);
            }

            if (Letters().IsMatch(rest))
            {
                findings.Add($"{where}: \"{text}\"");
            }
        }

        return findings;
    }

    /// <summary>What the shop and its people wrote (product names, the show's title, names): data, not interface.</summary>
    private async Task<IReadOnlyList<string>> DataTextsAsync(IPage page)
    {
        var texts = new HashSet<string>(StringComparer.Ordinal) { "LiveShop", "NT$", "HK$", "US$" };
        foreach (var account in DemoSeeder.Accounts)
        {
            texts.Add(account.DisplayName);
            texts.Add(account.Email);
        }

        // As the signed-in host: the shop's own products (SKUs, variants) and orders (numbers, buyers) too.
        foreach (var url in new[] { ApiRoutes.Show(DemoSeeder.DemoShowId), ApiRoutes.Shows, ApiRoutes.Products, ApiRoutes.ShopProducts(DemoSeeder.DemoShopId), ApiRoutes.ShopOrders(DemoSeeder.DemoShopId), ApiRoutes.Shops, ApiRoutes.Shop(DemoSeeder.DemoShopId) })
        {
            var response = await page.APIRequest.GetAsync(url);
            if (response.Ok)
            {
                Collect(JsonDocument.Parse(await response.TextAsync()).RootElement, texts);
            }
        }

        return [.. texts.Where(t => t.Length >= 2).OrderByDescending(t => t.Length)];
    }

    private static void Collect(JsonElement element, HashSet<string> texts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                texts.Add(element.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, texts);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, texts);
                }

                break;
        }
    }

    [GeneratedRegex("⟦[^⟧]*⟧")]
    private static partial Regex Marked();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Letters();
}

/// <summary>The app with the pseudo-language on (<c>Localization:Pseudo</c>), as in Development.</summary>
public sealed class PseudoLanguageBrowserFixture() : BrowserFixture(new PseudoLanguageFactory());

public sealed class PseudoLanguageFactory : LiveShopFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Localization:Pseudo", "true");
    }
}
