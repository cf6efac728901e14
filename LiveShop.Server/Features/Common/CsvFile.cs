using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Server.Features.Common;

/// <summary>A CSV report as a download.</summary>
public static class CsvFile
{
    /// <summary>The text as a UTF-8 file with a BOM, so spreadsheet apps read the Chinese and Greek names as UTF-8.</summary>
    public static FileContentHttpResult Result(string csv, string fileName) =>
        TypedResults.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], "text/csv; charset=utf-8", fileName);
}
