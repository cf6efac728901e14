using LiveShop.Server.Data;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LiveShop.E2E;

/// <summary>
/// The buy flow on a phone in the viewer's own language: a Taiwanese shopper (browser in zh-TW) and a Greek one
/// (el-GR) open the live demo show with two pinned products, read Buy, the cart, checkout and the confirmation in
/// their language with the price written their way (NT$1,980 · 1.980 NT$), and pay with the test card. At 390 px the
/// long Greek labels wrap instead of pushing the price or the name out of the card or the cart.
/// </summary>
public sealed class LocalizedBuyTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly string ShowUrl = $"/shows/{DemoSeeder.DemoShowId}";
    private static readonly string ConsoleUrl = $"/host/shows/{DemoSeeder.DemoShowId}";

    /// <summary>The clay teapot (NT$1,980: a price with a group separator) and the oolong (the longest name in the lineup).</summary>
    private static readonly Guid Teapot = DemoSeeder.ProductId(3);
    private static readonly Guid Oolong = DemoSeeder.ProductId(2);

    /// <summary>What a shopper reads in one language.</summary>
    public sealed record Words(
        string Locale, string Screenshot, string Buy, string CartTitle, string Price, string Checkout, string NameLabel,
        string ContinueToPayment, string PlaceOrder, string Placed, string MyOrders, string Paid);

    private static readonly Words TraditionalChinese = new(
        "zh-TW", "viewer-zh-TW.png", "立即購買", "購物車", "NT$1,980", "結帳", "收件人姓名",
        "前往付款", "送出訂單 · NT$1,980", "已成立", "我的訂單", "已付款");

    private static readonly Words Greek = new(
        "el-GR", "viewer-el.png", "Αγορά", "Το καλάθι σας", "1.980\u00A0NT$", "Ολοκλήρωση αγοράς", "Ονοματεπώνυμο",
        "Συνέχεια στην πληρωμή", "Υποβολή παραγγελίας · 1.980\u00A0NT$", "καταχωρίστηκε", "Οι παραγγελίες μου", "Πληρώθηκε");

    [Fact]
    public Task ViewerBuysOnAPhone_InTraditionalChinese() => BuyAsync(TraditionalChinese);

    [Fact]
    public Task ViewerBuysOnAPhone_InGreek() => BuyAsync(Greek);

    private async Task BuyAsync(Words words)
    {
        await using var consoleContext = await browser.NewDesktopAsync();
        var console = await consoleContext.NewPageAsync();
        await GoLiveWithPinsAsync(console);

        await using var viewerContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = words.Locale,
            TimezoneId = "Asia/Taipei",
        });
        var viewer = await viewerContext.NewPageAsync();
        var errors = new List<string>();
        viewer.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        viewer.PageError += (_, error) => errors.Add(error);
        await viewer.SignInAsync(DemoSeeder.ViewerAccount.Email, ShowUrl);
        await viewer.WaitForLiveConnectionAsync();

        // The pinned card speaks the viewer's language and writes the price their way.
        var card = viewer.Locator($"[data-testid='pinned-cards'] [data-testid='product-card'][data-product-id='{Teapot}']");
        await Assertions.Expect(card.Locator("[data-testid='card-price']")).ToHaveTextAsync(words.Price);
        var buy = viewer.TestId($"buy-{Teapot}");
        await Assertions.Expect(buy).ToHaveTextAsync(words.Buy);
        await AssertCardsHoldTheirTextAsync(viewer);
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath(words.Screenshot.Replace(".png", "-cards.png", StringComparison.Ordinal)) });

        await buy.ClickAsync();
        var sheet = viewer.TestId("cart-sheet");
        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "cart");
        await Assertions.Expect(sheet.Locator("[data-testid='sheet-title']")).ToHaveTextAsync(words.CartTitle);
        await Assertions.Expect(viewer.TestId($"cart-line-{Teapot}").Locator("[data-testid='cart-unit-price']")).ToHaveTextAsync(words.Price);
        await Assertions.Expect(viewer.TestId("cart-total")).ToHaveTextAsync(words.Price);
        await Assertions.Expect(viewer.TestId("checkout-next")).ToHaveTextAsync(words.Checkout);
        await AssertCartHoldsItsTextAsync(viewer);
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Pages.ScreenshotPath(words.Screenshot) });
        await viewer.TestId("checkout-next").ClickAsync();

        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "delivery");
        await Assertions.Expect(viewer.TestId("address-form")).ToContainTextAsync(words.NameLabel);
        await viewer.Field("address-name").FillAsync("Xiao Wang");
        await viewer.Field("address-line1").FillAsync("No. 7, Lane 3, Yongkang St.");
        await viewer.Field("address-city").FillAsync("Taipei");
        await viewer.Field("address-postal-code").FillAsync("106");
        await viewer.Field("address-country").FillAsync("Taiwan");
        await viewer.Field("address-phone").FillAsync("+886 912 345 678");
        await Assertions.Expect(viewer.TestId("checkout-next")).ToHaveTextAsync(words.ContinueToPayment);
        await viewer.TestId("checkout-next").ClickAsync();

        await Assertions.Expect(sheet).ToHaveAttributeAsync("data-step", "payment");
        await viewer.TestId("pay-card-ok").CheckAsync();
        await Assertions.Expect(viewer.TestId("place-order")).ToHaveTextAsync(words.PlaceOrder);
        await viewer.TestId("place-order").ClickAsync();

        // The confirmation toast, in the viewer's language, names the order.
        var confirmation = viewer.TestId("order-placed");
        await Assertions.Expect(confirmation).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 });
        await Assertions.Expect(confirmation).ToContainTextAsync(words.Placed);
        await Assertions.Expect(viewer.TestId("order-placed-link")).ToHaveTextAsync(words.MyOrders);
        var number = System.Text.RegularExpressions.Regex.Match(await confirmation.InnerTextAsync(), "#([2-9A-Z]{8})").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(number), "The confirmation names the order number.");
        output.WriteLine($"{words.Locale}: order {number} confirmed: {await confirmation.InnerTextAsync()}");

        // My orders says it is paid, in the same language, with the same price.
        await viewer.GotoAsync("/orders");
        await Assertions.Expect(viewer.TestId($"order-status-{number}")).ToHaveTextAsync(words.Paid, new LocatorAssertionsToHaveTextOptions { Timeout = BrowserFixture.Patience });
        await Assertions.Expect(viewer.TestId($"order-total-{number}")).ToHaveTextAsync(words.Price);

        browser.AssertNoBrowserErrors(consoleContext);
        Assert.True(errors.Count == 0, "The viewer's browser reported errors:\n" + string.Join("\n", errors));
    }

    /// <summary>The host goes live (unless an earlier test did) and pins the teapot and the oolong.</summary>
    private static async Task GoLiveWithPinsAsync(IPage console)
    {
        await console.SignInAsync(DemoSeeder.HostAccount.Email, ConsoleUrl);
        await console.WaitForLiveConnectionAsync();
        var goLive = console.TestId("go-live-button");
        var endShow = console.TestId("end-show-button");
        await Assertions.Expect(goLive.Or(endShow)).ToBeVisibleAsync();
        if (await goLive.IsVisibleAsync())
        {
            await goLive.ClickAsync();
        }

        await Assertions.Expect(endShow).ToBeVisibleAsync();
        foreach (var product in new[] { Teapot, Oolong })
        {
            var row = console.Locator($"[data-testid='lineup-row'][data-product-id='{product}']");
            var pin = row.Locator("[data-testid='pin-button']");
            var unpin = row.Locator("[data-testid='unpin-button']");
            await Assertions.Expect(pin.Or(unpin)).ToBeVisibleAsync();
            if (await pin.IsVisibleAsync())
            {
                await pin.ClickAsync();
            }

            await Assertions.Expect(unpin).ToBeVisibleAsync();
        }
    }

    /// <summary>At 390 px nothing is wider than the screen, and on each pinned card the name and the price are whole and apart.</summary>
    private static async Task AssertCardsHoldTheirTextAsync(IPage page)
    {
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const out = [];
              if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`page ${document.documentElement.scrollWidth}px wide`);
              const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
              for (const card of document.querySelectorAll('[data-testid=pinned-cards] [data-testid=product-card]')) {
                const id = card.dataset.productId;
                const name = card.querySelector('[data-testid=card-name]');
                const box = card.getBoundingClientRect();
                for (const price of card.querySelectorAll('[data-testid=card-price], [data-testid=flash-price], [data-testid=list-price]')) {
                  const p = price.getBoundingClientRect();
                  if (price.scrollWidth > price.clientWidth + 1) out.push(`${id}: price cut off`);
                  if (p.right > box.right + 1 || p.left < box.left - 1) out.push(`${id}: price outside the card`);
                  if (name && overlap(p, name.getBoundingClientRect())) out.push(`${id}: price over the name`);
                }
                for (const el of card.querySelectorAll('button, [data-testid=card-name]')) {
                  const r = el.getBoundingClientRect();
                  if (r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1)) out.push(`${id}: ${el.dataset.testid || el.className} outside the card`);
                }
              }
              return out;
            }
            """);
        Assert.True(problems.Length == 0, "The pinned cards do not hold their text at 390 px: " + string.Join("; ", problems));
    }

    /// <summary>In the open cart, each line's name, price and controls stay inside the sheet and the price is whole.</summary>
    private static async Task AssertCartHoldsItsTextAsync(IPage page)
    {
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const out = [];
              const sheet = document.querySelector('[data-testid=cart-sheet]').getBoundingClientRect();
              for (const el of document.querySelectorAll('[data-testid=cart-sheet] [data-testid=cart-unit-price], [data-testid=cart-sheet] [data-testid=cart-line-name], [data-testid=cart-total], [data-testid=checkout-next], [data-testid=cart-remove], [data-testid=cart-qty-plus]')) {
                const r = el.getBoundingClientRect();
                if (r.right > sheet.right + 1 || r.left < sheet.left - 1) out.push(`${el.dataset.testid} outside the sheet`);
                if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible') out.push(`${el.dataset.testid} cut off`);
              }
              return out;
            }
            """);
        Assert.True(problems.Length == 0, "The cart does not hold its text at 390 px: " + string.Join("; ", problems));
    }
}
