using System.Net;
using AngleSharp.Dom;
using LiveShop.Client.Features.BackOffice.Catalog;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;

namespace LiveShop.Client.Tests.BackOffice.Catalog;

/// <summary>The product form's options and variants grid, against the contracts of issue 11.</summary>
public sealed class ProductVariantsTests : CatalogTestBase
{
    public ProductVariantsTests()
    {
        GivenMember(ShopRole.Manager);
        Api.Answer(HttpMethod.Get, ApiRoutes.Shop(ShopId), FakeApi.Json(HttpStatusCode.OK,
            new ShopDto(ShopId, "Formosa Tea & Beauty", "formosa", null, "GR", Currencies.Eur, "shop@liveshop.test", "Europe/Athens", false)));
    }

    [Fact]
    public void Generate_TwoOptionsOfTwoValues_FourRowsWithSuggestedSkus()
    {
        RenderProviders();
        var page = RenderNew();
        Field(page, "product-sku").Input("SCARF");

        AddOption(page, "Colour", "Indigo, Tea");
        AddOption(page, "Size", "S, M");
        Assert.Equal(["Indigo", "Tea", "S", "M"], page.FindAll("[data-testid=option-value]").Select(c => c.TextContent.Trim()));
        page.Find("[data-testid=generate-variants]").Click();

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=variant-row]").Count));
        Assert.Equal(["Indigo / S", "Indigo / M", "Tea / S", "Tea / M"], page.FindAll("[data-testid=variant-row]").Select(r => r.GetAttribute("data-label")));
        Assert.Equal(["SCARF-I-S", "SCARF-I-M", "SCARF-T-S", "SCARF-T-M"], Inputs(page, "variant-sku").Select(i => i.GetAttribute("value")));
        Assert.Empty(page.FindAll("input[data-testid=product-initial-stock], [data-testid=product-initial-stock] input"));
    }

    [Fact]
    public void Generate_AgainAfterAddingAValue_KeepsTheEditedRows()
    {
        RenderProviders();
        var page = RenderNew();
        Field(page, "product-sku").Input("SCARF");
        AddOption(page, "Colour", "Tea, Taupe");
        page.Find("[data-testid=generate-variants]").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=variant-row]").Count));
        Inputs(page, "variant-sku")[0].Input("SCARF-MY-TEA");

        Inputs(page, "option-values-input")[0].Input("Jade");
        page.Find("[data-testid=option-values-add]").Click();
        page.Find("[data-testid=generate-variants]").Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=variant-row]").Count));
        // Tea and Taupe share an initial, so that option's values are written out.
        Assert.Equal(["SCARF-MY-TEA", "SCARF-TAUPE", "SCARF-JADE"], Inputs(page, "variant-sku").Select(i => i.GetAttribute("value")));
    }

    [Fact]
    public void Save_NewProductWithVariants_SendsOptionsValuesPricesAndStartingStock()
    {
        var created = Product("SCARF", "Silk scarf");
        Api.Answer(HttpMethod.Post, ApiRoutes.ShopProducts(ShopId), FakeApi.Json(HttpStatusCode.Created, created));
        RenderProviders();
        var page = RenderNew();
        Field(page, "product-sku").Input("SCARF");
        Field(page, "product-name-input").Input("Silk scarf");
        Field(page, "product-price-input").Input("49");
        AddOption(page, "Colour", "Indigo, Tea");
        AddOption(page, "Size", "S, M");
        page.Find("[data-testid=generate-variants]").Click();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=variant-row]").Count));

        Assert.Equal("€49.00", Inputs(page, "variant-price")[0].GetAttribute("placeholder"));
        Inputs(page, "variant-price")[1].Input("55");
        Inputs(page, "variant-stock")[0].Input("3");
        Inputs(page, "variant-stock")[3].Input("7");
        Row(page, "Tea / S").QuerySelector("[data-testid=remove-variant]")!.Click();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=variant-row]").Count));
        page.Find("[data-testid=product-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(Api.Sent, s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.ShopProducts(ShopId)));
        var sent = Body<SaveProductRequest>(Api.Sent.Single(s => s.Method == HttpMethod.Post));
        Assert.Equal(["Colour", "Size"], sent.Options!);
        Assert.Equal(0, sent.InitialStock);
        Assert.Collection(
            sent.Variants!,
            v => AssertVariant(v, ["Indigo", "S"], "SCARF-I-S", null, 3),
            v => AssertVariant(v, ["Indigo", "M"], "SCARF-I-M", 55m, 0),
            v => AssertVariant(v, ["Tea", "M"], "SCARF-T-M", null, 7));
    }

    [Fact]
    public void Save_ProductWithoutOptions_SendsNoVariants()
    {
        Api.Answer(HttpMethod.Post, ApiRoutes.ShopProducts(ShopId), FakeApi.Json(HttpStatusCode.Created, Product("JR-01", "Jade Face Roller")));
        RenderProviders();
        var page = RenderNew();
        Field(page, "product-sku").Input("JR-01");
        Field(page, "product-name-input").Input("Jade Face Roller");
        Field(page, "product-price-input").Input("24.90");
        Field(page, "product-initial-stock").Input("12");
        page.Find("[data-testid=product-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(Api.Sent, s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.ShopProducts(ShopId)));
        var sent = Body<SaveProductRequest>(Api.Sent.Single(s => s.Method == HttpMethod.Post));
        Assert.Null(sent.Options);
        Assert.Null(sent.Variants);
        Assert.Equal(12, sent.InitialStock);
    }

    [Fact]
    public void Edit_VariantWithStock_CannotBeRemovedAndAnEmptyOneCan()
    {
        var product = Scarf(indigoStock: 4, teaStock: 0);
        GivenProduct(product);
        Api.Answer(HttpMethod.Put, ApiRoutes.ShopProduct(ShopId, product.Id), FakeApi.Json(HttpStatusCode.OK, product with { Variants = [product.Variants![0]] }));
        RenderProviders();
        var page = RenderEdit(product);

        var indigoRemove = Row(page, "Indigo").QuerySelector("[data-testid=remove-variant]")!;
        Assert.True(indigoRemove.HasAttribute("disabled"));
        Assert.Equal("“Indigo” has 4 in stock: adjust it to 0 to remove it", indigoRemove.GetAttribute("aria-label"));
        Assert.Equal("4", Row(page, "Indigo").QuerySelector("[data-testid=variant-stock]")!.TextContent.Trim());
        Assert.Empty(Row(page, "Indigo").QuerySelectorAll("input[data-testid=variant-stock], [data-testid=variant-stock] input"));

        Row(page, "Tea").QuerySelector("[data-testid=remove-variant]")!.Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=variant-row]")));
        page.Find("[data-testid=product-form]").Submit();

        page.WaitForAssertion(() => Assert.Single(Api.Sent, s => s.Method == HttpMethod.Put));
        var sent = Body<SaveProductRequest>(Api.Sent.Single(s => s.Method == HttpMethod.Put));
        var kept = Assert.Single(sent.Variants!);
        Assert.Equal(product.Variants![0].Id, kept.Id);
        Assert.Equal(["Indigo"], kept.Values);
    }

    [Fact]
    public void Save_ServerRefusesRemovingAVariant_ShowsItsSentence()
    {
        var product = Scarf(indigoStock: 0, teaStock: 0);
        GivenProduct(product);
        Api.Answer(HttpMethod.Put, ApiRoutes.ShopProduct(ShopId, product.Id),
            FakeApi.Problem(HttpStatusCode.Conflict, ProblemCodes.VariantHasStock, "“Tea” still has 2 in stock: adjust its stock to 0 before removing it."));
        RenderProviders();
        var page = RenderEdit(product);

        Row(page, "Tea").QuerySelector("[data-testid=remove-variant]")!.Click();
        page.Find("[data-testid=product-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal("“Tea” still has 2 in stock: adjust its stock to 0 before removing it.",
            page.Find("[data-testid=product-save-error]").TextContent.Trim()));
    }

    [Fact]
    public void AddOption_ThreeAlready_IsDisabledAndSaysTheLimit()
    {
        RenderProviders();
        var page = RenderNew();

        for (var i = 0; i < Limits.ProductOptionsMax; i++)
        {
            page.Find("[data-testid=add-option]").Click();
        }

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=option]").Count));
        Assert.True(page.Find("[data-testid=add-option]").HasAttribute("disabled"));
        Assert.Equal("A product has at most 3 options.", page.Find("[data-testid=options-max]").TextContent.Trim());
    }

    [Fact]
    public void Generate_MoreThanAHundredCombinations_RefusesAndSaysHowMany()
    {
        RenderProviders();
        var page = RenderNew();
        AddOption(page, "Colour", string.Join(", ", Enumerable.Range(1, 11).Select(n => $"C{n}")));
        AddOption(page, "Size", string.Join(", ", Enumerable.Range(1, 10).Select(n => $"S{n}")));

        page.Find("[data-testid=generate-variants]").Click();

        page.WaitForAssertion(() => Assert.Equal("These values make 110 variants; a product has at most 100. Remove some values.",
            page.Find("[data-testid=variants-message]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=variant-row]"));
    }

    [Fact]
    public void Save_OptionWithoutVariants_SaysToGenerateAndSendsNothing()
    {
        RenderProviders();
        var page = RenderNew();
        Field(page, "product-sku").Input("SCARF");
        Field(page, "product-name-input").Input("Silk scarf");
        AddOption(page, "Colour", "Indigo");

        page.Find("[data-testid=product-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal("Generate the variants (or remove the options) before saving.",
            page.Find("[data-testid=product-save-error]").TextContent.Trim()));
        Assert.DoesNotContain(Api.Sent, s => s.Method == HttpMethod.Post);
    }

    private static void AssertVariant(SaveVariantRequest variant, string[] values, string sku, decimal? price, int initialStock)
    {
        Assert.Null(variant.Id);
        Assert.Equal(values, variant.Values);
        Assert.Equal(sku, variant.Sku);
        Assert.Equal(price, variant.PriceOverride);
        Assert.Equal(initialStock, variant.InitialStock);
    }

    private static ShopProductDto Scarf(int indigoStock, int teaStock) => Product("SCARF", "Silk scarf", price: 49m, stock: indigoStock + teaStock) with
    {
        Options = ["Colour"],
        Variants =
        [
            new ShopVariantDto(Guid.NewGuid(), "SCARF-I", ["Indigo"], null, 49m, indigoStock, indigoStock <= 3, 0),
            new ShopVariantDto(Guid.NewGuid(), "SCARF-T", ["Tea"], 55m, 55m, teaStock, teaStock <= 3, 1),
        ],
    };

    private void GivenProduct(ShopProductDto product)
    {
        Api.Answer(HttpMethod.Get, ApiRoutes.ShopProduct(ShopId, product.Id), FakeApi.Json(HttpStatusCode.OK, product));
        Api.Answer(HttpMethod.Get, ApiRoutes.ProductStock(ShopId, product.Id), FakeApi.Json(HttpStatusCode.OK, Array.Empty<StockAdjustmentDto>()));
    }

    private IRenderedComponent<ProductForm> RenderNew()
    {
        var page = Ctx.Render<ProductForm>(p => p.Add(f => f.ShopId, ShopId));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=add-option]")));
        return page;
    }

    private IRenderedComponent<ProductForm> RenderEdit(ShopProductDto product)
    {
        var page = Ctx.Render<ProductForm>(p => p.Add(f => f.ShopId, ShopId).Add(f => f.ProductId, product.Id));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=remove-variant]")));
        return page;
    }

    /// <summary>Adds an option with its name and comma-separated values, as a person types them.</summary>
    private static void AddOption(IRenderedComponent<ProductForm> page, string name, string values)
    {
        page.Find("[data-testid=add-option]").Click();
        Inputs(page, "option-name")[^1].Input(name);
        Inputs(page, "option-values-input")[^1].Input(values);
        page.FindAll("[data-testid=option-values-add]")[^1].Click();
    }

    private static IElement Row(IRenderedComponent<ProductForm> page, string label) =>
        page.FindAll("[data-testid=variant-row]").Single(r => r.GetAttribute("data-label") == label);

    private static IReadOnlyList<IElement> Inputs(IRenderedComponent<ProductForm> page, string testId) =>
        page.FindAll($"input[data-testid={testId}], [data-testid={testId}] input");
}
