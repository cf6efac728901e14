using System.Net;
using LiveShop.Client.Features.BackOffice.Catalog;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components.Forms;

namespace LiveShop.Client.Tests.BackOffice.Catalog;

public sealed class CatalogImportTests : CatalogTestBase
{
    private const string Csv = "sku,name,price,currency,stock\r\nJR-01,Jade Face Roller,690,TWD,12\r\nGS-02,Gua Sha Stone,abc,TWD,3\r\n";

    private string ImportPath => ApiRoutes.CatalogImport(ShopId, apply: false).Split('?')[0];

    public CatalogImportTests() => GivenMember(ShopRole.Owner);

    [Fact]
    public void Preview_WithErrors_ListsThemByLineAndColumnAndImportStaysDisabled()
    {
        Api.Answer(HttpMethod.Post, ImportPath, FakeApi.Json(HttpStatusCode.OK, new CsvImportResultDto(2, 1, 0,
            [new CsvErrorDto(3, "price", "The price is not a number."), new CsvErrorDto(2, "currency", "XYZ is not a currency we price in.")], Applied: false)));
        var page = Ctx.Render<CatalogImport>(p => p.Add(c => c.ShopId, ShopId));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "catalog.csv", contentType: "text/csv"));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=csv-error-row]").Count));
        Assert.Equal(["2", "3"], page.FindAll("[data-testid=csv-error-line]").Select(e => e.TextContent));
        Assert.Equal(["currency", "price"], page.FindAll("[data-testid=csv-error-column]").Select(e => e.TextContent));
        Assert.Contains("The price is not a number.", page.Find("[data-testid=csv-errors]").TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=csv-import]").HasAttribute("disabled"));
        Assert.Equal([$"POST {ApiRoutes.CatalogImport(ShopId, apply: false)}"], Addresses.Where(a => a.StartsWith("POST", StringComparison.Ordinal)));
    }

    [Fact]
    public void Import_AfterACleanPreview_SendsTheSameFileAndShowsWhatItDid()
    {
        Api.Answer(HttpMethod.Post, ImportPath,
            FakeApi.Json(HttpStatusCode.OK, new CsvImportResultDto(2, 1, 1, [], Applied: false)),
            FakeApi.Json(HttpStatusCode.OK, new CsvImportResultDto(2, 1, 1, [], Applied: true)));
        var page = Ctx.Render<CatalogImport>(p => p.Add(c => c.ShopId, ShopId));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "catalog.csv", contentType: "text/csv"));
        page.WaitForAssertion(() => Assert.Equal("1 new, 1 updated, ready to import.", page.Find("[data-testid=csv-ready]").TextContent.Trim()));

        page.Find("[data-testid=csv-import]").Click();

        page.WaitForAssertion(() => Assert.Equal("Imported: 1 new, 1 updated.", page.Find("[data-testid=csv-applied]").TextContent.Trim()));
        Assert.Equal(
            [$"POST {ApiRoutes.CatalogImport(ShopId, apply: false)}", $"POST {ApiRoutes.CatalogImport(ShopId, apply: true)}"],
            Addresses.Where(a => a.StartsWith("POST", StringComparison.Ordinal)));
        var uploads = Api.Sent.Where(s => s.Method == HttpMethod.Post).ToList();
        Assert.All(uploads, u => Assert.Contains("Gua Sha Stone,abc,TWD,3", u.Body, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=csv-import]"));
    }

    [Fact]
    public void Choose_FileOverFiveMegabytes_SaysSoWithoutUploading()
    {
        var page = Ctx.Render<CatalogImport>(p => p.Add(c => c.ShopId, ShopId));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[Limits.CsvImportMaxBytes + 1], "big.csv", contentType: "text/csv"));

        page.WaitForAssertion(() => Assert.Equal("A catalog CSV can be at most 5 MB; this one is larger. Split it and import the parts.", page.Find("[data-testid=csv-error]").TextContent.Trim()));
        Assert.DoesNotContain(Addresses, a => a.StartsWith("POST", StringComparison.Ordinal));
    }
}
