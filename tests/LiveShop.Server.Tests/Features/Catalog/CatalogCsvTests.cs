using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Catalog;

/// <summary>The catalog's CSV export and import (docs/catalog-csv.md), through HTTP as the back office calls them.</summary>
public class CatalogCsvTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private const string Header = "sku,name,description,price,compare_at_price,currency,stock,low_stock_threshold,archived";
    private const string VariantHeader = ",variant_sku,option1_name,option1_value,option2_name,option2_value,option3_name,option3_value";
    private const string NoVariant = ",,,,,,,";
    private static readonly Guid Shop = DemoSeeder.DemoShopId;

    [Fact]
    public async Task Export_AsAnyMember_IsUtf8WithBomCrlfAndEveryProductBySku()
    {
        var moderator = await factory.SignInAsync(DemoSeeder.ModeratorAccount.Email);
        await ApplyAsync(await OwnerAsync(), Csv($"ARCHIVED-{Unique()},Old mug,,100,,TWD,0,0,true"));

        var response = await moderator.Http.GetAsync(ApiRoutes.CatalogCsv(Shop));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Matches(@"^formosa-catalog-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(Header + VariantHeader, lines[0]);
        Assert.Equal("", lines[^1]);
        var skus = await factory.ReadAsync(db => db.Products.Where(p => p.ShopId == Shop).Select(p => new { p.Sku, Rows = Math.Max(1, p.Variants.Count) }).ToListAsync());
        // A SKU a spreadsheet would read as a formula (-SALE) is written with an apostrophe; a product with variants (the scarf) has a row per variant.
        Assert.Equal(
            skus.OrderBy(s => s.Sku, StringComparer.Ordinal).SelectMany(s => Enumerable.Repeat(s.Sku.StartsWith('-') ? "'" + s.Sku : s.Sku, s.Rows)),
            lines[1..^1].Select(l => l.Split(',')[0]));
        Assert.Contains(lines, l => l.StartsWith("ARCHIVED-", StringComparison.Ordinal) && l.EndsWith(",true" + NoVariant, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("TW-SILK-SCARF,", StringComparison.Ordinal) && l.EndsWith(",1390,,TWD,7,0,false,TW-SILK-SCARF-JADE,Colour,Jade,,,,", StringComparison.Ordinal));
        Assert.Contains("GR-OLIVE-500,\"Cretan Olive Oil, 500 ml\",", string.Join("\n", lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ThenPreviewTheSameFile_ChangesNothing_AndKeepsChineseGreekLineBreaksAndFormulas()
    {
        var owner = await OwnerAsync();
        var id = Unique();
        var created = await ApplyAsync(owner, Csv(
            $"TEA-{id},茉莉花茶 禮盒,\"第一行\n第二行, with a comma and \"\"quotes\"\"\",880,990,TWD,5,2,false",
            $"OIL-{id},Ελαιόλαδο Κρήτης,Εξαιρετικό παρθένο,14.90,,EUR,3,0,false",
            $"-FORMULA-{id},=HYPERLINK(\"http://evil.test\"),@SUM(A1),12.5,,USD,,0,false"));
        Assert.Equal((3, 0, true), (created.Created, created.Updated, created.Applied));

        var exported = await owner.Http.GetByteArrayAsync(ApiRoutes.CatalogCsv(Shop));
        var text = Encoding.UTF8.GetString(exported);
        Assert.Contains($"TEA-{id},茉莉花茶 禮盒,\"第一行\n第二行, with a comma and \"\"quotes\"\"\",880,990,TWD,5,2,false{NoVariant}\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"OIL-{id},Ελαιόλαδο Κρήτης,Εξαιρετικό παρθένο,14.90,,EUR,3,0,false{NoVariant}\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"'-FORMULA-{id},\"'=HYPERLINK(\"\"http://evil.test\"\")\",'@SUM(A1),12.50,,USD,0,0,false{NoVariant}\r\n", text, StringComparison.Ordinal);

        var preview = await PreviewAsync(owner, exported);

        Assert.Empty(preview.Errors);
        // One row per product, one per variant of a product with variants (the scarf's three colours).
        var rows = await factory.ReadAsync(db => db.Products.Where(p => p.ShopId == Shop).SumAsync(p => p.Variants.Count == 0 ? 1 : p.Variants.Count));
        Assert.Equal((rows, 0, 0, false), (preview.Rows, preview.Created, preview.Updated, preview.Applied));
        var formula = await factory.ReadAsync(db => db.Products.SingleAsync(p => p.Sku == $"-FORMULA-{id}"));
        Assert.Equal(("=HYPERLINK(\"http://evil.test\")", "@SUM(A1)"), (formula.Name, formula.Description));
    }

    [Fact]
    public async Task Import_WithBadLines_ReportsEveryErrorByLineAndColumn_AndWritesNothing()
    {
        var owner = await OwnerAsync();
        var id = Unique();
        var file = Csv(
            $"OK-{id},Fine,\"Two\nlines\",100,,TWD,1,0,false",  // lines 2-3
            $"PRICE-{id},Bad price,,abc,,TWD,1,0,false",         // line 4
            $"COMMA-{id},Comma price,,\"1,290\",,TWD,1,0,false", // line 5
            $"STOCK-{id},Negative stock,,100,,TWD,-3,0,false",   // line 6
            $"NONAME-{id},,,100,,TWD,1,0,false",                 // line 7
            $"YEN-{id},Yen,,100,,JPY,1,0,false",                 // line 8
            $"OK-{id},Twice,,100,,TWD,1,0,false",                // line 9
            $"LONG-{id},Long,{new string('a', Limits.ProductDescriptionMaxLength + 1)},100,,TWD,1,0,maybe"); // line 10
        var before = await CatalogAsync();

        foreach (var apply in new[] { false, true })
        {
            var result = await ImportAsync(owner, file, apply);

            Assert.False(result.Applied);
            Assert.Equal(8, result.Rows);
            Assert.Equal(
                [(4, "price"), (5, "price"), (6, "stock"), (7, "name"), (8, "currency"), (9, "sku"), (10, "description"), (10, "archived")],
                result.Errors.Select(e => (e.Line, e.Column)));
            Assert.Contains("'.' decimal point", result.Errors[0].Message, StringComparison.Ordinal);
            Assert.Contains("no thousands separators", result.Errors[1].Message, StringComparison.Ordinal);
            Assert.Equal($"Stock is a number of units from 0 to {Limits.StockMax:N0}.", result.Errors[2].Message);
            Assert.Equal(Message(new SaveProductRequest("S", "", null, 1, null, Currencies.Twd, 0)), result.Errors[3].Message);
            Assert.Equal(Message(new SaveProductRequest("S", "N", null, 1, null, "JPY", 0)), result.Errors[4].Message);
            Assert.Contains("already on line 2", result.Errors[5].Message, StringComparison.Ordinal);
            Assert.Equal(Message(new SaveProductRequest("S", "N", new string('a', 5001), 1, null, Currencies.Twd, 0)), result.Errors[6].Message);
            Assert.Equal(before, await CatalogAsync());
        }
    }

    [Fact]
    public async Task Apply_WithOneBadRow_WritesNothing()
    {
        var owner = await OwnerAsync();
        var mastiha = await ProductAsync("GR-MASTIHA-50");
        var before = await CatalogAsync();

        var result = await ApplyAsync(owner, Csv(
            $"NEW-{Unique()},A new tea,,300,,TWD,10,0,false",
            Row(mastiha, price: "8.20", stock: (mastiha.Stock + 5).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            $"BAD-{Unique()},Free tea,,0,,TWD,1,0,false"));

        Assert.False(result.Applied);
        Assert.Equal((1, 1), (result.Created, result.Updated));
        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "price"), (error.Line, error.Column));
        Assert.Equal(Message(new SaveProductRequest("S", "N", null, 0, null, Currencies.Twd, 0)), error.Message);
        Assert.Equal(before, await CatalogAsync());
    }

    [Fact]
    public async Task Apply_WithGoodRows_CreatesAndUpdates_AndLogsStockAsCsvImport()
    {
        var owner = await OwnerAsync();
        var mastiha = await ProductAsync("GR-MASTIHA-50");
        var scarf = await ProductAsync("TW-SILK-SCARF");
        var sku = $"NEW-{Unique()}";

        var result = await ApplyAsync(owner, Csv(
            $"{sku},烏龍茶 Oolong,,450,500,TWD,7,2,false",
            Row(mastiha, price: "8.20", stock: (mastiha.Stock + 5).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Row(scarf, name: "Hand-dyed Silk Scarf, indigo", stock: "")));

        Assert.Equal((3, 1, 2, true), (result.Rows, result.Created, result.Updated, result.Applied));
        Assert.Empty(result.Errors);
        var created = await ProductAsync(sku);
        Assert.Equal(("烏龍茶 Oolong", 450m, 500m, 7, 2), (created.Name, created.Price, created.CompareAtPrice, created.Stock, created.LowStockThreshold));
        var createdLog = Assert.Single(await owner.Http.GetFromJsonAsync<List<StockAdjustmentDto>>(ApiRoutes.ProductStock(Shop, created.Id)) ?? []);
        Assert.Equal((0, 7, "CSV import", DemoSeeder.OwnerAccount.DisplayName), (createdLog.Before, createdLog.After, createdLog.Reason, createdLog.ByName));

        var updated = await ProductAsync("GR-MASTIHA-50");
        Assert.Equal((8.20m, mastiha.Stock + 5), (updated.Price, updated.Stock));
        var log = (await owner.Http.GetFromJsonAsync<List<StockAdjustmentDto>>(ApiRoutes.ProductStock(Shop, mastiha.Id)))![0];
        Assert.Equal((mastiha.Stock, mastiha.Stock + 5, "CSV import"), (log.Before, log.After, log.Reason));

        var renamed = await ProductAsync("TW-SILK-SCARF");
        Assert.Equal(("Hand-dyed Silk Scarf, indigo", scarf.Stock), (renamed.Name, renamed.Stock));
        Assert.Empty(await owner.Http.GetFromJsonAsync<List<StockAdjustmentDto>>(ApiRoutes.ProductStock(Shop, scarf.Id)) ?? []);
    }

    [Fact]
    public async Task Import_KeysBySkuWithinTheShop_AnotherShopsSameSkuIsIrrelevant()
    {
        var seller = await factory.RegisterAsync(asHost: true, "Second Seller");
        var opened = await seller.Http.PostAsJsonAsync(ApiRoutes.Shops, new ShopSettingsRequest("Second Shop", $"second-{Unique().ToLowerInvariant()}", "GR", Currencies.Eur, "second@liveshop.test", "Europe/Athens"));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var shop = (await opened.Content.ReadFromJsonAsync<ShopDto>())!;
        var jadeBefore = await ProductAsync("TW-JADE-ROLLER");

        var result = await ImportAsync(seller, Csv("TW-JADE-ROLLER,Rose quartz roller,,25,,EUR,4,0,false"), apply: true, shop.Id);

        Assert.Equal((1, 0, true), (result.Created, result.Updated, result.Applied));
        var theirs = await factory.ReadAsync(db => db.Products.SingleAsync(p => p.ShopId == shop.Id && p.Sku == "TW-JADE-ROLLER"));
        Assert.Equal(("Rose quartz roller", 4), (theirs.Name, theirs.Stock));
        Assert.Equal(jadeBefore.Name, (await ProductAsync("TW-JADE-ROLLER")).Name);

        // The demo shop's owner is not in that shop's team.
        var owner = await OwnerAsync();
        var refused = await PostAsync(owner.Http, Csv("X-1,Tea,,1,,EUR,1,0,false"), apply: false, shop.Id);
        Assert.Equal((HttpStatusCode.Forbidden, ProblemCodes.NotShopMember), (refused.StatusCode, (await Problem.ReadAsync(refused)).Code));
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.Http.GetAsync(ApiRoutes.CatalogCsv(shop.Id))).StatusCode);
    }

    [Fact]
    public async Task Import_WithoutTheRightRole_IsRefused_AndWritesNothing()
    {
        var before = await CatalogAsync();
        var file = Csv($"ROLE-{Unique()},Tea,,100,,TWD,1,0,false");

        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var asHost = await PostAsync(host.Http, file, apply: true);
        Assert.Equal((HttpStatusCode.Forbidden, ProblemCodes.ShopRoleTooLow), (asHost.StatusCode, (await Problem.ReadAsync(asHost)).Code));

        var moderator = await factory.SignInAsync(DemoSeeder.ModeratorAccount.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(moderator.Http, file, apply: true)).StatusCode);

        var (stranger, _) = await factory.RegisterSellerAsync("Stranger's shop");
        var asStranger = await PostAsync(stranger.Http, file, apply: true);
        Assert.Equal((HttpStatusCode.Forbidden, ProblemCodes.NotShopMember), (asStranger.StatusCode, (await Problem.ReadAsync(asStranger)).Code));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Http.GetAsync(ApiRoutes.CatalogCsv(Shop))).StatusCode);

        var noShop = await PostAsync((await OwnerAsync()).Http, file, apply: true, Guid.NewGuid());
        Assert.Equal((HttpStatusCode.NotFound, ProblemCodes.ShopNotFound), (noShop.StatusCode, (await Problem.ReadAsync(noShop)).Code));

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(factory.NewBrowser(), file, apply: true)).StatusCode);
        Assert.Equal(before, await CatalogAsync());
    }

    [Theory]
    [InlineData(5.5)] // Within the request limit: refused after reading the form.
    [InlineData(6)] // Over the request limit: refused by the server before the body is read.
    public async Task Import_OverFiveMegabytes_Is413CsvInvalid(double megabytes)
    {
        var owner = await OwnerAsync();
        var big = Encoding.UTF8.GetBytes(Header + "\r\n" + new string('x', (int)(megabytes * 1024 * 1024)));

        // Expect: 100-continue lets the client hear the early 413 instead of writing into a closed connection.
        var response = await PostAsync(owner.Http, big, apply: false, expectContinue: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.CsvInvalid, problem.Code);
        Assert.Contains("at most 5 MB", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sku,name,description,prize,compare_at_price,currency,stock,low_stock_threshold,archived\r\nA,B,,1,,TWD,1,0,false", "unknown column “prize”")]
    [InlineData("sku,name,description,price,compare_at_price,currency,stock,low_stock_threshold\r\nA,B,,1,,TWD,1,0", "lacks the column “archived”")]
    [InlineData("sku,name,name,description,price,compare_at_price,currency,stock,low_stock_threshold,archived\r\n", "“name” appears twice")]
    [InlineData(Header + ",option1_name\r\n", "lacks the columns “variant_sku”, “option1_value”")]
    [InlineData("\uFEFF\r\n\r\n", "The file is empty")]
    [InlineData(Header + "\r\nA,\"never closed,,1,,TWD,1,0,false\r\n", "starts on line 2 has no closing quote")]
    public async Task Import_NotACatalogFile_Is400CsvInvalid(string text, string expected)
    {
        var response = await PostAsync((await OwnerAsync()).Http, Encoding.UTF8.GetBytes(text), apply: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.CsvInvalid, problem.Code);
        Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NotUtf8OrTooManyRows_Is400CsvInvalid()
    {
        var owner = await OwnerAsync();
        var big5 = Encoding.UTF8.GetBytes(Header + "\r\nA,").Concat(new byte[] { 0xAF, 0x51, 0xA8, 0xFA }).Concat(Encoding.UTF8.GetBytes(",,1,,TWD,1,0,false\r\n")).ToArray();
        var notUtf8 = await PostAsync(owner.Http, big5, apply: false);
        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
        Assert.Contains("CSV UTF-8", (await Problem.ReadAsync(notUtf8)).Detail, StringComparison.Ordinal);

        var rows = Enumerable.Range(0, Limits.CsvImportMaxRows + 1).Select(i => $"R{i},Tea,,1,,TWD,1,0,false").ToArray();
        var tooMany = await PostAsync(owner.Http, Csv(rows), apply: false);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("more than 5,000", (await Problem.ReadAsync(tooMany)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithoutBomAndWithSemicolons_IsRead()
    {
        var text = Header.Replace(',', ';') + "\n" + $"SEMI-{Unique()};Tea;\"a; b\";12.50;;EUR;1;0;FALSE\n";

        var result = await PreviewAsync(await OwnerAsync(), Encoding.UTF8.GetBytes(text));

        Assert.Empty(result.Errors);
        Assert.Equal((1, 1), (result.Rows, result.Created));
    }

    [Fact]
    public void Parser_QuotedLineBreaks_ReportTheLineWhereTheRecordStarts()
    {
        var records = CatalogCsvParser.Split("a,b\r\n\"x\r\ny\",\"1\"\"\"\r\n\r\nlast,\"\"\r\nq\"uote,z", ',', 10, () => "too many");

        Assert.Equal([1, 2, 5, 6], records.Select(r => r.Line));
        Assert.Equal(["x\ny", "1\""], records[1].Cells);
        Assert.Equal(["last", ""], records[2].Cells);
        Assert.Equal(["q\"uote", "z"], records[3].Cells);
        var refusal = Assert.Throws<DomainException>(() => CatalogCsvParser.Split("a\r\n\"b\"c", ',', 10, () => "too many"));
        Assert.Contains("Line 2", refusal.Message, StringComparison.Ordinal);
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(Header + "\r\n" + string.Join("\r\n", rows) + "\r\n");

    private static string Row(ShopProductDto p, string? name = null, string? price = null, string? stock = null) =>
        string.Join(',', p.Sku, $"\"{(name ?? p.Name).Replace("\"", "\"\"", StringComparison.Ordinal)}\"", $"\"{p.Description.Replace("\"", "\"\"", StringComparison.Ordinal)}\"",
            price ?? p.Price.ToString(System.Globalization.CultureInfo.InvariantCulture), p.CompareAtPrice?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            p.Currency, stock ?? p.Stock.ToString(System.Globalization.CultureInfo.InvariantCulture), p.LowStockThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture), p.IsArchived ? "true" : "false");

    /// <summary>ProductInput's sentence for a request (the form's words, which the file must use too).</summary>
    private static string Message(SaveProductRequest request) => Assert.Throws<DomainException>(() => ProductInput.Parse(request)).Message;

    private Task<SignedIn> OwnerAsync() => factory.SignInAsync(DemoSeeder.OwnerAccount.Email);

    private async Task<ShopProductDto> ProductAsync(string sku)
    {
        var owner = await OwnerAsync();
        var id = await factory.ReadAsync(db => db.Products.Where(p => p.ShopId == Shop && p.Sku == sku).Select(p => p.Id).SingleAsync());
        return (await owner.Http.GetFromJsonAsync<ShopProductDto>(ApiRoutes.ShopProduct(Shop, id)))!;
    }

    /// <summary>Every product of the demo shop and the whole stock log, as text: equal snapshots mean nothing was written.</summary>
    private Task<string> CatalogAsync() => factory.ReadAsync(async db =>
    {
        var products = await db.Products.AsNoTracking().Where(p => p.ShopId == Shop).ToListAsync();
        var adjustments = await db.StockAdjustments.CountAsync();
        return string.Join("\n", products.OrderBy(p => p.Sku, StringComparer.Ordinal).Select(p =>
            $"{p.Sku}|{p.Name}|{p.Description}|{p.Price}|{p.CompareAtPrice}|{p.Currency}|{p.Stock}|{p.LowStockThreshold}|{p.ArchivedAt:O}|{p.UpdatedAt:O}")) + $"\nadjustments={adjustments}";
    });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, byte[] file, bool apply, Guid? shopId = null, bool expectContinue = false)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", "catalog.csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.CatalogImport(shopId ?? Shop, apply)) { Content = form };
        request.Headers.ExpectContinue = expectContinue;
        return await http.SendAsync(request);
    }

    private static async Task<CsvImportResultDto> ImportAsync(SignedIn who, byte[] file, bool apply, Guid? shopId = null)
    {
        var response = await PostAsync(who.Http, file, apply, shopId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CsvImportResultDto>())!;
    }

    private static Task<CsvImportResultDto> PreviewAsync(SignedIn who, byte[] file) => ImportAsync(who, file, apply: false);

    private static Task<CsvImportResultDto> ApplyAsync(SignedIn who, byte[] file) => ImportAsync(who, file, apply: true);
}
