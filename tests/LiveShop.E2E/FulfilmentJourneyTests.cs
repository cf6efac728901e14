using LiveShop.Server.Data;
using Microsoft.Playwright;

namespace LiveShop.E2E;

/// <summary>
/// After the sale: a phone viewer buys through the development gateway and keeps the order's page open; the host,
/// on a laptop, opens the shop's Orders page, packs the order with a bulk action, reads the pick list and the
/// packing slip, and ships it with carrier and tracking number. The buyer's page shows each step as it happens,
/// without a reload. Screenshots of every page on a phone and on a desktop go to artifacts/screenshots/.
/// </summary>
public sealed class FulfilmentJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string ShowUrl = $"/shows/{DemoSeeder.DemoShowId}";
    private static readonly string ConsoleUrl = $"/host/shows/{DemoSeeder.DemoShowId}";
    private static readonly string OrdersUrl = $"/shops/{DemoSeeder.DemoShopId}/orders";
    private static readonly Guid Jade = DemoSeeder.ProductId(1);

    [Fact]
    public async Task ViewerBuys_HostPacksAndShipsInBulk_TheBuyersTimelineFollowsLive()
    {
        await using var hostContext = await browser.NewDesktopAsync();
        await using var viewerContext = await browser.NewPhoneAsync();
        await using var hostPhoneContext = await browser.NewPhoneAsync();
        var host = await hostContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();
        await host.SetViewportSizeAsync(1366, 768);

        // The host goes live and pins the jade roller.
        await host.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl);
        await host.WaitForLiveConnectionAsync();
        await host.TestId("go-live-button").ClickAsync();
        await Assertions.Expect(host.TestId("end-show-button")).ToBeVisibleAsync();
        await host.Locator($"[data-testid='lineup-row'][data-product-id='{Jade}'] [data-testid='pin-button']").ClickAsync();

        // The viewer buys it on a phone with the test card.
        await viewer.SignInAsync(DemoSeeder.ViewerAccount.Email, ShowUrl);
        await viewer.WaitForLiveConnectionAsync();
        await viewer.TestId($"buy-{Jade}").ClickAsync(new LocatorClickOptions { Timeout = BrowserFixture.Patience });
        var sheet = viewer.TestId("cart-sheet");
        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "cart");
        await viewer.TestId("checkout-next").ClickAsync();
        await viewer.FillAddressAsync();
        await viewer.TestId("checkout-next").ClickAsync();
        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "payment");
        await viewer.TestId("pay-card-ok").CheckAsync();
        await viewer.TestId("place-order").ClickAsync();
        var confirmation = viewer.TestId("order-placed");
        await Assertions.Expect(confirmation).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });
        var number = System.Text.RegularExpressions.Regex.Match(await confirmation.InnerTextAsync(), "#([2-9A-Z]{8})").Groups[1].Value;

        // The buyer opens the order from My orders and keeps it open.
        await viewer.GotoAsync("/orders");
        await viewer.TestId($"order-link-{number}").ClickAsync(new LocatorClickOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(viewer.TestId("order-status")).ToHaveTextAsync("Paid", new LocatorAssertionsToHaveTextOptions { Timeout = BrowserFixture.Patience });
        var navigations = 0;
        viewer.FrameNavigated += (_, frame) => navigations += frame == viewer.MainFrame ? 1 : 0;
        var steps = viewer.TestId("timeline-step");

        // The host opens the shop's Orders page from the back office and packs it with the bulk action.
        await host.GotoAsync($"/shops/{DemoSeeder.DemoShopId}/team");
        await host.TestId("bo-nav-orders").ClickAsync(new LocatorClickOptions { Timeout = BrowserFixture.Patience });
        var row = host.Locator($"[data-testid='shop-order-row'][data-number='{number}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        Assert.EndsWith(OrdersUrl, new Uri(host.Url).AbsolutePath, StringComparison.Ordinal);
        await row.Locator("[data-testid='select-order']").CheckAsync();
        await Assertions.Expect(host.TestId("selected-count")).ToHaveTextAsync("1 selected");
        await host.TestId("bulk-pack").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid='shop-order-status']")).ToHaveTextAsync("Packed", new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        await Assertions.Expect(viewer.TestId("order-status")).ToHaveTextAsync("Packed", new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        await Assertions.Expect(steps.Last).ToHaveAttributeAsync("data-status", "Packed");
        await host.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("fulfil-orders-desktop.png") });

        // The pick list counts the packed unit (packed orders still wait for the carrier), with its SKU.
        await host.TestId("open-pick-list").ClickAsync();
        var pick = host.Locator("[data-testid='pick-line'][data-sku='TW-JADE-ROLLER']");
        await Assertions.Expect(pick.Locator("[data-testid='pick-units']")).ToHaveTextAsync("1", new LocatorAssertionsToHaveTextOptions { Timeout = BrowserFixture.Patience });
        await host.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("fulfil-pick-list-desktop.png") });
        await host.GotoAsync($"{OrdersUrl}/packing-slips");
        var slip = host.Locator($"[data-testid='packing-slip'][data-number='{number}']");
        await Assertions.Expect(slip).ToContainTextAsync("Xiao Wang", new LocatorAssertionsToContainTextOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(slip).ToContainTextAsync("Jade Face Roller");
        await host.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("fulfil-packing-slip-desktop.png") });
        await host.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(host.TestId("backoffice-nav")).ToBeHiddenAsync();
        await host.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("fulfil-packing-slip-print.png") });
        await host.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // Back on Orders: ship it, with carrier and tracking number.
        await host.GotoAsync(OrdersUrl);
        await Assertions.Expect(row).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        await row.Locator("[data-testid='select-order']").CheckAsync();
        await host.TestId("bulk-ship").ClickAsync();
        await Assertions.Expect(host.TestId("ship-confirm")).ToBeVisibleAsync();
        await host.Field("ship-carrier").FillAsync("Chunghwa Post");
        await host.Field("ship-tracking").FillAsync("RR123456789TW");
        await host.Field("ship-link").FillAsync("https://postserv.post.gov.tw/pstmail/main_mail.html?RR123456789TW");
        await host.TestId("ship-confirm").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid='shop-order-status']")).ToHaveTextAsync("Shipped", new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });

        // The buyer's page followed every step without a reload.
        await Assertions.Expect(viewer.TestId("order-status")).ToHaveTextAsync("Shipped", new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        await Assertions.Expect(steps.Last).ToHaveAttributeAsync("data-status", "Shipped");
        await Assertions.Expect(viewer.TestId("timeline-shipment")).ToContainTextAsync("RR123456789TW");
        await Assertions.Expect(viewer.TestId("tracking-link")).ToHaveAttributeAsync("href", "https://postserv.post.gov.tw/pstmail/main_mail.html?RR123456789TW");
        var statuses = await steps.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.status)");
        Assert.Equal(["PendingPayment", "Paid", "Packed", "Shipped"], statuses);
        Assert.Equal(0, navigations);
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("fulfil-buyer-timeline-phone.png"), FullPage = true });

        // The same pages on a phone, for the host on the go.
        var hostPhone = await hostPhoneContext.NewPageAsync();
        await hostPhone.SignInAsync(DemoSeeder.HostAccount.Email, OrdersUrl);
        await Assertions.Expect(hostPhone.Locator($"[data-testid='shop-order-row'][data-number='{number}']")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        await hostPhone.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("fulfil-orders-phone.png"), FullPage = true });
        await hostPhone.GotoAsync($"{OrdersUrl}/pick-list");
        await Assertions.Expect(hostPhone.TestId("pick-summary")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        await hostPhone.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("fulfil-pick-list-phone.png"), FullPage = true });
        var orderId = await host.Locator($"[data-testid='shop-order-row'][data-number='{number}']").GetAttributeAsync("data-order-id");
        await hostPhone.GotoAsync($"{OrdersUrl}/packing-slips?id={orderId}");
        await Assertions.Expect(hostPhone.TestId("packing-slip")).ToContainTextAsync(number, new LocatorAssertionsToContainTextOptions { Timeout = BrowserFixture.Patience });
        await hostPhone.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("fulfil-packing-slip-phone.png"), FullPage = true });
        await host.GotoAsync($"{OrdersUrl}/{orderId}");
        await Assertions.Expect(host.TestId("order-timeline")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        await host.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("fulfil-order-detail-desktop.png") });

        browser.AssertNoBrowserErrors(hostContext, viewerContext, hostPhoneContext);
    }
}
