using LiveShop.Server.Data;
using Microsoft.Playwright;

namespace LiveShop.E2E;

/// <summary>
/// A creator sells for a brand (issue 17): the brand opens its program in the back office; a creator, on a phone,
/// makes a profile, joins, and makes a link to the brand's live show; a viewer on another phone opens the link and
/// buys; the creator's results and the brand's creators' results show the order and the commission.
/// </summary>
public sealed class CreatorJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string ConsoleUrl = $"/host/shows/{DemoSeeder.DemoShowId}";
    private static readonly string CreatorsUrl = $"/shops/{DemoSeeder.DemoShopId}/creators";

    [Fact]
    public async Task CreatorJoinsShares_AViewerBuysThroughTheLink_BothDashboardsShowTheCommission()
    {
        await using var brandContext = await browser.NewDesktopAsync();
        await using var creatorContext = await browser.NewPhoneAsync();
        await using var viewerContext = await browser.NewPhoneAsync();
        var brand = await brandContext.NewPageAsync();
        var creator = await creatorContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();

        // The host goes live (the brand's show); the owner opens the program to anyone at the default 10 %.
        await brand.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl);
        await brand.WaitForLiveConnectionAsync();
        await brand.TestId("go-live-button").ClickAsync();
        await Assertions.Expect(brand.TestId("end-show-button")).ToBeVisibleAsync();
        await brand.Context.ClearCookiesAsync();
        await brand.SignInAsync(DemoSeeder.OwnerAccount.Email, CreatorsUrl);
        await brand.WaitForAppReadyAsync();
        await brand.GetByText("Open to creators").ClickAsync();
        await brand.GetByText("Anyone may join").ClickAsync();
        await brand.TestId("program-save").ClickAsync();
        await Assertions.Expect(brand.TestId("brand-results-empty")).ToBeVisibleAsync();

        // The creator, on a phone: a profile, then Join.
        await creator.SignInAsync(DemoSeeder.SecondViewerAccount.Email, "/creator");
        await creator.WaitForAppReadyAsync();
        await creator.Field("creator-handle").FillAsync("eleni.sells");
        await creator.Field("creator-name").FillAsync("Eleni");
        await creator.TestId("creator-profile-save").ClickAsync();

        // A photo for the profile, through the photo pipeline: the brand will see it when she asks to join.
        await Assertions.Expect(creator.TestId("creator-avatar")).ToBeVisibleAsync();
        await creator.TestId("creator-avatar-input").SetInputFilesAsync(new FilePayload { Name = "eleni.jpg", MimeType = "image/jpeg", Buffer = ProductPhoto.Teapot() });
        await Assertions.Expect(creator.TestId("creator-avatar-img")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(@"\.webp$"));
        await creator.TestId("brand-join-formosa").ClickAsync();
        await Assertions.Expect(creator.TestId("brand-status-formosa")).ToContainTextAsync("You are in");

        // The live show is offered first; a link to the jade roller in it, at the creator's 10 %.
        await Assertions.Expect(creator.TestId("creator-share")).ToBeVisibleAsync();
        await creator.ChooseAsync("creator-share-product", "Jade Face Roller · 10 %");
        await creator.TestId("creator-share-create").ClickAsync();
        var link = creator.Locator("[data-testid^='creator-link-']").First;
        await Assertions.Expect(link).ToContainTextAsync("/r/");
        await Assertions.Expect(creator.TestId("creator-results-links")).ToContainTextAsync("Jade Face Roller");
        var url = (await link.InnerTextAsync()).Trim();

        // A viewer opens it on their phone: the jade roller's sheet over the live show; they buy it (NT$690).
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

        // The creator's results follow within their refresh: NT$690 sold, NT$69 pending.
        var results = creator.TestId("creator-results-brands");
        await Assertions.Expect(results).ToContainTextAsync("NT$690", new LocatorAssertionsToContainTextOptions { Timeout = 45_000 });
        await Assertions.Expect(creator.TestId($"creator-pending-{DemoSeeder.DemoShopId}")).ToContainTextAsync("NT$69");
        await creator.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("creator-phone-results.png"), FullPage = true });

        // The brand sees the creator side by side, with the credit under each model.
        await Assertions.Expect(brand.TestId("brand-results")).ToContainTextAsync("eleni.sells", new LocatorAssertionsToContainTextOptions { Timeout = 45_000 });
        await Assertions.Expect(brand.TestId("brand-results")).ToContainTextAsync("NT$690");
        await Assertions.Expect(brand.TestId("brand-models")).ToContainTextAsync("NT$690");
        await Assertions.Expect(brand.TestId("creator-status-eleni.sells")).ToContainTextAsync("Approved");
        await brand.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("backoffice-creator-results.png"), FullPage = true });

        browser.AssertNoBrowserErrors(brandContext, creatorContext, viewerContext);
    }
}
