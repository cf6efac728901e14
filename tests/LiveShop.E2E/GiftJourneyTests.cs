using LiveShop.Server.Data;
using Microsoft.Playwright;

namespace LiveShop.E2E;

/// <summary>
/// "Buy as a gift", as a LINE gift: a viewer on a phone buys the jade roller as a gift with a message and gets a link to
/// send; the friend opens it on their own phone (in Chinese, with no account), reads who sends what without a price,
/// and accepts with their address; the buyer's order page then says it was accepted, without the address, and the
/// shop's order page has the address to ship it to.
/// </summary>
public sealed class GiftJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string ShowUrl = $"/shows/{DemoSeeder.DemoShowId}";
    private static readonly string ConsoleUrl = $"/host/shows/{DemoSeeder.DemoShowId}";
    private static readonly Guid Jade = DemoSeeder.ProductId(1);

    [Fact]
    public async Task AViewerBuysAGift_TheFriendOpensTheLinkAndGivesTheirAddress_TheBuyerSeesItAccepted()
    {
        await using var consoleContext = await browser.NewDesktopAsync();
        await using var buyerContext = await browser.NewPhoneAsync();
        await using var friendContext = await browser.NewPhoneAsync("zh-TW");
        var console = await consoleContext.NewPageAsync();
        var buyer = await buyerContext.NewPageAsync();
        var friend = await friendContext.NewPageAsync();

        await console.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl);
        await console.WaitForLiveConnectionAsync();
        await console.TestId("go-live-button").ClickAsync();
        await Assertions.Expect(console.TestId("end-show-button")).ToBeVisibleAsync();
        await console.Locator($"[data-testid='lineup-row'][data-product-id='{Jade}'] [data-testid='pin-button']").ClickAsync();

        // The buyer puts the roller in the cart and turns on "Buy as a gift": no address step, and cash on delivery is gone.
        await buyer.SignInAsync(DemoSeeder.ViewerAccount.Email, ShowUrl);
        await buyer.WaitForLiveConnectionAsync();
        await buyer.Locator($"[data-testid='pinned-cards'] [data-testid='buy-{Jade}']").ClickAsync();
        var sheet = buyer.TestId("cart-sheet");
        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "cart");
        await buyer.Locator("[data-testid='cart-gift'] input[type='checkbox']").CheckAsync();
        await buyer.Field("cart-gift-message").FillAsync("生日快樂！Happy birthday, Mei");
        await buyer.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("viewer-phone-gift-cart.png") });
        await buyer.TestId("checkout-next").ClickAsync();
        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "payment");
        await Assertions.Expect(buyer.TestId("pay-cod")).ToHaveCountAsync(0);
        await buyer.TestId("pay-card-ok").CheckAsync();
        await buyer.TestId("place-order").ClickAsync();

        // Paid: the link to send, to copy or share in any messenger.
        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "gift", new LocatorAssertionsToHaveAttributeOptions { Timeout = 10_000 });
        var link = await buyer.Field("gift-link-url").InputValueAsync();
        Assert.StartsWith($"{browser.BaseUrl}/gift/", link);
        Assert.Contains('#', link);
        await buyer.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("viewer-phone-gift-link.png") });
        await buyer.TestId("transfer-done").ClickAsync();

        // The friend opens it: who sends what, with the message, never a price.
        await friend.GotoAsync(link);
        await Assertions.Expect(friend.TestId("gift-headline")).ToContainTextAsync(DemoSeeder.ViewerAccount.DisplayName, new LocatorAssertionsToContainTextOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(friend.TestId("gift-headline")).ToContainTextAsync("送你一份禮物");
        await Assertions.Expect(friend.TestId("gift-message")).ToHaveTextAsync("生日快樂！Happy birthday, Mei");
        await Assertions.Expect(friend.TestId("gift-item")).ToContainTextAsync("Jade Face Roller");
        Assert.DoesNotContain("NT$", await friend.TestId("gift-page").InnerTextAsync());
        await friend.Field("address-name").FillAsync("陳美玲");
        await friend.Field("address-line1").FillAsync("忠孝東路四段 100 號 5 樓");
        await friend.Field("address-city").FillAsync("台北市");
        await friend.Field("address-postal-code").FillAsync("106");
        await friend.Field("address-country").FillAsync("台灣");
        await friend.Field("address-phone").FillAsync("0912 345 678");
        await friend.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("friend-phone-gift.png"), FullPage = true });
        await friend.TestId("gift-accept").ClickAsync();
        await Assertions.Expect(friend.TestId("gift-state")).ToHaveAttributeAsync("data-state", "Accepted", new LocatorAssertionsToHaveAttributeOptions { Timeout = 10_000 });

        // The buyer's order says it was accepted, and nowhere where it goes.
        var orderId = Guid.ParseExact(link[(link.IndexOf("/gift/", StringComparison.Ordinal) + 6)..link.IndexOf('#', StringComparison.Ordinal)], "N");
        await buyer.GotoAsync($"{browser.BaseUrl}/orders/{orderId}");
        await Assertions.Expect(buyer.TestId("order-gift-state")).ToContainTextAsync("accepted", new LocatorAssertionsToContainTextOptions { Timeout = BrowserFixture.Patience });
        Assert.DoesNotContain("忠孝東路", await buyer.TestId("order-page").InnerTextAsync());

        // The shop reads where it goes, to ship it.
        await using var shopContext = await browser.NewDesktopAsync();
        var shop = await shopContext.NewPageAsync();
        await shop.SignInAsync(DemoSeeder.OwnerAccount.Email, $"/shops/{DemoSeeder.DemoShopId}/orders/{orderId}");
        await Assertions.Expect(shop.TestId("shop-order-address")).ToContainTextAsync("忠孝東路四段 100 號 5 樓", new LocatorAssertionsToContainTextOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(shop.TestId("shop-order-gift")).ToContainTextAsync("accepted by its recipient");
        await Assertions.Expect(shop.TestId("shop-order-gift-message")).ToContainTextAsync("生日快樂");
        await shop.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath("shop-order-gift.png"), FullPage = true });

        browser.AssertNoBrowserErrors(consoleContext, buyerContext, friendContext, shopContext);
    }
}
