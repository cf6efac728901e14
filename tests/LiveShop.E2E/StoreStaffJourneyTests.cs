using LiveShop.Server.Data;
using Microsoft.Playwright;

namespace LiveShop.E2E;

/// <summary>
/// Online sales credited offline (issue 17): the owner adds a store and a staff member in the back office; the staff
/// member, on a phone, makes a personal link to a product of the live show and opens its printable QR code; a viewer
/// opens the link and buys; the staff member's page and the store leaderboard show the sale.
/// </summary>
public sealed class StoreStaffJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string ConsoleUrl = $"/host/shows/{DemoSeeder.DemoShowId}";
    private static readonly string StoresUrl = $"/shops/{DemoSeeder.DemoShopId}/stores";

    [Fact]
    public async Task StaffLinkAndQrCode_AViewerBuys_TheStaffPageAndTheLeaderboardShowTheSale()
    {
        await using var brandContext = await browser.NewDesktopAsync();
        await using var staffContext = await browser.NewPhoneAsync();
        await using var viewerContext = await browser.NewPhoneAsync();
        var brand = await brandContext.NewPageAsync();
        var staff = await staffContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();

        // The host goes live; the owner adds the Xinyi store and puts Eleni on its staff.
        await brand.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl);
        await brand.WaitForLiveConnectionAsync();
        await brand.TestId("go-live-button").ClickAsync();
        await Assertions.Expect(brand.TestId("end-show-button")).ToBeVisibleAsync();
        await brand.Context.ClearCookiesAsync();
        await brand.SignInAsync(DemoSeeder.OwnerAccount.Email, StoresUrl);
        await brand.WaitForAppReadyAsync();
        await Assertions.Expect(brand.TestId("stores-empty")).ToBeVisibleAsync();
        await brand.Field("store-name").FillAsync("Xinyi");
        await brand.TestId("store-create").ClickAsync();
        await Assertions.Expect(brand.TestId("store-Xinyi")).ToBeVisibleAsync();
        await brand.Field("store-email-Xinyi").FillAsync(DemoSeeder.SecondViewerAccount.Email);
        await brand.TestId("store-add-staff-Xinyi").ClickAsync();
        await Assertions.Expect(brand.TestId("store-staff-Xinyi")).ToContainTextAsync(DemoSeeder.SecondViewerAccount.DisplayName);

        // Eleni, on her phone: the live show is offered; a link to the jade roller in it, then its QR code to print.
        await staff.SignInAsync(DemoSeeder.SecondViewerAccount.Email, "/staff");
        await staff.WaitForAppReadyAsync();
        await Assertions.Expect(staff.TestId("staff-share")).ToBeVisibleAsync();
        await staff.ChooseAsync("staff-share-product", "Jade Face Roller");
        await staff.TestId("staff-share-create").ClickAsync();
        var link = staff.Locator("[data-testid^='staff-link-']").First;
        await Assertions.Expect(link).ToContainTextAsync("/r/");
        var url = (await link.InnerTextAsync()).Trim();
        await staff.Locator("[data-testid^='staff-qr-']").First.ClickAsync();
        await Assertions.Expect(staff.TestId("staff-qr-card")).ToContainTextAsync("Xinyi");
        await Assertions.Expect(staff.TestId("staff-qr-card")).ToContainTextAsync(url);
        await staff.WaitForFunctionAsync("() => document.querySelector(\"[data-testid='staff-qr-image']\")?.naturalWidth > 0");
        await staff.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("staff-phone-qr.png"), FullPage = true });

        // A viewer opens the link on their phone and buys the jade roller (NT$690).
        await viewer.SignInAsync(DemoSeeder.ViewerAccount.Email, "/");
        await viewer.GotoAsync(url);
        await viewer.WaitForLiveConnectionAsync();
        await viewer.TestId("product-sheet-buy").ClickAsync();
        await viewer.TestId("checkout-next").ClickAsync();
        await viewer.FillAddressAsync();
        await viewer.TestId("checkout-next").ClickAsync();
        await viewer.TestId("pay-card-ok").CheckAsync();
        await viewer.TestId("place-order").ClickAsync();
        await Assertions.Expect(viewer.TestId("order-placed")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });

        // Eleni's page counts it for her and the store.
        await staff.TestId("staff-qr-page").Locator("a[href='staff']").ClickAsync();
        await Assertions.Expect(staff.TestId("staff-results-stores")).ToContainTextAsync("NT$690");
        await Assertions.Expect(staff.TestId("staff-results-links")).ToContainTextAsync("Jade Face Roller");
        await staff.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("staff-phone-results.png"), FullPage = true });

        // The leaderboard (reloaded by choosing the period): Xinyi first, Eleni ranked with the sale.
        await brand.TestId("board-period-7").ClickAsync();
        await Assertions.Expect(brand.TestId("board-gmv-Xinyi")).ToContainTextAsync("NT$690");
        await Assertions.Expect(brand.TestId("board-staff")).ToContainTextAsync(DemoSeeder.SecondViewerAccount.DisplayName);
        await Assertions.Expect(brand.TestId("board-models")).ToContainTextAsync("NT$690");
        await brand.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("backoffice-store-leaderboard.png"), FullPage = true });

        browser.AssertNoBrowserErrors(brandContext, staffContext, viewerContext);
    }
}
