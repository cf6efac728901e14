using System.Net;
using LiveShop.Client.Features.BackOffice.Catalog;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;

namespace LiveShop.Client.Tests.BackOffice.Catalog;

/// <summary>The product form's "Prices in other currencies" rows: what the shop sees and what is sent.</summary>
public sealed class ProductExtraPricesTests : CatalogTestBase
{
    public ProductExtraPricesTests()
    {
        GivenMember(ShopRole.Manager);
        Api.Answer(HttpMethod.Get, ApiRoutes.Shop(ShopId), FakeApi.Json(HttpStatusCode.OK,
            new ShopDto(ShopId, "Formosa Tea & Beauty", "formosa", null, "TW", Currencies.Twd, "shop@liveshop.test", "Asia/Taipei", false)));
    }

    [Fact]
    public void Save_SendsEveryExtraPriceRow_ANewOneInTheFirstFreeCurrency_ARemovedOneNot()
    {
        var product = Product("TEA-01", "Oolong", price: 890m) with
        {
            Prices = [new ProductPriceDto(Currencies.Eur, 26.90m, 29.90m), new ProductPriceDto(Currencies.Usd, 29m, null)],
        };
        Api.Answer(HttpMethod.Get, ApiRoutes.ShopProduct(ShopId, product.Id), FakeApi.Json(HttpStatusCode.OK, product));
        Api.Answer(HttpMethod.Get, ApiRoutes.ProductStock(ShopId, product.Id), FakeApi.Json(HttpStatusCode.OK, Array.Empty<StockAdjustmentDto>()));
        Api.Answer(HttpMethod.Put, ApiRoutes.ShopProduct(ShopId, product.Id), FakeApi.Json(HttpStatusCode.OK, product));
        RenderProviders();
        var page = Ctx.Render<ProductForm>(p => p.Add(f => f.ShopId, ShopId).Add(f => f.ProductId, product.Id));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=extra-price-row]").Count));

        // USD goes; a new row takes CNY, the first supported currency that is neither TWD (main) nor EUR.
        page.Find("[data-testid=extra-price-row][data-currency=USD] [data-testid=remove-extra-price]").Click();
        page.Find("[data-testid=add-extra-price]").Click();
        var added = page.Find("[data-testid=extra-price-row][data-currency=CNY]");
        added.QuerySelector("[data-testid=extra-price-amount] input, input[data-testid=extra-price-amount]")!.Input("199");
        page.Find("[data-testid=product-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(Api.Sent, s => s.Method == HttpMethod.Put));
        var sent = Body<SaveProductRequest>(Api.Sent.Single(s => s.Method == HttpMethod.Put));
        Assert.Equal([new ProductPriceDto(Currencies.Eur, 26.90m, 29.90m), new ProductPriceDto(Currencies.Cny, 199m, null)], sent.Prices!);
        Assert.Equal((890m, Currencies.Twd), (sent.Price, sent.Currency));
    }

    [Fact]
    public void Save_ARowWithoutAPrice_SaysWhichCurrency_AndSendsNothing()
    {
        RenderProviders();
        var page = Ctx.Render<ProductForm>(p => p.Add(f => f.ShopId, ShopId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=add-extra-price]")));
        Field(page, "product-sku").Input("TEA-02");
        Field(page, "product-name-input").Input("Black tea");
        Field(page, "product-price-input").Input("590");

        page.Find("[data-testid=add-extra-price]").Click();
        page.Find("[data-testid=product-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal("Give the price in CNY, or remove its row.", page.Find("[data-testid=product-save-error]").TextContent.Trim()));
        Assert.DoesNotContain(Api.Sent, s => s.Method == HttpMethod.Post);
    }
}
