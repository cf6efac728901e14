using System.Net;
using LiveShop.Client.Pages.Host;
using LiveShop.Client.Tests.BackOffice.Catalog;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests.Pages.Host;

/// <summary>
/// The create and edit pages of a show against a fake API: both list only the show's shop's products,
/// the edit page starts from the show and sends the lineup in the order the host put it.
/// </summary>
public sealed class ShowFormPagesTests : CatalogTestBase
{
    private static readonly Guid ShowId = Guid.Parse("5b0b0000-0000-0000-0000-0000000000aa");
    private static readonly DateTimeOffset Start = new(2025, 3, 20, 18, 30, 12, TimeSpan.Zero);

    private readonly ShopProductDto _jade = Product("JADE-01", "Jade Face Roller");
    private readonly ShopProductDto _oolong = Product("OOL-150", "Alishan Oolong");
    private readonly ShopProductDto _teapot = Product("POT-180", "Clay Teapot");

    [Fact]
    public void Create_ListsOnlyTheHostsShopsProducts_AndSendsTheShopAndTheTickOrder()
    {
        GivenMember(ShopRole.Host);
        GivenShopProducts(_jade, _oolong);
        Api.Answer(HttpMethod.Post, ApiRoutes.Shows, FakeApi.Json(HttpStatusCode.Created, Detail(_oolong, _jade)));
        var page = Ctx.Render<CreateShow>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=pick-product]").Count));
        Assert.Equal(["Jade Face Roller", "Alishan Oolong"], page.FindAll("[data-testid=pick-product] .ls-picker__name").Select(e => e.TextContent));
        Assert.DoesNotContain(Addresses, a => a.StartsWith($"GET {ApiRoutes.Products}", StringComparison.Ordinal));
        Assert.Contains($"GET {ApiRoutes.ShopProducts(ShopId)}?archived=false&lowStock=false&currency=TWD&page=0&pageSize=100", Addresses);

        Field(page, "show-title-input").Input("Sunday teapot clinic");
        page.Find("[data-testid=pick-product][data-sku=OOL-150] input").Change(true);
        page.Find("[data-testid=pick-product][data-sku=JADE-01] input").Change(true);
        page.Find("[data-testid=create-show-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(Api.Sent, s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.Shows));
        var sent = Body<CreateShowRequest>(Api.Sent.Single(s => s.Method == HttpMethod.Post));
        Assert.Equal(ShopId, sent.ShopId);
        Assert.Equal([_oolong.Id, _jade.Id], sent.ProductIds);
    }

    [Fact]
    public void Create_ACreatorAddsBrandsProducts_InTheShowsCurrency_NamedWithTheirBrandAndRate()
    {
        GivenMember(ShopRole.Owner);
        GivenShopProducts(_jade);
        var cup = new CreatorProductDto(Guid.NewGuid(), Guid.NewGuid(), "Yingge Kilns", "Celadon cup", null, 880m, Currencies.Twd, 0.15m);
        var oil = new CreatorProductDto(Guid.NewGuid(), Guid.NewGuid(), "Aegean Olive Co.", "Olive oil", null, 18.5m, Currencies.Eur, 0.1m);
        Api.Answer(HttpMethod.Get, ApiRoutes.CreatorProducts, FakeApi.Json(HttpStatusCode.OK, new[] { cup, oil }));
        Api.Answer(HttpMethod.Post, ApiRoutes.Shows, FakeApi.Json(HttpStatusCode.Created, Detail(_jade)));
        var page = Ctx.Render<CreateShow>();

        // Only the cup sells in the show's currency (TWD); it says whose it is and what the creator earns.
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=pick-brand-product]")));
        var offered = page.Find("[data-testid=pick-brand-product]");
        Assert.Equal(cup.ProductId.ToString(), offered.GetAttribute("data-product-id"));
        Assert.Contains("Yingge Kilns", offered.TextContent, StringComparison.Ordinal);
        Assert.Contains("15.0%", offered.TextContent.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        Field(page, "show-title-input").Input("Tea ware night");
        page.Find("[data-testid=pick-product][data-sku=JADE-01] input").Change(true);
        offered.QuerySelector("input")!.Change(true);
        Assert.Equal(["Jade Face Roller", "Celadon cup (Yingge Kilns)"], page.FindAll("[data-testid=lineup-item-name]").Select(e => e.TextContent));
        page.Find("[data-testid=create-show-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(Api.Sent, s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.Shows));
        Assert.Equal([_jade.Id, cup.ProductId], Body<CreateShowRequest>(Api.Sent.Single(s => s.Method == HttpMethod.Post)).ProductIds);
    }

    [Fact]
    public void Create_HostOfNoShop_SaysToOpenOneAndListsNoProducts()
    {
        Api.Answer(HttpMethod.Get, ApiRoutes.Shops, FakeApi.Json(HttpStatusCode.OK, Array.Empty<MyShopDto>()));
        var page = Ctx.Render<CreateShow>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-shop]")));
        Assert.Empty(page.FindAll("[data-testid=pick-product]"));
    }

