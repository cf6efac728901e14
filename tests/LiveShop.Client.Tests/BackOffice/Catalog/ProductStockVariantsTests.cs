using System.Net;
using LiveShop.Client.Features.BackOffice.Catalog;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;

namespace LiveShop.Client.Tests.BackOffice.Catalog;

/// <summary>The stock panel and the product list for a product with variants (issue 11).</summary>
public sealed class ProductStockVariantsTests : CatalogTestBase
{
    private static readonly ShopProductDto Scarf = Product("SCARF", "Silk scarf", price: 49m, stock: 10) with
    {
        Options = ["Colour"],
        Variants =
        [
            new ShopVariantDto(Guid.NewGuid(), "SCARF-I", ["Indigo"], null, 49m, 8, false, 0),
            new ShopVariantDto(Guid.NewGuid(), "SCARF-T", ["Tea"], null, 49m, 2, true, 1),
        ],
        IsLowStock = true,
    };

    [Fact]
    public void Stock_ProductWithVariants_ListsEachVariantAndTheLogSaysWhich()
    {
        GivenMember(ShopRole.Manager);
        GivenScarf(new StockAdjustmentDto(Guid.NewGuid(), DeviceNow.AddHours(-1), "Mei", 0, 2, "Initial stock", "Tea"));
        RenderProviders();

        var page = Ctx.Render<ProductForm>(p => p.Add(f => f.ShopId, ShopId).Add(f => f.ProductId, Scarf.Id));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=stock-log-line]")));
        Assert.Equal("10", page.Find("[data-testid=stock-now]").TextContent.Trim());
        Assert.Equal(["Indigo", "Tea"], page.FindAll("[data-testid=variant-stock-row]").Select(r => r.GetAttribute("data-label")));
        Assert.Equal(["8", "2"], page.FindAll("[data-testid=variant-stock-count]").Select(c => c.TextContent.Trim()));
        Assert.Single(page.FindAll("[data-testid=variant-stock-row][data-label=Tea] [data-testid=variant-stock-low]"));
        Assert.Empty(page.FindAll("[data-testid=variant-stock-row][data-label=Indigo] [data-testid=variant-stock-low]"));
        Assert.Equal("Tea", page.Find("[data-testid=stock-log-variant]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=adjust-stock]"));
    }

    [Fact]
    public void Adjust_OneVariant_SendsItsIdAndUpdatesItsStockAndTheTotal()
    {
        GivenMember(ShopRole.Manager);
        GivenScarf();
        var tea = Scarf.Variants![1];
        Api.Answer(HttpMethod.Post, ApiRoutes.ProductStock(ShopId, Scarf.Id), FakeApi.Json(HttpStatusCode.OK,
            new StockAdjustmentDto(Guid.NewGuid(), DeviceNow, "Mei", 2, 7, "Delivery", "Tea")));
        RenderProviders();
        var page = Ctx.Render<ProductForm>(p => p.Add(f => f.ShopId, ShopId).Add(f => f.ProductId, Scarf.Id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=stock-log-empty]")));

        page.Find("[data-testid=variant-stock-row][data-label=Tea] [data-testid=variant-stock-adjust]").Click();
        Dialogs.WaitForAssertion(() => Assert.Equal("Tea", Dialogs.Find("[data-testid=adjust-stock-variant]").TextContent.Trim()));
        Assert.Equal("Stock goes from 2 to 3.", Dialogs.Find("[data-testid=stock-after]").TextContent.Trim());
        Dialogs.Find("input[data-testid=stock-amount], [data-testid=stock-amount] input").Input("5");
        Dialogs.Find("input[data-testid=stock-reason], [data-testid=stock-reason] input").Input("Delivery");
        Dialogs.Find("[data-testid=adjust-stock-submit]").Click();

        page.WaitForAssertion(() => Assert.Single(Api.Sent, s => s.Method == HttpMethod.Post));
        Assert.Equal(new AdjustStockRequest(5, "Delivery", tea.Id), Body<AdjustStockRequest>(Api.Sent.Single(s => s.Method == HttpMethod.Post)));
        page.WaitForAssertion(() => Assert.Equal(["8", "7"], page.FindAll("[data-testid=variant-stock-count]").Select(c => c.TextContent.Trim())));
        Assert.Equal("15", page.Find("[data-testid=stock-now]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=variant-stock-low]"));
        Assert.Equal("Tea", page.Find("[data-testid=stock-log-variant]").TextContent.Trim());
        Assert.Equal("7", page.Find("[data-testid=variant-row][data-label=Tea] [data-testid=variant-stock]").TextContent.Trim());
    }

    [Fact]
    public void Adjust_FromTheVariantsGrid_OpensTheDialogForThatVariant()
    {
        GivenMember(ShopRole.Owner);
        GivenScarf();
        RenderProviders();
        var page = Ctx.Render<ProductForm>(p => p.Add(f => f.ShopId, ShopId).Add(f => f.ProductId, Scarf.Id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=variant-adjust]")));

        page.Find("[data-testid=variant-row][data-label=Indigo] [data-testid=variant-adjust]").Click();

        Dialogs.WaitForAssertion(() => Assert.Equal("Indigo", Dialogs.Find("[data-testid=adjust-stock-variant]").TextContent.Trim()));
        Assert.Equal("Stock goes from 8 to 9.", Dialogs.Find("[data-testid=stock-after]").TextContent.Trim());
    }

    [Fact]
    public void List_ProductWithVariants_SaysHowManyWithTheTotalAndLowMark()
    {
        GivenMember(ShopRole.Owner);
        Api.Answer(HttpMethod.Get, ApiRoutes.ShopProducts(ShopId), FakeApi.Json(HttpStatusCode.OK,
            new PageDto<ShopProductDto>([Scarf with { IsLowStock = false }, Product("JR-01", "Jade Face Roller", stock: 20)], 2)));

        var page = Ctx.Render<ProductList>(p => p.Add(l => l.ShopId, ShopId));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=product-stock]").Count));
        Assert.Equal("2 variants", page.Find("[data-testid=product-variants]").TextContent.Trim());
        Assert.Equal(["10", "20"], page.FindAll("[data-testid=product-stock]").Select(s => s.TextContent.Trim()));
        var low = Assert.Single(page.FindAll("[data-testid=low-stock]"));
        Assert.Equal("Low: Tea", low.GetAttribute("title"));
    }

    private void GivenScarf(params StockAdjustmentDto[] log)
    {
        Api.Answer(HttpMethod.Get, ApiRoutes.Shop(ShopId), FakeApi.Json(HttpStatusCode.OK,
            new ShopDto(ShopId, "Formosa Tea & Beauty", "formosa", null, "GR", Currencies.Eur, "shop@liveshop.test", "Europe/Athens", false)));
        Api.Answer(HttpMethod.Get, ApiRoutes.ShopProduct(ShopId, Scarf.Id), FakeApi.Json(HttpStatusCode.OK, Scarf));
        Api.Answer(HttpMethod.Get, ApiRoutes.ProductStock(ShopId, Scarf.Id), FakeApi.Json(HttpStatusCode.OK, log));
    }
}
