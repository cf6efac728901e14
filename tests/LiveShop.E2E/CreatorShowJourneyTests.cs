using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Orders;
using Microsoft.Playwright;

namespace LiveShop.E2E;

/// <summary>
/// A creator's own show with two brands' products (issue 17, B2K2C): the creator picks the brands' products for the
/// lineup on a laptop, goes live and pins them; a viewer on a phone puts both in the cart, reads who sells each, pays
/// once with the test card and gets one order per brand; the creator's results and the brand's creators' results,
/// open meanwhile, update by themselves; each brand finds its own order.
/// </summary>
public sealed class CreatorShowJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task CreatorSchedulesAShowOfTwoBrands_AViewerChecksOutOnce_EachBrandGetsItsOrder()
    {
        // Two brands open their catalogs to creators; Eleni runs a channel of her own and joins both.
        var app = browser.App;
        var (oliveSeller, olive) = await app.RegisterSellerAsync("Aegean Olive Co.", Currencies.Twd);
        var oil = await AddProductAsync(oliveSeller, olive.Id, "Olive oil 500 ml", 620m);
        var (kilnSeller, kiln) = await app.RegisterSellerAsync("Yingge Kilns", Currencies.Twd);
        var cup = await AddProductAsync(kilnSeller, kiln.Id, "Celadon tea cup", 880m);
        foreach (var (seller, shopId) in new[] { (oliveSeller, olive.Id), (kilnSeller, kiln.Id) })
        {
            (await seller.Http.PutAsJsonAsync(ApiRoutes.ShopCreatorProgram(shopId), new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.12m, 14, true, []))).EnsureSuccessStatusCode();
        }

        var (creator, _) = await app.RegisterSellerAsync("Eleni's channel", Currencies.Twd);
        (await creator.Http.PutAsJsonAsync(ApiRoutes.CreatorProfile, new CreatorProfileRequest("eleni.channel", "Eleni", null, null))).EnsureSuccessStatusCode();
        (await creator.Http.PostAsync(ApiRoutes.CreatorProgramJoin(olive.Id), null)).EnsureSuccessStatusCode();
        (await creator.Http.PostAsync(ApiRoutes.CreatorProgramJoin(kiln.Id), null)).EnsureSuccessStatusCode();

        await using var creatorContext = await browser.NewDesktopAsync();
        await using var viewerContext = await browser.NewPhoneAsync();
        var host = await creatorContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();

        // On her laptop: a new show, the two brands' products ticked from "From the brands you sell for".
        await host.SignInAsync(creator.User.Email!, "/host/shows/new", "Passw0rd-test");

        await host.WaitForInteractiveAsync("create-show-submit");
        await host.Field("show-title-input").FillAsync("Olive & tea evening");
        await host.Locator($"[data-testid='pick-brand-product'][data-product-id='{oil}'] input").CheckAsync();
        await host.Locator($"[data-testid='pick-brand-product'][data-product-id='{cup}'] input").CheckAsync();
        await Assertions.Expect(host.TestId("lineup-item-name")).ToHaveTextAsync(["Olive oil 500 ml (Aegean Olive Co.)", "Celadon tea cup (Yingge Kilns)"]);
        await host.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("creator-show-brand-lineup.png"), FullPage = true });
        await host.TestId("create-show-submit").ClickAsync();

        // Live, both pinned.
        await host.WaitForURLAsync(new Regex("/host/shows/[0-9a-f-]{36}$"), new PageWaitForURLOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(host.TestId("console-title")).ToHaveTextAsync("Olive & tea evening");
        var showId = host.Url.Split('/')[^1];
        await host.WaitForLiveConnectionAsync();
        await host.TestId("go-live-button").ClickAsync();
        await Assertions.Expect(host.TestId("end-show-button")).ToBeVisibleAsync();
        foreach (var product in new[] { oil, cup })
        {
            await host.Locator($"[data-testid='lineup-row'][data-product-id='{product}'] [data-testid='pin-button']").ClickAsync();
        }

        // The creator's page and the olive brand's creators page stay open while the viewer buys: both update by themselves.
        await host.GotoAsync("/creator");
        await host.WaitForAppReadyAsync();
        await Assertions.Expect(host.TestId("creator-own-shows")).ToBeVisibleAsync();
        await using var brandContext = await browser.NewDesktopAsync();
        var brand = await brandContext.NewPageAsync();
        await brand.SignInAsync(oliveSeller.User.Email!, $"/shops/{olive.Id}/creators", "Passw0rd-test");
        await brand.WaitForAppReadyAsync();
        await Assertions.Expect(brand.TestId("brand-results")).ToContainTextAsync("Eleni");
        await Assertions.Expect(brand.TestId("brand-results")).Not.ToContainTextAsync("NT$620");

        // On a phone: each card says who sells it; both go in the cart, which says one order per seller.
        await viewer.SignInAsync(DemoSeeder.ViewerAccount.Email, $"/shows/{showId}");
        await viewer.WaitForLiveConnectionAsync();
        var pinned = viewer.TestId("pinned-cards");
        await Assertions.Expect(pinned.Locator("[data-testid='card-brand']")).ToHaveCountAsync(2, new LocatorAssertionsToHaveCountOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(pinned).ToContainTextAsync("Sold by Yingge Kilns");
        await viewer.TestId($"add-to-cart-{oil}").ClickAsync();
        await viewer.TestId($"add-to-cart-{cup}").ClickAsync();
        await viewer.TestId("cart-open").ClickAsync();
        await Assertions.Expect(viewer.TestId("cart-sellers")).ToContainTextAsync("2 sellers");
        await Assertions.Expect(viewer.TestId("cart-line-brand")).ToHaveTextAsync(["Sold by Aegean Olive Co.", "Sold by Yingge Kilns"]);
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("viewer-phone-two-brands-cart.png") });
        await viewer.TestId("checkout-next").ClickAsync();
        await viewer.FillAddressAsync();
        await viewer.TestId("checkout-next").ClickAsync();
        await viewer.TestId("pay-card-ok").CheckAsync();
        await viewer.TestId("place-order").ClickAsync();
        await Assertions.Expect(viewer.TestId("order-placed")).ToContainTextAsync("2 orders placed, one per seller", new LocatorAssertionsToContainTextOptions { Timeout = 10_000 });

        // Within a refresh (20 s): the creator earns 12 % from each brand — NT$74.40 on the oil, NT$105.60 on the cup —
        // and the olive brand sees Eleni's NT$620 (and nothing of the cup).
        var live = new LocatorAssertionsToContainTextOptions { Timeout = 45_000 };
        var brands = host.TestId("creator-results-brands");
        await Assertions.Expect(brands).ToContainTextAsync("Aegean Olive Co.", live);
        await Assertions.Expect(brands).ToContainTextAsync("Yingge Kilns", live);
        await Assertions.Expect(brands).ToContainTextAsync("NT$74.40");
        await Assertions.Expect(brands).ToContainTextAsync("NT$105.60");
        await host.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("creator-results-two-brands.png"), FullPage = true });
        var oliveResults = brand.TestId("brand-results");
        await Assertions.Expect(oliveResults).ToContainTextAsync("Eleni", live);
        await Assertions.Expect(oliveResults).ToContainTextAsync("NT$620");
        await Assertions.Expect(oliveResults).Not.ToContainTextAsync("NT$880");

        // Each brand has its own order, paid: the oil's NT$620 and the cup's NT$880.
        var oliveOrders = (await oliveSeller.Http.GetFromJsonAsync<ShopOrdersPageDto>(ApiRoutes.ShopOrders(olive.Id)))!;
        var kilnOrders = (await kilnSeller.Http.GetFromJsonAsync<ShopOrdersPageDto>(ApiRoutes.ShopOrders(kiln.Id)))!;
        var oliveOrder = Assert.Single(oliveOrders.Items);
        Assert.Equal((620m, OrderStatus.Paid), (oliveOrder.Total, oliveOrder.Status));
        var kilnOrder = Assert.Single(kilnOrders.Items);
        Assert.Equal((880m, OrderStatus.Paid), (kilnOrder.Total, kilnOrder.Status));
        browser.AssertNoBrowserErrors(creatorContext);
        browser.AssertNoBrowserErrors(viewerContext);
        browser.AssertNoBrowserErrors(brandContext);
    }

    /// <summary>A product of a brand's catalog in Taiwan dollars, 50 in stock.</summary>
    private static async Task<Guid> AddProductAsync(SignedIn seller, Guid shopId, string name, decimal price)
    {
        var response = await seller.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(shopId), new SaveProductRequest("SKU-" + Guid.NewGuid().ToString("N")[..8], name, "", price, null, Currencies.Twd, 0, 50));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ShopProductDto>())!.Id;
    }
}