    [Fact]
    public void Edit_LoadsTheShow_MovesAProductDown_AndSendsTheNewOrder()
    {
        GivenShopProducts(_jade, _oolong, _teapot);
        Api.Answer(HttpMethod.Get, ApiRoutes.Show(ShowId) + "/edit", FakeApi.Json(HttpStatusCode.OK, new ShowEditDto(Detail(_jade, _oolong, _teapot), 0.15m, "cohost@liveshop.test", 0.4m)));
        Api.Answer(HttpMethod.Put, ApiRoutes.Show(ShowId), FakeApi.Json(HttpStatusCode.OK, Detail(_oolong, _jade, _teapot)));
        var page = Ctx.Render<EditShow>(p => p.Add(c => c.Id, ShowId));

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=lineup-item]").Count));
        Assert.Equal("Spring tea night", Field(page, "show-title-input").GetAttribute("value"));
        Assert.Equal("cohost@liveshop.test", Field(page, "show-cohost-input").GetAttribute("value"));
        Assert.Equal(["Jade Face Roller", "Alishan Oolong", "Clay Teapot"], LineupNames(page));

        page.FindAll("[data-testid=lineup-down]")[0].Click();

        Assert.Equal(["Alishan Oolong", "Jade Face Roller", "Clay Teapot"], LineupNames(page));
        page.Find("[data-testid=edit-show-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(Api.Sent, s => s.Method == HttpMethod.Put));
        var sent = Body<UpdateShowRequest>(Api.Sent.Single(s => s.Method == HttpMethod.Put));
        Assert.Equal([_oolong.Id, _jade.Id, _teapot.Id], sent.ProductIds);
        Assert.Equal(("Spring tea night", Start), (sent.Title, sent.ScheduledStart));
        Assert.Equal((0.15m, "cohost@liveshop.test", 0.4m), (sent.CommissionRate, sent.CoHostEmail, sent.CoHostShare));
        Assert.Contains($"GET {ApiRoutes.ShopProducts(ShopId)}?archived=false&lowStock=false&currency=TWD&page=0&pageSize=100", Addresses);
    }

    [Fact]
    public void Edit_RefusedByTheServer_ShowsItsSentence()
    {
        Api.Answer(HttpMethod.Get, ApiRoutes.Show(ShowId) + "/edit", FakeApi.Problem(HttpStatusCode.Forbidden, ProblemCodes.ShopRoleTooLow, "As a host of Formosa you cannot edit this show."));
        var page = Ctx.Render<EditShow>(p => p.Add(c => c.Id, ShowId));

        page.WaitForAssertion(() => Assert.Equal("As a host of Formosa you cannot edit this show.", page.Find("[data-testid=edit-load-error]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=edit-show-form]"));
    }

    private static List<string> LineupNames(IRenderedComponent<EditShow> page) =>
        [.. page.FindAll("[data-testid=lineup-item-name]").Select(e => e.TextContent)];

    private void GivenShopProducts(params ShopProductDto[] products) =>
        Api.Answer(HttpMethod.Get, ApiRoutes.ShopProducts(ShopId), FakeApi.Json(HttpStatusCode.OK, new PageDto<ShopProductDto>(products, products.Length)));

    private static ShowDetailDto Detail(params ShopProductDto[] lineup) => new(
        ShowId,
        "Spring tea night",
        "Oolong and teapots.",
        new HostDto(Guid.NewGuid(), "Mei Lin"),
        ShowStatus.Scheduled,
        Start,
        null,
        null,
        Currencies.Twd,
        new VideoSourceDto(VideoSourceKind.StreamUrl, "/media/demo.mp4", null),
        [.. lineup.Select((p, i) => new LineupItemDto(p.Id, p.Sku, p.Name, p.ImageUrl, p.Price, p.Currency, p.Stock, i))],
        ShopId: ShopId);
}
