using System.Globalization;
using LiveShop.Client.Components;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.Components;

/// <summary>
/// The viewer's card and cart in Traditional Chinese, Simplified Chinese and Greek: the words a shopper reads come
/// from ViewerText in their language, and prices are written their way (NT$1,290 in Chinese, 1.290 NT$ (a no-break space) in Greek).
/// Each test sets the culture for itself (it flows with the render) and puts it back.
/// </summary>
public sealed class ViewerLanguageTests : CheckoutTestBase, IDisposable
{
    private static readonly Guid ProductId = Guid.Parse("5d7c2a1b-3e4f-4a5b-8c6d-7e8f9a0b1c2d");
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    private static LineupItemDto Item(decimal price = 1290m) => new(
        ProductId: ProductId,
        Sku: "TEA-1",
        Name: "Alishan oolong 150g",
        ImageUrl: "https://img.example/oolong.jpg",
        Price: price,
        Currency: Currencies.Twd,
        Stock: 40,
        Position: 1);

    private static FlashSaleDto Sale(int sold) => new(
        Id: Guid.NewGuid(),
        ProductId: ProductId,
        Price: 1090m,
        ListPrice: 1290m,
        Currency: Currencies.Twd,
        StartsAt: DeviceNow.AddMinutes(-1),
        EndsAt: DeviceNow.AddMinutes(5),
        QuantityCap: 20,
        PerBuyerCap: 2,
        Sold: sold);

    [Theory]
    [InlineData("zh-TW", "立即購買", "NT$1,290", "立即購買：Alishan oolong 150g")]
    [InlineData("zh-CN", "立即购买", "NT$1,290", "立即购买：Alishan oolong 150g")]
    [InlineData("el", "Αγορά", "1.290\u00A0NT$", "Αγορά: Alishan oolong 150g")]
    public void ProductCard_InTheViewersLanguage_SaysBuyAndWritesThePriceTheirWay(string language, string buy, string price, string buyLabel)
    {
        Speak(language);

        var cut = Ctx.Render<ProductCard>(p => p.Add(c => c.Item, Item()).Add(c => c.OnBuy, (ProductChoice _) => { }));

        Assert.Equal(price, cut.Find("[data-testid=card-price]").TextContent.Trim());
        var button = cut.Find($"[data-testid=buy-{ProductId}]");
        Assert.Equal(buy, button.TextContent.Trim());
        Assert.Equal(buyLabel, button.GetAttribute("aria-label"));
    }

    [Theory]
    [InlineData("zh-TW", "NT$1,090", "NT$1,290", "剩 13 件", "限時特價", "原價 NT$1,290")]
    [InlineData("el", "1.090\u00A0NT$", "1.290\u00A0NT$", "απομένουν 13", "Προσφορά", "αρχική τιμή 1.290\u00A0NT$")]
    public void ProductCard_FlashSale_InTheViewersLanguage(string language, string flash, string list, string left, string tag, string wasLabel)
    {
        Speak(language);

        var cut = Ctx.Render<ProductCard>(p => p.Add(c => c.Item, Item()).Add(c => c.Sale, Sale(sold: 7)));

        Assert.Equal(flash, cut.Find("[data-testid=flash-price]").TextContent.Trim());
        var struck = cut.Find("[data-testid=list-price]");
        Assert.Equal(list, struck.TextContent.Trim());
        Assert.Equal(wasLabel, struck.GetAttribute("aria-label"));
        Assert.Equal(left, cut.Find("[data-testid=units-left]").TextContent.Trim());
        Assert.Contains(tag, cut.Find(".ls-card__flash-tag").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ProductCard_OneLeft_Greek_UsesTheSingular()
    {
        Speak("el");

        var cut = Ctx.Render<ProductCard>(p => p.Add(c => c.Item, Item()).Add(c => c.Sale, Sale(sold: 19)));

        Assert.Equal("απομένει 1", cut.Find("[data-testid=units-left]").TextContent.Trim());
    }

    [Theory]
    [InlineData("zh-TW", "購物車", "結帳", "NT$1,460", "總計", "（3 件）")]
    [InlineData("zh-CN", "购物车", "结算", "NT$1,460", "合计", "（3 件）")]
    [InlineData("el", "Το καλάθι σας", "Ολοκλήρωση αγοράς", "1.460\u00A0NT$", "Σύνολο", "(3 τεμάχια)")]
    public void CartSheet_InTheViewersLanguage_TitleCheckoutAndTotalTheirWay(string language, string title, string checkout, string total, string totalWord, string units)
    {
        Speak(language);
        GivenShow(jadeOnSale: true);
        Cart.Add(JadeItem, 2);
        Cart.Add(OolongItem);

        var sheet = RenderSheet();

        Assert.Equal(title, sheet.Find("[data-testid=sheet-title]").TextContent.Trim());
        Assert.Equal(checkout, sheet.Find("[data-testid=checkout-next]").TextContent.Trim());
        Assert.Equal(total, sheet.Find("[data-testid=cart-total]").TextContent.Trim());
        var footer = sheet.Find(".ls-sheet__total").TextContent;
        Assert.Contains(totalWord, footer, StringComparison.Ordinal);
        Assert.Contains(units, footer, StringComparison.Ordinal);
    }

    [Fact]
    public void CartSheet_Empty_Greek_NamesTheBuyButtonInBold()
    {
        Speak("el");
        GivenShow();

        var sheet = RenderSheet();

        var empty = sheet.Find("[data-testid=cart-empty]");
        Assert.Equal("Το καλάθι σας είναι άδειο. Πατήστε Αγορά σε ένα προϊόν για να το προσθέσετε.", empty.TextContent.Trim());
        Assert.Equal("Αγορά", empty.QuerySelector("strong")!.TextContent);
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }

    private static void Speak(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }
}
