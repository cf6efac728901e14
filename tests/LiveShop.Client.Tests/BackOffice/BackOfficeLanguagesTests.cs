using System.Globalization;
using System.Net;
using System.Resources;
using LiveShop.Client.Features.BackOffice;
using LiveShop.Client.Features.BackOffice.Catalog;
using LiveShop.Client.Features.BackOffice.Orders;
using LiveShop.Client.Pages.Account;
using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.BackOffice;

/// <summary>
/// The back office and the sign-in page as a seller in Shanghai (zh-CN) or Athens (el) reads them: headings, buttons,
/// MudBlazor's own labels and the validation sentences come from the resources, and prices and dates are written the
/// way that culture writes them. Each test sets the culture for its own flow and puts it back.
/// </summary>
public sealed class BackOfficeLanguagesTests : BunitTestBase, IDisposable
{
    private static readonly Guid ShopId = Guid.Parse("0193a000-0000-7000-8000-0000000000c1");
    private static readonly Guid OwnerId = Guid.Parse("0193a000-0000-7000-8000-0000000000c2");

    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
    private readonly FakeApi _api;

    public BackOfficeLanguagesTests()
        : this(new FakeApi())
    {
    }

    private BackOfficeLanguagesTests(FakeApi api)
        : base(services =>
        {
            services.AddSingleton(api.Client());
            services.AddTransient<MudLocalizer, LiveShopMudLocalizer>();
        })
    {
        _api = api;
        _api.Answer(HttpMethod.Get, ApiRoutes.Shops, FakeApi.Json(HttpStatusCode.OK, new List<MyShopDto> { new(ShopId, "上海茶庄", "shanghai-tea", null, ShopRole.Owner, false) }));
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }

    [Fact]
    public void ProductList_InSimplifiedChinese_ReadsInChineseWithYuanAndChineseDates()
    {
        var zh = Speak("zh-CN");
        var updated = DeviceNow.AddHours(-2);
        var tea = new ShopProductDto(Guid.NewGuid(), ShopId, "OOL-150", "阿里山乌龙茶", "", 1290m, null, Currencies.Cny, 12, 3, false, false, "", [], DeviceNow.AddDays(-3), updated);
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopProducts(ShopId), FakeApi.Json(HttpStatusCode.OK, new PageDto<ShopProductDto>([tea], 1)));

        var page = Ctx.Render<ProductList>(p => p.Add(l => l.ShopId, ShopId));

        page.WaitForAssertion(() => Assert.Equal("添加商品", page.Find("[data-testid=add-product]").TextContent.Trim()));
        Assert.Equal("商品", page.Find("h1").TextContent.Trim());
        Assert.Equal("按名称或货号搜索", page.Find("[data-testid=product-search] input, input[data-testid=product-search]").GetAttribute("placeholder"));
        Assert.Equal("¥1,290.00", page.Find("[data-testid=product-price]").TextContent);
        Assert.Contains(updated.ToLocalTime().ToString("g", zh), page.Find("[data-testid=product-grid] tbody").TextContent, StringComparison.Ordinal);
        Assert.Contains("第 1–1 项，共 1 项", page.Find("[data-testid=product-pager]").TextContent, StringComparison.Ordinal);

        // MudBlazor's own label on the select-all box, through LiveShopMudLocalizer.
        Assert.Contains("选择所有行", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Select all rows", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ShopOrdersPage_InGreek_ReadsInGreekWithEurosWrittenTheGreekWay()
    {
        var el = Speak("el");
        var placed = DeviceNow.AddMinutes(-5);
        var paid = Order("PAID0001", OrderStatus.Paid, placed) with { Currency = Currencies.Eur, Total = 1290m };
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopShows(ShopId), FakeApi.Json(HttpStatusCode.OK, new List<ShowSummaryDto>()));
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopOrders(ShopId), FakeApi.Json(HttpStatusCode.OK,
            new ShopOrdersPageDto([paid], 1, 0, 50, [new OrderTotalsDto(Currencies.Eur, 1, 1290m, 0, 1290m)])));

