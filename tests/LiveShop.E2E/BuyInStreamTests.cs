using System.Diagnostics;
using LiveShop.Server.Data;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveShop.E2E;

/// <summary>
/// Buying inside the stream: a viewer on a phone buys the pinned product during a flash sale without
/// the video ever leaving the screen; the host's sales dashboard, open in another browser, counts it
/// live; the order is in the viewer's order list.
/// </summary>
public sealed class BuyInStreamTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly string ShowUrl = $"/shows/{DemoSeeder.DemoShowId}";
    private static readonly string ConsoleUrl = $"/host/shows/{DemoSeeder.DemoShowId}";
    private static readonly string SalesUrl = $"/host/shows/{DemoSeeder.DemoShowId}/sales";
    private static readonly Guid Jade = DemoSeeder.ProductId(1);

    [Fact]
    public async Task ViewerBuysThePinnedFlashProduct_WithoutLeavingTheVideo_AndTheDashboardCountsItLive()
    {
        await using var consoleContext = await browser.NewDesktopAsync();
        await using var dashboardContext = await browser.NewDesktopAsync();
        await using var viewerContext = await browser.NewPhoneAsync();
        var console = await consoleContext.NewPageAsync();
        var dashboard = await dashboardContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();

        // The host goes live, pins the jade roller and drops a flash price on it.
        await console.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl);
        await console.WaitForLiveConnectionAsync();
        await console.TestId("go-live-button").ClickAsync();
        await Assertions.Expect(console.TestId("end-show-button")).ToBeVisibleAsync();
        var row = console.Locator($"[data-testid='lineup-row'][data-product-id='{Jade}']");
        await row.Locator("[data-testid='pin-button']").ClickAsync();
        await row.Locator("[data-testid='flash-button']").ClickAsync();
        var dialog = console.Locator(".mud-dialog");
        await dialog.Locator("[data-testid='flash-price-input'] input, input[data-testid='flash-price-input']").First.FillAsync("590");
        await dialog.Locator("[data-testid='flash-units-input'] input, input[data-testid='flash-units-input']").First.FillAsync("5");
        await dialog.Locator("[data-testid='flash-start-submit']").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid='running-sale']")).ToBeVisibleAsync();

        // The host's dashboard, in another browser, starts at zero.
        await dashboard.SignInAsync(DemoSeeder.HostAccount.Email, SalesUrl);
        await Assertions.Expect(dashboard.TestId("sales-dashboard")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        // The tiles come once WebAssembly runs (the prerendered page shows a skeleton): that can take a while on a busy machine.
        await Assertions.Expect(dashboard.TestId("tile-orders")).ToContainTextAsync("0", new LocatorAssertionsToContainTextOptions { Timeout = BrowserFixture.Patience });

        // The viewer, on a phone, sees the flash card and taps Buy.
        await viewer.SignInAsync(DemoSeeder.ViewerAccount.Email, ShowUrl);
        await viewer.WaitForLiveConnectionAsync();
        var navigations = 0;
        viewer.FrameNavigated += (_, frame) => navigations += frame == viewer.MainFrame ? 1 : 0;
        var card = viewer.Locator($"[data-testid='pinned-cards'] [data-testid='product-card'][data-product-id='{Jade}']");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-state", "flash", new LocatorAssertionsToHaveAttributeOptions { Timeout = 5_000 });
        var videoTime = await VideoTimeAsync(viewer);

        await viewer.TestId($"buy-{Jade}").ClickAsync();
        var sheet = viewer.TestId("cart-sheet");
        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "cart");
        var line = viewer.TestId($"cart-line-{Jade}");
        await Assertions.Expect(line.Locator("[data-testid='cart-unit-price']")).ToHaveTextAsync("NT$590");
        await Assertions.Expect(line.Locator("[data-testid='cart-list-price']")).ToHaveTextAsync("NT$690");
        Assert.True(await VideoUncoveredAboveTheSheetAsync(viewer), "The upper part of the video must stay uncovered above the sheet.");
        await viewer.TestId("checkout-next").ClickAsync();

        await viewer.FillAddressAsync();
        await viewer.TestId("checkout-next").ClickAsync();

        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "payment");
        await Assertions.Expect(viewer.TestId("test-mode-banner")).ToBeVisibleAsync();
        await viewer.TestId("pay-card-ok").CheckAsync();
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("viewer-phone-checkout.png") });
        var placed = Stopwatch.StartNew();
        await viewer.TestId("place-order").ClickAsync();

        var confirmation = viewer.TestId("order-placed");
        await Assertions.Expect(confirmation).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });
        output.WriteLine($"Order confirmed on the phone {placed.ElapsedMilliseconds} ms after the tap.");
        var number = System.Text.RegularExpressions.Regex.Match(await confirmation.InnerTextAsync(), "#([2-9A-Z]{8})").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(number), "The confirmation names the order number.");
        await Assertions.Expect(card.Locator("[data-testid='units-left']")).ToHaveTextAsync("4 left", new LocatorAssertionsToHaveTextOptions { Timeout = 5_000 });

        // The video kept playing the whole time, on the same page.
        Assert.Equal(0, navigations);
        Assert.True(await VideoTimeAsync(viewer) > videoTime, "The video kept playing through the checkout.");

        // The dashboard in the other browser counted it without a reload; so did the console's ticker.
        await Assertions.Expect(dashboard.TestId("tile-gmv")).ToContainTextAsync("NT$590", new LocatorAssertionsToContainTextOptions { Timeout = 10_000 });
        await Assertions.Expect(dashboard.TestId("tile-orders")).ToContainTextAsync("1");
        await Assertions.Expect(dashboard.TestId($"status-{number}")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });
        await Assertions.Expect(console.TestId("console-gmv")).ToContainTextAsync("NT$590", new LocatorAssertionsToContainTextOptions { Timeout = 10_000 });
        await dashboard.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("host-sales-dashboard.png"), FullPage = true });

        // The viewer finds it in My orders, paid; when the host ships it, the list follows without a reload.
        await viewer.GotoAsync("/orders");
        var status = viewer.TestId($"order-status-{number}");
        await Assertions.Expect(status).ToContainTextAsync("Paid", new LocatorAssertionsToContainTextOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(viewer.TestId($"order-{number}")).ToContainTextAsync("Jade Face Roller");
        await dashboard.TestId($"ship-{number}").ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync("Shipped", new LocatorAssertionsToContainTextOptions { Timeout = 10_000 });

        browser.AssertNoBrowserErrors(consoleContext, dashboardContext, viewerContext);
    }

    /// <summary>
    /// The video is on screen and the point a quarter down its visible part is not under the cart sheet
    /// (the sheet covers the lower part only).
    /// </summary>
    private static Task<bool> VideoUncoveredAboveTheSheetAsync(IPage page) => page.EvaluateAsync<bool>("""
        () => {
          const video = document.querySelector('video');
          const sheet = document.querySelector('[data-testid=cart-sheet]');
          if (!video || !sheet) return false;
          const r = video.getBoundingClientRect();
          const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, window.innerHeight);
          if (bottom - top < 150) return false;
          const hit = document.elementFromPoint(r.left + r.width / 2, top + (bottom - top) / 4);
          return hit !== null && !sheet.contains(hit);
        }
        """);

    private static Task<double> VideoTimeAsync(IPage page) => page.EvaluateAsync<double>("() => document.querySelector('video')?.currentTime ?? -1");
}
