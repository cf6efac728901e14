using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Shows;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveShop.E2E;

/// <summary>
/// Keyboard only: the host goes live, pins, starts a flash price and ends the show; a viewer picks a variant,
/// buys and pays — every step with Tab, Shift+Tab, Enter, Space, arrows and typing, no clicks. The cart sheet
/// keeps Tab inside itself and gives focus back to the Buy button when Escape closes it.
/// </summary>
public sealed class KeyboardTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly Guid Scarf = DemoSeeder.ProductId(5);

    [Fact]
    public async Task HostRunsTheShowAndViewerBuysAVariant_WithTheKeyboardOnly()
    {
        var show = await CreateShowAsync();
        await using var hostContext = await browser.NewDesktopAsync();
        await using var viewerContext = await browser.NewPhoneAsync();
        var host = await hostContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();

        // Signing in is not the subject here (the sign-in form is a plain form); from here on, keys only.
        await host.SignInAsync(DemoSeeder.HostAccount.Email, $"/host/shows/{show}");
        await host.WaitForLiveConnectionAsync();

        await TabToAsync(host, "[data-testid='go-live-button']");
        await host.Keyboard.PressAsync("Enter");
        await Assertions.Expect(host.TestId("end-show-button")).ToBeVisibleAsync();

        var row = $"[data-testid='lineup-row'][data-product-id='{Scarf}']";
        await TabToAsync(host, $"{row} [data-testid='pin-button']");
        await host.Keyboard.PressAsync("Enter");
        await Assertions.Expect(host.Locator($"{row} [data-testid='unpin-button']")).ToBeVisibleAsync();

        await TabToAsync(host, $"{row} [data-testid='flash-button']");
        await host.Keyboard.PressAsync("Enter");
        await Assertions.Expect(host.TestId("flash-dialog")).ToBeVisibleAsync();
        await TabToAsync(host, "[data-testid='flash-price-input'] input, input[data-testid='flash-price-input']");
        await TypeOverAsync(host, "990");
        await TabToAsync(host, "[data-testid='flash-units-input'] input, input[data-testid='flash-units-input']");
        await TypeOverAsync(host, "5");
        await TabToAsync(host, "[data-testid='flash-start-submit']");
        await host.Keyboard.PressAsync("Enter");
        await Assertions.Expect(host.Locator($"{row} [data-testid='running-sale']")).ToBeVisibleAsync();

        // The viewer, on a phone: a colour, Buy, the cart sheet, delivery, payment.
        await viewer.SignInAsync(DemoSeeder.ViewerAccount.Email, $"/shows/{show}");
        await viewer.WaitForLiveConnectionAsync();
        var card = $"[data-testid='pinned-cards'] [data-testid='product-card'][data-product-id='{Scarf}']";
        await Assertions.Expect(viewer.Locator(card)).ToHaveAttributeAsync("data-state", "flash", new LocatorAssertionsToHaveAttributeOptions { Timeout = 10_000 });
        var tea = $"{card} [data-testid='variant-chip'][data-value='Tea']";
        await TabToAsync(viewer, tea);
        await viewer.Keyboard.PressAsync("Space");
        await Assertions.Expect(viewer.Locator(tea)).ToHaveAttributeAsync("aria-pressed", "true");

        var buy = $"[data-testid='buy-{Scarf}']";
        await TabToAsync(viewer, buy);
        await viewer.Keyboard.PressAsync("Enter");
        var sheet = viewer.TestId("cart-sheet");
        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "cart");
        await Assertions.Expect(sheet.TestIdIn("cart-line-variant")).ToContainTextAsync("Tea");

        // The sheet holds the keyboard: Tab and Shift+Tab go round inside it, never to the page behind.
        Assert.True(await FocusInAsync(viewer, "[data-testid='cart-sheet']"), "Opening the sheet puts focus in it.");
        for (var i = 0; i < 14; i++)
        {
            await viewer.Keyboard.PressAsync(i < 10 ? "Tab" : "Shift+Tab");
            Assert.True(await FocusInAsync(viewer, "[data-testid='cart-sheet']"), $"Tab {i + 1} left the open sheet for: {await ActiveAsync(viewer)}");
        }

        await TabToAsync(viewer, "[data-testid='checkout-next']");
        await viewer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "delivery");
        (string Field, string Text)[] address =
        [
            ("address-name", "Xiao Wang"), ("address-line1", "No. 7, Lane 3, Yongkang St."), ("address-city", "Taipei"),
            ("address-postal-code", "106"), ("address-country", "Taiwan"), ("address-phone", "+886 912 345 678"),
        ];
        foreach (var (field, text) in address)
        {
            await TabToAsync(viewer, $"[data-testid='{field}'] input, input[data-testid='{field}']");
            await TypeOverAsync(viewer, text);
        }

        await TabToAsync(viewer, "[data-testid='checkout-next']");
        await viewer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "payment");
        await TabToAsync(viewer, "[data-testid='pay-card-ok'] input, input[data-testid='pay-card-ok']");
        await viewer.Keyboard.PressAsync("Space");
        await Assertions.Expect(viewer.Locator("[data-testid='pay-card-ok'] input, input[data-testid='pay-card-ok']").First).ToBeCheckedAsync();
        await TabToAsync(viewer, "[data-testid='place-order']");
        await viewer.Keyboard.PressAsync("Enter");
        await Assertions.Expect(viewer.TestId("order-placed")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });

        // Escape closes the sheet and focus is back on the Buy button that opened it.
        await viewer.Keyboard.PressAsync("Escape");
        await Assertions.Expect(sheet).ToBeHiddenAsync();
        await viewer.WaitForFunctionAsync($"() => document.activeElement?.matches(\"{buy}\")", null, new PageWaitForFunctionOptions { Timeout = 5_000 });

        // The host ends the show: the button, then the confirmation's own button, by keys.
        await TabToAsync(host, "[data-testid='end-show-button']");
        await host.Keyboard.PressAsync("Enter");
        var confirm = host.Locator(".mud-dialog button", new PageLocatorOptions { HasTextString = "End show" });
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await TabToAsync(host, ".mud-dialog button.mud-button-root:not([data-testid])", text: "End show");
        await host.Keyboard.PressAsync("Enter");
        await Assertions.Expect(host.TestId("show-ended-note")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });

        browser.AssertNoBrowserErrors(hostContext, viewerContext);
    }

    /// <summary>A scheduled show of the demo host's own with the jade roller and the scarf (three colours).</summary>
    private async Task<Guid> CreateShowAsync()
    {
        var host = await browser.App.SignInAsync(DemoSeeder.HostAccount.Email);
        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Keyboard show", DemoSeeder.ProductId(1), Scarf));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ShowDetailDto>())!.Id;
    }

    /// <summary>Presses Tab until the focused element matches <paramref name="selector"/> (and holds <paramref name="text"/>); fails after 80 presses.</summary>
    private async Task TabToAsync(IPage page, string selector, string? text = null)
    {
        for (var presses = 0; presses <= 80; presses++)
        {
            if (await page.EvaluateAsync<bool>(
                    "([s, t]) => { const a = document.activeElement; return !!a && a.matches(s) && (!t || a.textContent.includes(t)); }",
                    new object?[] { selector, text }))
            {
                output.WriteLine($"{selector}: {presses} × Tab");
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"80 presses of Tab never reached {selector}; focus is on {await ActiveAsync(page)}");
    }

    /// <summary>Selects what the field holds and types over it, as a person correcting a value does.</summary>
    private static async Task TypeOverAsync(IPage page, string text)
    {
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
    }

    private static Task<bool> FocusInAsync(IPage page, string container) =>
        page.EvaluateAsync<bool>("c => !!document.activeElement?.closest(c)", container);

    private static Task<string> ActiveAsync(IPage page) =>
        page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : 'nothing'");
}