        var page = Ctx.Render<ShopOrdersPage>(p => p.Add(c => c.ShopId, ShopId).AddCascadingValue(SignedIn.As(OwnerId, "Ελένη", Roles.Host)));
        page.WaitForElement("[data-testid=shop-orders-table]");

        Assert.Equal("Παραγγελίες", page.Find("h1").TextContent.Trim());
        Assert.Equal("Σήμανση ως συσκευασμένη", page.Find("[data-testid=bulk-pack]").TextContent.Trim());
        Assert.Equal("Επιλέξτε παραγγελίες για να τις συσκευάσετε ή να τις στείλετε μαζί.", page.Find("[data-testid=selected-count]").TextContent.Trim());
        var row = page.Find("[data-testid=shop-order-row]");
        Assert.Equal("1.290,00\u00A0€", row.QuerySelector("td.text-right")!.TextContent.Trim());
        Assert.Contains(placed.ToLocalTime().ToString("g", el), row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Καθαρό 1.290,00\u00A0€", page.Find("[data-testid=orders-totals]").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 παραγγελία", page.Find("[data-testid=orders-totals]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", "登录", "邮箱", "以游客身份继续", "请输入你的邮箱。")]
    [InlineData("el", "Σύνδεση", "Email", "Συνέχεια ως επισκέπτης", "Εισαγάγετε το email σας.")]
    public void SignIn_InTheReadersLanguage_LabelsButtonsAndValidationAreTranslated(string culture, string signIn, string email, string guest, string enterEmail)
    {
        Speak(culture);

        var page = Ctx.Render<SignIn>();

        Assert.Equal(signIn, page.Find("h1").TextContent.Trim());
        Assert.Equal(signIn, page.Find("[data-testid=sign-in-submit]").TextContent.Trim());
        Assert.Equal(guest, page.Find("[data-testid=continue-as-guest]").TextContent.Trim());
        Assert.Contains(page.FindAll("label"), l => l.TextContent.Trim() == email);

        page.Find("[data-testid=sign-in-form]").Submit();

        page.WaitForAssertion(() => Assert.Contains(enterEmail, page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Enter your email.", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-TW")]
    [InlineData("zh-CN")]
    [InlineData("el")]
    public void MudLocalizer_EveryMudBlazorTextItMaps_IsTranslated(string culture)
    {
        Speak(culture);
        var localizer = Ctx.Services.GetRequiredService<MudLocalizer>();

        var untranslated = LiveShopMudLocalizer.English
            .Where(e => localizer[e.Key] is var text && (text.ResourceNotFound || text.Value == e.Value))
            .Select(e => e.Key)
            .ToList();

        Assert.True(untranslated.Count == 0, $"No {culture} text for: {string.Join(", ", untranslated)}");
        Assert.True(localizer["MudSomething_Unknown"].ResourceNotFound);
    }

    [Theory]
    [InlineData("zh-TW")]
    [InlineData("zh-CN")]
    [InlineData("el")]
    public void ValidationSentences_HaveATranslationInEveryLanguage(string culture)
    {
        var language = CultureInfo.GetCultureInfo(culture);
        var shop = new ResourceManager(typeof(ShopText).FullName!, typeof(ShopText).Assembly);
        var account = new ResourceManager(typeof(AccountText).FullName!, typeof(AccountText).Assembly);

        var missing = ShopValidation.Keys.Where(k => shop.GetString(k, language) is not { Length: > 0 } t || t == k)
            .Concat(AccountValidation.Keys.Where(k => account.GetString(k, language) is not { Length: > 0 } t || t == k))
            .ToList();

        Assert.True(missing.Count == 0, $"No {culture} text for: {string.Join(" | ", missing)}");
    }

    private static CultureInfo Speak(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        return culture;
    }
}
