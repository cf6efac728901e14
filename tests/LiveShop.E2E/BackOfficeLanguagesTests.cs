using LiveShop.Server.Data;
using Microsoft.Playwright;

namespace LiveShop.E2E;

/// <summary>
/// The shop's owner on a 1366 × 768 laptop whose browser speaks Greek, or Traditional Chinese: the product list, a
/// product's form, the orders, the team and the creator program read in that language (from Accept-Language, no picker needed) and no page
/// scrolls sideways with the longer Greek words. Screenshots of each go to artifacts/screenshots/.
/// </summary>
public sealed class BackOfficeLanguagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string Shop = $"/shops/{DemoSeeder.DemoShopId}";

    [Theory]
    [InlineData("el-GR", "el", "Προϊόντα", "Παραγγελίες", "Ομάδα", "Προσθήκη προϊόντος", "Δημιουργοί", "Καταστήματα")]
    [InlineData("zh-TW", "zh-tw", "商品", "訂單", "團隊", "新增商品", "創作者", "門市")]
    public async Task BackOffice_InTheBrowsersLanguage_ReadsTranslatedAndFitsTheLaptop(
        string locale, string file, string products, string orders, string team, string addProduct, string creators, string stores)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = locale,
            TimezoneId = locale == "el-GR" ? "Europe/Athens" : "Asia/Taipei",
        });
        var page = await context.NewPageAsync();
        await page.SignInAsync(DemoSeeder.OwnerAccount.Email, $"{Shop}/products");

        await Assertions.Expect(page.TestId("product-grid")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(products);
        await Assertions.Expect(page.TestId("add-product")).ToHaveTextAsync(addProduct);
        await ShootAsync(page, $"backoffice-products-{file}.png");

        await page.GotoAsync($"{Shop}/products/{DemoSeeder.ProductId(1)}");
        await Assertions.Expect(page.TestId("product-stock-panel")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(page.TestId("back-to-products")).ToHaveTextAsync(products);
        await ShootAsync(page, $"backoffice-product-form-{file}.png");

        await page.GotoAsync($"{Shop}/orders");
        await Assertions.Expect(page.Locator("[data-testid='shop-orders-table'], [data-testid='shop-orders-empty']")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(orders);
        await ShootAsync(page, $"backoffice-orders-{file}.png");

        await page.GotoAsync($"{Shop}/team");
        await Assertions.Expect(page.TestId("members-table")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(team);
        await ShootAsync(page, $"backoffice-team-{file}.png");

        await page.GotoAsync($"{Shop}/creators");
        await Assertions.Expect(page.TestId("program-form")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(creators);
        await ShootAsync(page, $"backoffice-creators-{file}.png");

        await page.GotoAsync($"{Shop}/stores");
        await Assertions.Expect(page.TestId("stores-empty")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(stores);
        await ShootAsync(page, $"backoffice-stores-{file}.png");
    }

    /// <summary>Fails when the page is wider than the window (something did not wrap), then saves the screenshot.</summary>
    private static async Task ShootAsync(IPage page, string name)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath(name) });
        Assert.True(overflow <= 0, $"{name}: the page is {overflow} px wider than the window.");
    }
}
