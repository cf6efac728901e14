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
/// once with the test card and gets one order per brand; each brand finds its own order.
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

        // Each brand has its own order, paid: the oil's NT$620 and the cup's NT$880.
        var oliveOrders = (await oliveSeller.Http.GetFromJsonAsync<ShopOrdersPageDto>(ApiRoutes.ShopOrders(olive.Id)))!;
        var kilnOrders = (await kilnSeller.Http.GetFromJsonAsync<ShopOrdersPageDto>(ApiRoutes.ShopOrders(kiln.Id)))!;
        var oliveOrder = Assert.Single(oliveOrders.Items);
        Assert.Equal((620m, OrderStatus.Paid), (oliveOrder.Total, oliveOrder.Status));
        var kilnOrder = Assert.Single(kilnOrders.Items);
        Assert.Equal((880m, OrderStatus.Paid), (kilnOrder.Total, kilnOrder.Status));
        browser.AssertNoBrowserErrors(creatorContext);
        browser.AssertNoBrowserErrors(viewerContext);
    }

    /// <summary>A product of a brand's catalog in Taiwan dollars, 50 in stock.</summary>
    private static async Task<Guid> AddProductAsync(SignedIn seller, Guid shopId, string name, decimal price)
    {
        var response = await seller.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(shopId), new SaveProductRequest("SKU-" + Guid.NewGuid().ToString("N")[..8], name, "", price, null, Currencies.Twd, 0, 50));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ShopProductDto>())!.Id;
    }
}
