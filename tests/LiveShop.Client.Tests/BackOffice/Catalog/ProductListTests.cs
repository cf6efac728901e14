using System.Net;
using LiveShop.Client.Features.BackOffice.Catalog;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;

namespace LiveShop.Client.Tests.BackOffice.Catalog;

public sealed class ProductListTests : CatalogTestBase
{
    [Fact]
    public void Render_NewShopOwner_SaysAddYourFirstProductWithTheCsvOption()
    {
        GivenMember(ShopRole.Owner);
        Api.Answer(HttpMethod.Get, ApiRoutes.ShopProducts(ShopId), FakeApi.Json(HttpStatusCode.OK, new PageDto<ShopProductDto>([], 0)));

        var page = Ctx.Render<ProductList>(p => p.Add(l => l.ShopId, ShopId));

        page.WaitForAssertion(() => Assert.Contains("Add your first product", page.Find("[data-testid=products-empty]").TextContent, StringComparison.Ordinal));
        Assert.Equal($"shops/{ShopId}/products/new", page.Find("[data-testid=empty-add-product]").GetAttribute("href"));
        Assert.Equal($"shops/{ShopId}/catalog/import", page.Find("[data-testid=empty-import-csv]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=product-grid]"));
        Assert.Contains($"GET /api/shops/{ShopId}/products?archived=false&lowStock=false&page=0&pageSize=25", Addresses);
    }

    [Fact]
    public void Render_HostMember_SeesTheProductsWithoutEditActions()
    {
        GivenMember(ShopRole.Host);
        var jade = Product("JR-01", "Jade Face Roller", stock: 2) with { CompareAtPrice = 890m };
        Api.Answer(HttpMethod.Get, ApiRoutes.ShopProducts(ShopId), FakeApi.Json(HttpStatusCode.OK, new PageDto<ShopProductDto>([jade], 1)));

        var page = Ctx.Render<ProductList>(p => p.Add(l => l.ShopId, ShopId));

        page.WaitForAssertion(() => Assert.Equal("Jade Face Roller", page.Find("[data-testid=product-name]").TextContent));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=shop-switcher]")));
        Assert.Equal("NT$690", page.Find("[data-testid=product-price]").TextContent);
        Assert.Equal("NT$890", page.Find("[data-testid=product-compare-at]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=low-stock]"));
        Assert.NotEmpty(page.FindAll("[data-testid=export-csv]"));
        Assert.Empty(page.FindAll("[data-testid=add-product]"));
        Assert.Empty(page.FindAll("[data-testid=import-csv]"));
        Assert.Empty(page.FindAll("[data-testid=archive-product]"));
        Assert.Empty(page.FindAll("[data-testid=duplicate-product]"));
        Assert.Empty(page.FindAll("input[type=checkbox]"));
    }

    [Fact]
    public void Render_Owner_SeesEditActionsOnEveryRow()
    {
        GivenMember(ShopRole.Owner);
        Api.Answer(HttpMethod.Get, ApiRoutes.ShopProducts(ShopId), FakeApi.Json(HttpStatusCode.OK,
            new PageDto<ShopProductDto>([Product("JR-01", "Jade Face Roller"), Product("GS-02", "Gua Sha Stone")], 2)));

        var page = Ctx.Render<ProductList>(p => p.Add(l => l.ShopId, ShopId));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=archive-product]").Count));
        Assert.Equal(2, page.FindAll("[data-testid=duplicate-product]").Count);
        Assert.NotEmpty(page.FindAll("[data-testid=add-product]"));
    }
}
