using LiveShop.Server.Data;
using Microsoft.Playwright;

namespace LiveShop.E2E;

/// <summary>
/// "+1" in the chat, as in Taiwan's live selling: the host turns on claims for the pinned product in the console, a
/// viewer on a phone types "+1", sees the unit reserved for them with a countdown and Pay, pays it from the cart, and
/// the host's console counts the claim and sees it paid — each screen without a reload.
/// </summary>
public sealed class ChatClaimJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string ShowUrl = $"/shows/{DemoSeeder.DemoShowId}";
    private static readonly string ConsoleUrl = $"/host/shows/{DemoSeeder.DemoShowId}";
    private static readonly Guid Jade = DemoSeeder.ProductId(1);

    [Fact]
    public async Task AViewerTypesPlusOne_GetsTheItemReserved_AndPaysForItFromTheChat_WhileTheHostWatchesTheClaims()
    {
        await using var consoleContext = await browser.NewDesktopAsync();
        await using var viewerContext = await browser.NewPhoneAsync();
        var console = await consoleContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();

        // The host goes live, pins the jade roller and turns on "+1" claims for it (30 minutes to pay).
        await console.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl);
        await console.WaitForLiveConnectionAsync();
        await console.TestId("go-live-button").ClickAsync();
        await Assertions.Expect(console.TestId("end-show-button")).ToBeVisibleAsync();
        var row = console.Locator($"[data-testid='lineup-row'][data-product-id='{Jade}']");
        await row.Locator("[data-testid='pin-button']").ClickAsync();
        var control = console.Locator($"[data-testid='claims-control'][data-product-id='{Jade}']");
        await control.Locator("input[type='checkbox']").CheckAsync();
        var keyword = control.Locator("[data-testid='claims-keyword']");
        await Assertions.Expect(keyword).ToContainTextAsync("+1", new LocatorAssertionsToContainTextOptions { Timeout = 10_000 });

        // The viewer's pinned card says what to type.
        await viewer.SignInAsync(DemoSeeder.ViewerAccount.Email, ShowUrl);
        await viewer.WaitForLiveConnectionAsync();
        var card = viewer.Locator($"[data-testid='pinned-cards'] [data-testid='product-card'][data-product-id='{Jade}']");
        await Assertions.Expect(card.Locator("[data-testid='card-claims-hint']")).ToContainTextAsync("+1", new LocatorAssertionsToContainTextOptions { Timeout = 10_000 });

        // "+1" in the chat: the line is posted, and the unit is reserved for this viewer alone.
        await viewer.Locator("[data-testid='chat-input']:visible").FillAsync("+1");
        await viewer.Locator("[data-testid='chat-send']:visible").ClickAsync();
        var claim = viewer.TestId("claim-card");
        await Assertions.Expect(claim).ToHaveAttributeAsync("data-state", "held", new LocatorAssertionsToHaveAttributeOptions { Timeout = 10_000 });
        await Assertions.Expect(claim.Locator("[data-testid='claim-price']")).ToHaveTextAsync("NT$690");
        await Assertions.Expect(claim.Locator("[data-testid='claim-product']")).ToContainTextAsync("Jade Face Roller");
        await Assertions.Expect(card.Locator("[data-testid='card-claimed']")).ToHaveTextAsync("1 claimed", new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("viewer-phone-claim.png") });

        // The host sees it arrive: the count per keyword and the claim with the viewer's name, held.
        await Assertions.Expect(keyword).ToHaveTextAsync("+1 · 1 claimed", new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        var claimRow = console.TestId("claim-row").First;
        await Assertions.Expect(claimRow.Locator("[data-testid='claim-buyer']")).ToHaveTextAsync(DemoSeeder.ViewerAccount.DisplayName, new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        await Assertions.Expect(claimRow).ToHaveAttributeAsync("data-status", "Held");

        // Pay: the claimed unit is in the cart at the claimed price, and the checkout places the order.
        await claim.Locator("[data-testid='claim-pay']").ClickAsync();
        var sheet = viewer.TestId("cart-sheet");
        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "cart");
        await Assertions.Expect(viewer.TestId($"cart-line-{Jade}").Locator("[data-testid='cart-unit-price']")).ToHaveTextAsync("NT$690");
        await viewer.TestId("checkout-next").ClickAsync();
        await viewer.FillAddressAsync();
        await viewer.TestId("checkout-next").ClickAsync();
        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "payment");
        await viewer.TestId("pay-card-ok").CheckAsync();
        await viewer.TestId("place-order").ClickAsync();
        await Assertions.Expect(viewer.TestId("order-placed")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });

        // The reservation card is gone from the phone; the host's list says the claim was paid.
        await Assertions.Expect(viewer.TestId("claim-card")).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 10_000 });
        await Assertions.Expect(claimRow).ToHaveAttributeAsync("data-status", "Ordered", new LocatorAssertionsToHaveAttributeOptions { Timeout = 10_000 });
        await console.TestId("claims-panel").ScrollIntoViewIfNeededAsync();
        await console.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("host-console-claims.png"), FullPage = true });

        browser.AssertNoBrowserErrors(consoleContext, viewerContext);
    }
}
