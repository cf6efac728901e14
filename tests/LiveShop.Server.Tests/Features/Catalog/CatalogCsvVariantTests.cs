using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Catalog;

/// <summary>Products with variants in the catalog CSV (docs/catalog-csv.md): one row per variant, grouped by <c>sku</c>.</summary>
public class CatalogCsvVariantTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private const string Header = "sku,name,description,price,compare_at_price,currency,stock,low_stock_threshold,archived,variant_sku,option1_name,option1_value,option2_name,option2_value,option3_name,option3_value";
    private static readonly Guid Shop = DemoSeeder.DemoShopId;

    [Fact]
    public async Task Export_ThenImport_OfAProductWithVariants_ChangesNothing_ThenStockCellsSetEachVariant()
    {
        var owner = await OwnerAsync();
        var sku = Unique("TEE");
        var created = await owner.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(Shop), new SaveProductRequest(sku, "Tee", "", 500m, null, Currencies.Twd, 0, 0, ["Colour", "Size"],
        [
            new SaveVariantRequest(null, $"{sku}-RS", ["Red", "S"], null, 3),
            new SaveVariantRequest(null, $"{sku}-RM", ["Red", "M"], 550m, 0),
            new SaveVariantRequest(null, $"{sku}-XL", ["=SUM(A1)", "L"], null, 2),
        ]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var product = (await created.Content.ReadFromJsonAsync<ShopProductDto>())!;

        var exported = await owner.Http.GetByteArrayAsync(ApiRoutes.CatalogCsv(Shop));
        var rows = Encoding.UTF8.GetString(exported).Split("\r\n").Where(l => l.StartsWith(sku + ",", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            $"{sku},Tee,,500,,TWD,3,0,false,{sku}-RS,Colour,Red,Size,S,,",
            $"{sku},Tee,,550,,TWD,0,0,false,{sku}-RM,Colour,Red,Size,M,,",
            $"{sku},Tee,,500,,TWD,2,0,false,{sku}-XL,Colour,'=SUM(A1),Size,L,,", // A value a spreadsheet would run gets an apostrophe.
        ], rows);

        var preview = await ImportAsync(owner, exported, apply: false);
        Assert.Empty(preview.Errors);
        Assert.Equal((0, 0), (preview.Created, preview.Updated));

        // Red / S set to 8, and a new Blue / S with 4: the product's total follows, each change logged with its variant.
        var result = await ImportAsync(owner, Csv(rows[0].Replace(",3,0,false,", ",8,0,false,", StringComparison.Ordinal), rows[1], rows[2], $"{sku},Tee,,500,,TWD,4,0,false,{sku}-BS,Colour,Blue,Size,S,,"), apply: true);

        Assert.Equal((0, 1, true), (result.Created, result.Updated, result.Applied));
        var after = (await owner.Http.GetFromJsonAsync<ShopProductDto>(ApiRoutes.ShopProduct(Shop, product.Id)))!;
        Assert.Equal([("Red / S", 8), ("Red / M", 0), ("=SUM(A1) / L", 2), ("Blue / S", 4)], after.Variants!.OrderBy(v => v.Position).Select(v => (VariantLabels.Join(v.Values), v.Stock)));
        Assert.Equal(14, after.Stock);
        var log = (await owner.Http.GetFromJsonAsync<List<StockAdjustmentDto>>(ApiRoutes.ProductStock(Shop, product.Id)))!;
        Assert.Contains(log, l => (l.Variant, l.Before, l.After, l.Reason) == ("Red / S", 3, 8, CatalogCsv.StockReason));
        Assert.Contains(log, l => (l.Variant, l.Before, l.After, l.Reason) == ("Blue / S", 0, 4, CatalogCsv.StockReason));
    }

    [Fact]
    public async Task Import_RowsWithTheSameSku_CreateOneProductWithVariants()
    {
        var owner = await OwnerAsync();
        var sku = Unique("SHIRT");
        var plain = Unique("PLAIN");

        var result = await ImportAsync(owner, Csv(
            $"{sku},Linen shirt,,1200,,TWD,2,1,false,{sku}-WS,Colour,White,Size,S,,",
            $"{plain},Plain,,100,,TWD,1,0,false,,,,,,,",
            $"{sku},Linen shirt,,1200,,TWD,,1,false,{sku}-WM,Colour,White,Size,M,,",
            $"{sku},Linen shirt,,1350,,TWD,5,1,false,{sku}-NS,Colour,Navy,Size,S,,"), apply: true);

        Assert.Empty(result.Errors);
        Assert.Equal((4, 2, 0, true), (result.Rows, result.Created, result.Updated, result.Applied));
        var id = await factory.ReadAsync(db => db.Products.Where(p => p.ShopId == Shop && p.Sku == sku).Select(p => p.Id).SingleAsync());
        var product = (await owner.Http.GetFromJsonAsync<ShopProductDto>(ApiRoutes.ShopProduct(Shop, id)))!;
        Assert.Equal(["Colour", "Size"], product.Options);
        Assert.Equal(
            [($"{sku}-WS", "White / S", (decimal?)null, 1200m, 2), ($"{sku}-WM", "White / M", null, 1200m, 0), ($"{sku}-NS", "Navy / S", 1350m, 1350m, 5)],
            product.Variants!.OrderBy(v => v.Position).Select(v => (v.Sku, VariantLabels.Join(v.Values), v.PriceOverride, v.Price, v.Stock)));
        Assert.Equal((1200m, 7, 1), (product.Price, product.Stock, product.LowStockThreshold));
        var log = (await owner.Http.GetFromJsonAsync<List<StockAdjustmentDto>>(ApiRoutes.ProductStock(Shop, id)))!;
        Assert.Equal([("Navy / S", 0, 5), ("White / S", 0, 2)], log.Where(l => l.Reason == CatalogCsv.StockReason).Select(l => (l.Variant, l.Before, l.After)).OrderBy(l => l.Variant, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Import_BadVariantRows_ReportsEveryErrorByLineAndColumn_AndWritesNothing()
    {
        var owner = await OwnerAsync();
        var (a, b, c, d) = (Unique("A"), Unique("B"), Unique("C"), Unique("D"));
        var file = Csv(
            $"{a},Shirt,,100,,TWD,1,0,false,{a}-1,Colour,Red,,,,",                  // line 2: fine
            $"{a},Shirt!,,100,,TWD,1,0,false,{a}-2,Colour,Blue,,,,",                // line 3: another name than line 2
            $"{a},Shirt,,100,,TWD,1,0,false,{a}-3,Colour,,,,,",                     // line 4: no value
            $"{a},Shirt,,100,,TWD,1,0,false,{a}-4,Colour,red,,,,",                  // line 5: Red again
            $"{a},Shirt,,100,,TWD,1,0,false,{a}-1,Colour,Green,,,,",                // line 6: variant SKU again
            $"{a},Shirt,,100,,TWD,1,0,false,,,,,,,",                                 // line 7: not a variant row
            $"{b},Other,,100,,TWD,1,0,false,{a},Size,M,,,,",                        // line 8: a product's SKU as a variant's
            $"{c},Third,,100,,TWD,1,0,false,TW-SILK-SCARF-IND,Colour,Red,,,,",      // line 9: the scarf's variant's SKU
            $"{d},Fourth,,100,,TWD,1,0,false,{d}-1,Colour,Red,Colour,Blue,,",       // line 10: option named twice
            "TW-SILK-SCARF-TEA,Fifth,,100,,TWD,1,0,false,,,,,,,");                  // line 11: a variant's SKU as a product's
        var before = await FingerprintAsync();

        foreach (var apply in new[] { false, true })
        {
            var result = await ImportAsync(owner, file, apply);

            Assert.False(result.Applied);
            Assert.Equal(
                [(3, "name"), (4, "option1_value"), (5, "option1_value"), (6, "variant_sku"), (7, "variant_sku"), (8, "variant_sku"), (9, "variant_sku"), (10, "option2_name"), (11, "sku")],
                result.Errors.Select(e => (e.Line, e.Column)));
            Assert.Contains("differs from line 2", result.Errors[0].Message, StringComparison.Ordinal);
            Assert.Contains("“Colour”", result.Errors[1].Message, StringComparison.Ordinal);
            Assert.Contains("already on line 2", result.Errors[2].Message, StringComparison.Ordinal);
            Assert.Contains("already on line 2", result.Errors[3].Message, StringComparison.Ordinal);
            Assert.Contains("SKU of the product on line 2", result.Errors[5].Message, StringComparison.Ordinal);
            Assert.Contains("Hand-dyed Silk Scarf", result.Errors[6].Message, StringComparison.Ordinal);
            Assert.Equal(before, await FingerprintAsync());
        }
    }

    [Fact]
    public async Task Import_LeavingOutAVariantWithStock_IsAnError_AndWritesNothing()
    {
        var owner = await OwnerAsync();
        var before = await FingerprintAsync();
        var scarf = await factory.ReadAsync(db => db.Products.Where(p => p.Sku == "TW-SILK-SCARF").Select(p => new { p.Name, p.Description }).SingleAsync());

        // The scarf without its Jade row (7 in stock).
        var result = await ImportAsync(owner, Csv(
            $"TW-SILK-SCARF,{scarf.Name},\"{scarf.Description}\",1290,,TWD,,0,false,TW-SILK-SCARF-IND,Colour,Indigo,,,,",
            $"TW-SILK-SCARF,{scarf.Name},\"{scarf.Description}\",1290,,TWD,,0,false,TW-SILK-SCARF-TEA,Colour,Tea,,,,"), apply: true);

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, "variant_sku", false), (error.Line, error.Column, result.Applied));
        Assert.Contains("“Jade” (TW-SILK-SCARF-JADE)", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync());
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(Header + "\r\n" + string.Join("\r\n", rows) + "\r\n");

    private Task<SignedIn> OwnerAsync() => factory.SignInAsync(DemoSeeder.OwnerAccount.Email);

    private static async Task<CsvImportResultDto> ImportAsync(SignedIn who, byte[] file, bool apply)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", "catalog.csv");
        var response = await who.Http.PostAsync(ApiRoutes.CatalogImport(Shop, apply), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CsvImportResultDto>())!;
    }

    /// <summary>Every product, variant and stock log line of the install, as text: equal snapshots mean nothing was written.</summary>
    private Task<string> FingerprintAsync() => factory.ReadAsync(async db =>
    {
        var products = await db.Products.AsNoTracking().Select(p => $"{p.Id}|{p.Sku}|{p.Name}|{p.Price}|{p.Stock}|{p.Option1Name}|{p.UpdatedAt:O}").ToListAsync();
        var variants = await db.Set<ProductVariant>().AsNoTracking().Select(v => $"{v.Id}|{v.Sku}|{v.Option1}|{v.PriceOverride}|{v.Stock}|{v.Position}").ToListAsync();
        var adjustments = await db.StockAdjustments.CountAsync();
        return string.Join("\n", products.Order(StringComparer.Ordinal).Concat(variants.Order(StringComparer.Ordinal))) + $"\nadjustments={adjustments}";
    });
}
