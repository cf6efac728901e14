using System.Net;
using LiveShop.Client.Features.BackOffice.Catalog;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;

namespace LiveShop.Client.Tests.BackOffice.Catalog;

public sealed class ProductFormTests : CatalogTestBase
{
    public ProductFormTests()
    {
        GivenMember(ShopRole.Manager);
        Api.Answer(HttpMethod.Get, ApiRoutes.Shop(ShopId), FakeApi.Json(HttpStatusCode.OK,
            new ShopDto(ShopId, "Formosa Tea & Beauty", "formosa", null, "GR", Currencies.Eur, "shop@liveshop.test", "Europe/Athens", false)));
    }

    [Fact]
    public void Save_NewProduct_SendsTheFormInTheShopsCurrency()
    {
        var created = Product("JR-01", "Jade Face Roller");
        Api.Answer(HttpMethod.Post, ApiRoutes.ShopProducts(ShopId), FakeApi.Json(HttpStatusCode.Created, created));
        RenderProviders();
        var page = RenderNew();

        Fill(page, sku: "JR-01", name: "Jade Face Roller", price: "24.90");
        Field(page, "product-compare-at-input").Input("29.90");
        Field(page, "product-initial-stock").Input("12");
        page.Find("[data-testid=product-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(Api.Sent, s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.ShopProducts(ShopId)));
        var sent = Body<SaveProductRequest>(Api.Sent.Single(s => s.Method == HttpMethod.Post));
        Assert.Equal(new SaveProductRequest("JR-01", "Jade Face Roller", null, 24.90m, 29.90m, Currencies.Eur, 5, 12), sent);
    }

    [Fact]
    public void Save_ServerRefuses_ShowsItsSentenceByTheForm()
    {
        Api.Answer(HttpMethod.Post, ApiRoutes.ShopProducts(ShopId),
            FakeApi.Problem(HttpStatusCode.Conflict, ProblemCodes.SkuTaken, "The SKU JR-01 is already used by Jade Face Roller."));
        RenderProviders();
        var page = RenderNew();

        Fill(page, sku: "JR-01", name: "Another roller", price: "19");
        page.Find("[data-testid=product-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal("The SKU JR-01 is already used by Jade Face Roller.", page.Find("[data-testid=product-save-error]").TextContent.Trim()));
        Assert.False(page.Find("[data-testid=product-save]").HasAttribute("disabled"));
    }

    [Fact]
    public void Photos_FirstIsCover_MovingRightSendsTheNewOrder()
    {
        var (front, side, box) = (Photo("front"), Photo("side"), Photo("box"));
        var product = Product("JR-01", "Jade Face Roller", photos: [front, side, box]);
        Api.Answer(HttpMethod.Get, ApiRoutes.ShopProduct(ShopId, product.Id), FakeApi.Json(HttpStatusCode.OK, product));
        Api.Answer(HttpMethod.Get, ApiRoutes.ProductStock(ShopId, product.Id), FakeApi.Json(HttpStatusCode.OK, Array.Empty<StockAdjustmentDto>()));
        Api.Answer(HttpMethod.Put, ApiRoutes.ProductPhotos(ShopId, product.Id), FakeApi.Json(HttpStatusCode.OK, product with { Photos = [side, front, box] }));
        RenderProviders();

        var page = Ctx.Render<ProductForm>(p => p.Add(f => f.ShopId, ShopId).Add(f => f.ProductId, product.Id));

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=photo]").Count));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=photo-right]")));
        AssertOrder(page, front, side, box);
        Assert.Single(page.FindAll("[data-testid=photo-cover]"));
        Assert.NotNull(page.Find($"[data-photo-id='{front.Id}'] [data-testid=photo-cover]"));

        page.FindAll("[data-testid=photo-right]")[0].Click();

        page.WaitForAssertion(() => Assert.Single(Api.Sent, s => s.Method == HttpMethod.Put));
        Assert.Equal([side.Id, front.Id, box.Id], Body<ReorderPhotosRequest>(Api.Sent.Single(s => s.Method == HttpMethod.Put)).PhotoIds);
        page.WaitForAssertion(() => AssertOrder(page, side, front, box));
        Assert.NotNull(page.Find($"[data-photo-id='{side.Id}'] [data-testid=photo-cover]"));
    }

    [Fact]
    public void Photos_ReorderRefused_GoesBackAndSaysWhy()
    {
        var (front, side) = (Photo("front"), Photo("side"));
        var product = Product("JR-01", "Jade Face Roller", photos: [front, side]);
        Api.Answer(HttpMethod.Get, ApiRoutes.ShopProduct(ShopId, product.Id), FakeApi.Json(HttpStatusCode.OK, product));
        Api.Answer(HttpMethod.Get, ApiRoutes.ProductStock(ShopId, product.Id), FakeApi.Json(HttpStatusCode.OK, Array.Empty<StockAdjustmentDto>()));
        Api.Answer(HttpMethod.Put, ApiRoutes.ProductPhotos(ShopId, product.Id),
            FakeApi.Problem(HttpStatusCode.BadRequest, ProblemCodes.PhotoOrderInvalid, "The photos changed meanwhile; reload and try again."));
        RenderProviders();

        var page = Ctx.Render<ProductForm>(p => p.Add(f => f.ShopId, ShopId).Add(f => f.ProductId, product.Id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=photo-left]")));
        page.FindAll("[data-testid=photo-left]")[1].Click();

        page.WaitForAssertion(() => Assert.Equal("The photos changed meanwhile; reload and try again.", page.Find("[data-testid=photos-error]").TextContent.Trim()));
        AssertOrder(page, front, side);
    }

    private IRenderedComponent<ProductForm> RenderNew()
    {
        var page = Ctx.Render<ProductForm>(p => p.Add(f => f.ShopId, ShopId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=product-save]")));
        return page;
    }

    private static void Fill(IRenderedComponent<ProductForm> page, string sku, string name, string price)
    {
        Field(page, "product-sku").Input(sku);
        Field(page, "product-name-input").Input(name);
        Field(page, "product-price-input").Input(price);
    }

    private static void AssertOrder(IRenderedComponent<ProductForm> page, params ProductPhotoDto[] photos) =>
        Assert.Equal(photos.Select(p => p.Id.ToString()), page.FindAll("[data-testid=photo]").Select(e => e.GetAttribute("data-photo-id")));
}
