using System.Security.Claims;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Media;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace LiveShop.Server.Features.Catalog;

/// <summary>A shop's catalog as a CSV file: <c>/api/shops/{shopId}/catalog.csv</c> out, <c>/api/shops/{shopId}/catalog/import</c> in (docs/catalog-csv.md).</summary>
public static class CatalogCsvEndpoints
{
    /// <summary>The import's request body limit: the file limit plus what the multipart form adds around it.</summary>
    public const long MaxRequestBytes = Limits.CsvImportMaxBytes + ImageUploads.FormOverheadBytes;

    public static IEndpointRouteBuilder MapCatalogCsvEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Shops + "/{shopId:guid}").WithTags("Catalog CSV").RequireAuthorization();
        group.MapGet("/catalog.csv", ExportAsync).WithName("ExportCatalogCsv")
            .WithSummary("The shop's products as CSV (UTF-8 with BOM, one row per product, by SKU, archived ones included); any member.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/catalog/import", ImportAsync).WithName("ImportCatalogCsv")
            .WithSummary("Previews (apply=false) or applies (apply=true, all or nothing) a catalog CSV: multipart/form-data, field “file”, up to 5 MB and 5,000 rows; owners and managers.")
            .DisableAntiforgery()
            .WithMetadata(CsvUploadLimit.Instance)
            .WithFormOptions(multipartBodyLengthLimit: MaxRequestBytes)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    private static async Task<FileContentHttpResult> ExportAsync(Guid shopId, ClaimsPrincipal user, ExportCatalogCsv export, CancellationToken cancellationToken)
    {
        var file = await export.ExportAsync(user, shopId, cancellationToken);
        return TypedResults.File(file.Bytes, "text/csv; charset=utf-8", file.FileName);
    }

    private static async Task<Ok<CsvImportResultDto>> ImportAsync(
        Guid shopId, bool? apply, [FromForm] IFormFile? file, ClaimsPrincipal user, ImportCatalogCsv import, CancellationToken cancellationToken) =>
        TypedResults.Ok(await import.ImportAsync(user, shopId, file, apply ?? false, cancellationToken));

    /// <summary>The body limit of the import (Kestrel's own is 30 MB), answered as 413 <c>csv-invalid</c> ProblemDetails.</summary>
    private sealed class CsvUploadLimit : IRequestSizeLimitMetadata, ITooLargeRequestProblem
    {
        public static readonly CsvUploadLimit Instance = new();

        public long? MaxRequestBodySize => MaxRequestBytes;

        public string Code => ProblemCodes.CsvInvalid;

        public DomainException Refusal => ImportCatalogCsv.TooLarge();
    }
}
