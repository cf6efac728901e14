using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Catalog;

/// <summary>Products with options and variants in the back office (docs/shops.md, “Variants”), through HTTP as the form calls them.</summary>
public class ProductVariantsTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static readonly Guid Shop = DemoSeeder.DemoShopId;

    [Fact]
    public async Task Create_WithTwoOptionsAndFourVariants_ShowsThem_StockIsTheirSum_AndLogsEachStartingStock()
    {
        var owner = await OwnerAsync();
        var sku = Unique("TEE");

        var product = await CreateAsync(owner, Save(sku, ["Colour", "Size"],
            Variant($"{sku}-RS", "Red", "S", stock: 3),
            Variant($"{sku}-RM", "Red", "M", price: 550m),
            Variant($"{sku}-BS", "Blue", "S", stock: 5),
            Variant($"{sku}-BM", "Blue", "M", stock: 2)));

        Assert.Equal(["Colour", "Size"], product.Options);
        Assert.Equal(
            [($"{sku}-RS", "Red / S", 500m, 3), ($"{sku}-RM", "Red / M", 550m, 0), ($"{sku}-BS", "Blue / S", 500m, 5), ($"{sku}-BM", "Blue / M", 500m, 2)],
            product.Variants!.OrderBy(v => v.Position).Select(v => (v.Sku, VariantLabels.Join(v.Values), v.Price, v.Stock)));
        Assert.Equal(10, product.Stock);
        Assert.Equal(Json(product), Json(await GetAsync(owner, product.Id)));
        var log = await StockLogAsync(owner, product.Id);
        Assert.Equal(
            [("Blue / M", 0, 2, "Initial stock"), ("Blue / S", 0, 5, "Initial stock"), ("Red / S", 0, 3, "Initial stock")],
            log.Select(l => (l.Variant, l.Before, l.After, l.Reason)).OrderBy(l => l.Variant, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Update_EditsAddsAndRemovesVariants_RefusingToRemoveOneWithStock()
    {
        var owner = await OwnerAsync();
        var sku = Unique("CAP");
        var product = await CreateAsync(owner, Save(sku, ["Colour"], Variant($"{sku}-R", "Red", stock: 4), Variant($"{sku}-B", "Blue")));
        var red = product.Variants!.Single(v => v.Sku == $"{sku}-R");
        var blue = product.Variants!.Single(v => v.Sku == $"{sku}-B");

        // Red dearer, Blue as it was, Green new with 3: the total takes Green's 3.
        var edited = await UpdateAsync(owner, product.Id, Save(sku, ["Colour"],
            Variant($"{sku}-R", "Red", price: 600m, id: red.Id),
            Variant($"{sku}-B", "Blue", id: blue.Id),
            Variant($"{sku}-G", "Green", stock: 3)));
        Assert.Equal([("Red", 600m, 4), ("Blue", 500m, 0), ("Green", 500m, 3)], edited.Variants!.OrderBy(v => v.Position).Select(v => (v.Values[0], v.Price, v.Stock)));
        Assert.Equal(7, edited.Stock);
        Assert.Contains(await StockLogAsync(owner, product.Id), l => (l.Variant, l.Before, l.After) == ("Green", 0, 3));

        // Leaving out Red, which has 4 in stock: refused, nothing changed.
        var green = edited.Variants!.Single(v => v.Sku == $"{sku}-G");
        var refused = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopProduct(Shop, product.Id), Save(sku, ["Colour"],
            Variant($"{sku}-B", "Blue", id: blue.Id), Variant($"{sku}-G", "Green", id: green.Id)) with { Name = "Renamed" });
        await AssertProblemAsync(refused, HttpStatusCode.Conflict, ProblemCodes.VariantHasStock);
        Assert.Equal(Json(edited), Json(await GetAsync(owner, product.Id)));

        // Leaving out Blue, at 0: gone, the total the same.
        var removed = await UpdateAsync(owner, product.Id, Save(sku, ["Colour"], Variant($"{sku}-R", "Red", price: 600m, id: red.Id), Variant($"{sku}-G", "Green", id: green.Id)));
        Assert.Equal(["Red", "Green"], removed.Variants!.OrderBy(v => v.Position).Select(v => v.Values[0]));
        Assert.Equal(7, removed.Stock);
        Assert.False(await factory.ReadAsync(db => db.Set<ProductVariant>().AnyAsync(v => v.Id == blue.Id)));
    }

    [Fact]
    public async Task Update_ProductWithoutVariantsGetsThem_ItsStockMovesToTheFirst()
    {
        var owner = await OwnerAsync();
        var sku = Unique("MUG");
        var plain = await CreateAsync(owner, new SaveProductRequest(sku, "Mug", "", 300m, null, Currencies.Twd, 0, InitialStock: 9));

        var converted = await UpdateAsync(owner, plain.Id, Save(sku, ["Glaze"], Variant($"{sku}-W", "White"), Variant($"{sku}-C", "Celadon", stock: 2)));

        Assert.Equal([("White", 9), ("Celadon", 2)], converted.Variants!.OrderBy(v => v.Position).Select(v => (v.Values[0], v.Stock)));
        Assert.Equal(11, converted.Stock);
        Assert.Contains(await StockLogAsync(owner, plain.Id), l => (l.Variant, l.Before, l.After, l.Reason) == ("White", 0, 9, "Stock of the product before it had variants"));
    }

    [Fact]
    public async Task InvalidOptionsOrVariants_AreRefused_AndWriteNothing()
    {
        var owner = await OwnerAsync();
        var sku = Unique("BAD");
        var existing = await CreateAsync(owner, Save(Unique("OK"), ["Colour"], Variant(Unique("OK-V"), "Red", stock: 1)));
        var before = await FingerprintAsync();

        (SaveProductRequest Request, HttpStatusCode Status, string Code)[] cases =
        [
            (Save(sku, ["A", "B", "C", "D"], VariantOf($"{sku}-1", "1", "2", "3", "4")), HttpStatusCode.BadRequest, ProblemCodes.VariantsInvalid),
            (Save(sku, ["Size"], [.. Enumerable.Range(0, Limits.ProductVariantsMax + 1).Select(i => Variant($"{sku}-{i}", $"S{i}"))]), HttpStatusCode.BadRequest, ProblemCodes.VariantsInvalid),
            (Save(sku, ["Colour"], Variant($"{sku}-1", "Red"), Variant($"{sku}-2", "red")), HttpStatusCode.BadRequest, ProblemCodes.VariantsInvalid),
            (Save(sku, ["Colour"], Variant($"{sku}-1", "Red"), Variant($"{sku}-1", "Blue")), HttpStatusCode.BadRequest, ProblemCodes.VariantsInvalid),
            (Save(sku, ["Colour"], Variant(sku, "Red")), HttpStatusCode.BadRequest, ProblemCodes.VariantsInvalid),
            (Save(sku, ["Colour", "Size"], Variant($"{sku}-1", "Red")), HttpStatusCode.BadRequest, ProblemCodes.VariantsInvalid),
            (Save(sku, ["Colour"], Variant("TW-OOLONG-150", "Red")), HttpStatusCode.Conflict, ProblemCodes.SkuTaken),
            (Save(sku, ["Colour"], Variant(existing.Variants![0].Sku, "Red")), HttpStatusCode.Conflict, ProblemCodes.SkuTaken),
            (Save(existing.Variants![0].Sku, ["Colour"], Variant($"{sku}-1", "Red")), HttpStatusCode.Conflict, ProblemCodes.SkuTaken),
            (Save(sku, ["Colour"], Variant($"{sku}-1", "Red")) with { InitialStock = 5 }, HttpStatusCode.BadRequest, ProblemCodes.VariantsInvalid),
        ];
        foreach (var (request, status, code) in cases)
        {
            await AssertProblemAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(Shop), request), status, code);
        }

        // The same on an edit.
        await AssertProblemAsync(await owner.Http.PutAsJsonAsync(ApiRoutes.ShopProduct(Shop, existing.Id), Save(existing.Sku, ["Colour"], Variant("TW-SILK-SCARF-JADE", "Red", id: existing.Variants[0].Id))), HttpStatusCode.Conflict, ProblemCodes.SkuTaken);
        await AssertProblemAsync(await owner.Http.PutAsJsonAsync(ApiRoutes.ShopProduct(Shop, existing.Id), Save(existing.Sku, ["Colour"], Variant("X-1", "Red", id: Guid.NewGuid()))), HttpStatusCode.NotFound, ProblemCodes.VariantNotFound);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task AdjustStock_OfAVariant_MovesTheProductsTotal_NeverBelowZero()
    {
        var owner = await OwnerAsync();
        var sku = Unique("SOX");
        var product = await CreateAsync(owner, Save(sku, ["Colour"], Variant($"{sku}-R", "Red", stock: 3), Variant($"{sku}-B", "Blue", stock: 5)));
        var red = product.Variants!.Single(v => v.Sku == $"{sku}-R");

        var response = await owner.Http.PostAsJsonAsync(ApiRoutes.ProductStock(Shop, product.Id), new AdjustStockRequest(4, "Delivery", red.Id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = (await response.Content.ReadFromJsonAsync<StockAdjustmentDto>())!;
        Assert.Equal(("Red", 3, 7, "Delivery"), (line.Variant, line.Before, line.After, line.Reason));
        var after = await GetAsync(owner, product.Id);
        Assert.Equal((12, 7), (after.Stock, after.Variants!.Single(v => v.Id == red.Id).Stock));
        Assert.Equal(("Red", 3, 7), (await StockLogAsync(owner, product.Id)).Select(l => (l.Variant, l.Before, l.After)).First());

        // More out than Red has: refused, neither the variant nor the total moves.
        var tooMany = await owner.Http.PostAsJsonAsync(ApiRoutes.ProductStock(Shop, product.Id), new AdjustStockRequest(-8, "Damaged", red.Id));
        await AssertProblemAsync(tooMany, HttpStatusCode.Conflict, ProblemCodes.StockAdjustmentInvalid);
        Assert.Equal(Json(after), Json(await GetAsync(owner, product.Id)));

        await AssertProblemAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ProductStock(Shop, product.Id), new AdjustStockRequest(1, "Found")), HttpStatusCode.BadRequest, ProblemCodes.VariantRequired);
        await AssertProblemAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ProductStock(Shop, product.Id), new AdjustStockRequest(1, "Found", Guid.NewGuid())), HttpStatusCode.NotFound, ProblemCodes.VariantNotFound);
        var oolong = DemoSeeder.ProductId(2);
        await AssertProblemAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ProductStock(Shop, oolong), new AdjustStockRequest(1, "Found", red.Id)), HttpStatusCode.NotFound, ProblemCodes.VariantNotFound);
        Assert.Equal(Json(after), Json(await GetAsync(owner, product.Id)));
    }

    [Fact]
    public async Task LowStockFilter_FindsAProductWhoseOneVariantIsLow()
    {
        var owner = await OwnerAsync();
        var sku = Unique("LOW");
        await CreateAsync(owner, Save(sku, ["Colour"], Variant($"{sku}-R", "Red", stock: 10), Variant($"{sku}-B", "Blue", stock: 1)) with { LowStockThreshold = 2 });

        var low = await owner.Http.GetFromJsonAsync<PageDto<ShopProductDto>>($"{ApiRoutes.ShopProducts(Shop)}?lowStock=true&search={sku}");

        var product = Assert.Single(low!.Items);
        Assert.Equal((11, true), (product.Stock, product.IsLowStock));
        Assert.True(product.Variants!.Single(v => v.Sku == $"{sku}-B").IsLowStock);
    }

    [Fact]
    public async Task Duplicate_CopiesOptionsAndVariants_WithNewSkusAndNoStock()
    {
        var owner = await OwnerAsync();
        var sku = Unique("DUP");
        var product = await CreateAsync(owner, Save(sku, ["Colour"], Variant($"{sku}-R", "Red", stock: 3), Variant($"{sku}-B", "Blue", price: 700m, stock: 1)));

        var response = await owner.Http.PostAsync(ApiRoutes.DuplicateProduct(Shop, product.Id), null);

        response.EnsureSuccessStatusCode();
        var copy = (await response.Content.ReadFromJsonAsync<ShopProductDto>())!;
        Assert.Equal(($"{sku}-COPY", 0), (copy.Sku, copy.Stock));
        Assert.Equal(["Colour"], copy.Options);
        Assert.Equal([($"{sku}-R-COPY", "Red", 500m, 0), ($"{sku}-B-COPY", "Blue", 700m, 0)], copy.Variants!.OrderBy(v => v.Position).Select(v => (v.Sku, v.Values[0], v.Price, v.Stock)));
    }

    [Fact]
    public async Task AnotherShopsProduct_IsNotFound_AndANonMemberIsRefused()
    {
        var (seller, theirShop) = await factory.RegisterSellerAsync();
        var scarf = DemoSeeder.ProductId(5);
        var indigo = await factory.ReadAsync(db => db.Set<ProductVariant>().Where(v => v.Sku == "TW-SILK-SCARF-IND").Select(v => v.Id).SingleAsync());
        var before = await FingerprintAsync();

        await AssertProblemAsync(await seller.Http.PostAsJsonAsync(ApiRoutes.ProductStock(Shop, scarf), new AdjustStockRequest(-5, "gone", indigo)), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertProblemAsync(await seller.Http.PutAsJsonAsync(ApiRoutes.ShopProduct(Shop, scarf), Save("TW-SILK-SCARF", ["Colour"], Variant("X-IND", "Indigo", id: indigo))), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertProblemAsync(await seller.Http.PostAsJsonAsync(ApiRoutes.ProductStock(theirShop.Id, scarf), new AdjustStockRequest(-5, "gone", indigo)), HttpStatusCode.NotFound, ProblemCodes.ProductNotFound);
        await AssertProblemAsync(await seller.Http.PutAsJsonAsync(ApiRoutes.ShopProduct(theirShop.Id, scarf), Save("TW-SILK-SCARF", ["Colour"], Variant("X-IND", "Indigo", id: indigo)) with { Currency = Currencies.Eur }), HttpStatusCode.NotFound, ProblemCodes.ProductNotFound);
        Assert.Equal(before, await FingerprintAsync());
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";

    private static SaveProductRequest Save(string sku, string[] options, params SaveVariantRequest[] variants) =>
        new(sku, "Tee", "", 500m, null, Currencies.Twd, 0, 0, options, variants);

    private static SaveVariantRequest VariantOf(string sku, params string[] values) => new(null, sku, values, null);

    private static SaveVariantRequest Variant(string sku, string value, decimal? price = null, int stock = 0, Guid? id = null) => new(id, sku, [value], price, stock);

    private static SaveVariantRequest Variant(string sku, string value1, string value2, decimal? price = null, int stock = 0) => new(null, sku, [value1, value2], price, stock);

    /// <summary>A product as text (its records hold lists, which compare by reference; amounts read back from the database may carry another scale).</summary>
    private static string Json(ShopProductDto p) => FormattableString.Invariant(
        $"{p.Sku}|{p.Name}|{p.Price:0.00}|{p.Stock}|{p.IsLowStock}|{string.Join(",", p.Options ?? [])}|{string.Join(";", (p.Variants ?? []).Select(v =>
            FormattableString.Invariant($"{v.Id}|{v.Sku}|{string.Join(",", v.Values)}|{v.PriceOverride:0.00}|{v.Price:0.00}|{v.Stock}|{v.Position}")))}");

    private Task<SignedIn> OwnerAsync() => factory.SignInAsync(DemoSeeder.OwnerAccount.Email);

    private static async Task<ShopProductDto> CreateAsync(SignedIn who, SaveProductRequest request)
    {
        var response = await who.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(Shop), request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ShopProductDto>())!;
    }

    private static async Task<ShopProductDto> UpdateAsync(SignedIn who, Guid id, SaveProductRequest request)
    {
        var response = await who.Http.PutAsJsonAsync(ApiRoutes.ShopProduct(Shop, id), request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ShopProductDto>())!;
    }

    private static async Task<ShopProductDto> GetAsync(SignedIn who, Guid id) => (await who.Http.GetFromJsonAsync<ShopProductDto>(ApiRoutes.ShopProduct(Shop, id)))!;

    private static async Task<List<StockAdjustmentDto>> StockLogAsync(SignedIn who, Guid id) =>
        (await who.Http.GetFromJsonAsync<List<StockAdjustmentDto>>(ApiRoutes.ProductStock(Shop, id)))!;

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await Problem.ReadAsync(response)).Code);
    }

    /// <summary>Every product, variant and stock log line of the install, as text: equal snapshots mean nothing was written.</summary>
    private Task<string> FingerprintAsync() => factory.ReadAsync(async db =>
    {
        var products = await db.Products.AsNoTracking().Select(p => $"{p.Id}|{p.Sku}|{p.Name}|{p.Stock}|{p.Option1Name}|{p.UpdatedAt:O}").ToListAsync();
        var variants = await db.Set<ProductVariant>().AsNoTracking().Select(v => $"{v.Id}|{v.Sku}|{v.Option1}|{v.PriceOverride}|{v.Stock}|{v.Position}").ToListAsync();
        var adjustments = await db.StockAdjustments.CountAsync();
        return string.Join("\n", products.Order(StringComparer.Ordinal).Concat(variants.Order(StringComparer.Ordinal))) + $"\nadjustments={adjustments}";
    });
}
