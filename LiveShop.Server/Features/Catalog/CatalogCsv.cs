using System.Globalization;
using System.Text;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;

namespace LiveShop.Server.Features.Catalog;

/// <summary>One product row of an imported file, read and validated (its cells, not yet compared with the shop's products).</summary>
/// <param name="Stock">The stock the row asks for; null: the cell is empty (new product: 0; existing: unchanged).</param>
public sealed record CatalogCsvRow(int Line, ProductInput Input, int? Stock, bool Archived);

/// <summary>A file read: its valid rows, and every error of the others (by line and column).</summary>
public sealed record CatalogCsvSheet(int Rows, IReadOnlyList<CatalogCsvRow> Valid, IReadOnlyList<CsvErrorDto> Errors);

/// <summary>
/// The catalog's CSV format (docs/catalog-csv.md): one row per product keyed by SKU, a lower-case
/// header, '.' decimals, UTF-8. Writes what <see cref="Read"/> reads back unchanged. Cells are checked
/// with <see cref="ProductInput"/>, so the file and the product form refuse the same things in the same words.
/// </summary>
public static class CatalogCsv
{
    public const string Sku = "sku";
    public const string Name = "name";
    public const string Description = "description";
    public const string Price = "price";
    public const string CompareAtPrice = "compare_at_price";
    public const string Currency = "currency";
    public const string Stock = "stock";
    public const string LowStockThreshold = "low_stock_threshold";
    public const string Archived = "archived";

    /// <summary>The columns, in the order the export writes them. Every one must be in an imported header, in any order.</summary>
    public static readonly IReadOnlyList<string> Columns = [Sku, Name, Description, Price, CompareAtPrice, Currency, Stock, LowStockThreshold, Archived];

    /// <summary>Reserved for product variants (one row per variant, later): refused until then, never reused for anything else.</summary>
    public static readonly IReadOnlyList<string> ReservedColumns = ["option1_name", "option1_value", "option2_name", "option2_value", "option3_name", "option3_value"];

    /// <summary>The reason on the stock log of a stock set by an import.</summary>
    public const string StockReason = "CSV import";

    private static readonly SaveProductRequest Valid = new("SKU", "Name", "", 1m, null, Currencies.Twd, 0);

    /// <summary>The shop's products as a file: UTF-8 with a BOM (Excel then reads Chinese and Greek right), CRLF, by SKU.</summary>
    public static byte[] Write(IEnumerable<Product> products)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns).Append("\r\n");
        foreach (var p in products.OrderBy(p => p.Sku, StringComparer.Ordinal))
        {
            csv.AppendJoin(',',
                Text(p.Sku),
                Text(p.Name),
                Text(p.Description),
                Amount(p.Price),
                p.CompareAtPrice is { } compareAt ? Amount(compareAt) : "",
                Text(p.Currency),
                p.Stock.ToString(CultureInfo.InvariantCulture),
                p.LowStockThreshold.ToString(CultureInfo.InvariantCulture),
                p.IsArchived ? "true" : "false");
            csv.Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>
    /// Reads a file. Refuses as a whole (400 <c>csv-invalid</c>) what is not a product CSV: not UTF-8,
    /// empty, unreadable quoting, a header with a missing, unknown or repeated column, too many rows.
    /// Otherwise every row is checked and each problem reported by line and column.
    /// </summary>
    public static CatalogCsvSheet Read(byte[] bytes)
    {
        var text = Decode(bytes);
        if (text.Trim().Length == 0)
        {
            throw CatalogCsvParser.Invalid($"The file is empty: it needs the header row ({string.Join(",", Columns)}) and one row per product.");
        }

        var records = CatalogCsvParser.Split(text, CatalogCsvParser.DetectDelimiter(text), Limits.CsvImportMaxRows + 1,
            () => $"The file has more than {Limits.CsvImportMaxRows:N0} product rows; split it into files of at most {Limits.CsvImportMaxRows:N0}.");
        var columns = ReadHeader(records[0]);
        var valid = new List<CatalogCsvRow>();
        var errors = new List<CsvErrorDto>();
        var rows = 0;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            if (record.Cells.All(c => c.Trim().Length == 0))
            {
                continue; // A row of empty cells, as spreadsheets leave below the data.
            }

            rows++;
            var rowErrors = new List<CsvErrorDto>();
            var row = ReadRow(record, columns, rowErrors);
            var sku = record.Cells.Count > columns[Sku] ? Unescape(record.Cells[columns[Sku]]).Trim() : "";
            if (sku.Length > 0 && !seen.TryAdd(sku, record.Line))
            {
                rowErrors.Add(new CsvErrorDto(record.Line, Sku, $"The SKU “{sku}” is already on line {seen[sku]} of this file: each product once."));
                row = null;
            }

            errors.AddRange(rowErrors.OrderBy(e => ColumnOrder(e.Column)));
            if (row is not null)
            {
                valid.Add(row);
            }
        }

        return new CatalogCsvSheet(rows, valid, errors);
    }

    private static int ColumnOrder(string column) => column.Length == 0 ? -1 : Columns.ToList().IndexOf(column);

    private static string Decode(byte[] bytes)
    {
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            throw NotUtf8();
        }

        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8();
        }
    }

    private static DomainException NotUtf8() =>
        CatalogCsvParser.Invalid("The file is not UTF-8 text. In Excel choose “Save as” › “CSV UTF-8 (comma delimited)”; in Google Sheets “Download” › “CSV”.");

    /// <summary>Column name → cell index. Names are matched trimmed and case-insensitively; empty names at the end (trailing commas) are ignored.</summary>
    private static Dictionary<string, int> ReadHeader(CsvRecord header)
    {
        var names = header.Cells.Select(c => c.Trim().ToLowerInvariant()).ToList();
        while (names.Count > 0 && names[^1].Length == 0)
        {
            names.RemoveAt(names.Count - 1);
        }

        var problems = new List<string>();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (name.Length == 0)
            {
                problems.Add($"Column {i + 1} of the header row has no name.");
            }
            else if (ReservedColumns.Contains(name))
            {
                problems.Add($"Variant columns such as “{name}” are not supported yet: remove them.");
            }
            else if (!Columns.Contains(name))
            {
                problems.Add($"The header row has an unknown column “{name}”.");
            }
            else if (!columns.TryAdd(name, i))
            {
                problems.Add($"The column “{name}” appears twice in the header row.");
            }
        }

        var missing = Columns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"The header row lacks {(missing.Count == 1 ? "the column" : "the columns")} {string.Join(", ", missing.Select(m => $"“{m}”"))}.");
        }

        if (problems.Count > 0)
        {
            throw CatalogCsvParser.Invalid($"{string.Join(" ", problems)} The first row must name the columns {string.Join(",", Columns)} (in any order).");
        }

        return columns;
    }

    private static CatalogCsvRow? ReadRow(CsvRecord record, Dictionary<string, int> columns, List<CsvErrorDto> errors)
    {
        void Error(string column, string message) => errors.Add(new CsvErrorDto(record.Line, column, message));

        var width = columns.Values.Max() + 1;
        if (record.Cells.Count < width || record.Cells.Skip(width).Any(c => c.Trim().Length > 0))
        {
            Error("", $"This row has {record.Cells.Count} cells and the header row {width}: check for a comma inside a cell that is not in quotes.");
            return null;
        }

        string Cell(string column) => record.Cells[columns[column]];

        var sku = Unescape(Cell(Sku));
        var name = Unescape(Cell(Name));
        var description = Unescape(Cell(Description));
        var currency = Unescape(Cell(Currency)).Trim().ToUpperInvariant();
        var price = ReadAmount(Cell(Price), required: true, Price, Error);
        var compareAt = ReadAmount(Cell(CompareAtPrice), required: false, CompareAtPrice, Error);
        var stock = ReadCount(Cell(Stock), Stock, Error);
        var lowStock = ReadCount(Cell(LowStockThreshold), LowStockThreshold, Error);
        var archived = ReadFlag(Cell(Archived), Error);

        // ProductInput stops at the first problem: ask it about each cell alone (the others valid) so every cell's problem is listed in its words.
        Check(Sku, Valid with { Sku = sku }, Error);
        Check(Name, Valid with { Name = name }, Error);
        Check(Description, Valid with { Description = description }, Error);
        Check(Currency, Valid with { Currency = currency }, Error);
        if (price is { } p)
        {
            Check(Price, Valid with { Price = p }, Error);
        }

        if (compareAt is { } c)
        {
            var priceOk = price is not null && !errors.Any(e => e.Column == Price);
            Check(CompareAtPrice, Valid with { Price = priceOk ? price!.Value : 0.01m, CompareAtPrice = c }, Error);
        }

        if (lowStock is { } threshold)
        {
            Check(LowStockThreshold, Valid with { LowStockThreshold = threshold }, Error);
        }

        if (stock is < 0 or > Limits.StockMax)
        {
            Error(Stock, $"Stock is a number of units from 0 to {Limits.StockMax:N0}.");
        }

        if (errors.Count > 0)
        {
            return null;
        }

        try
        {
            var input = ProductInput.Parse(new SaveProductRequest(sku, name, description, price!.Value, compareAt, currency, lowStock ?? 0));
            return new CatalogCsvRow(record.Line, input, stock, archived ?? false);
        }
        catch (DomainException refusal)
        {
            Error("", refusal.Message);
            return null;
        }
    }

    private static void Check(string column, SaveProductRequest request, Action<string, string> error)
    {
        try
        {
            ProductInput.Parse(request);
        }
        catch (DomainException refusal)
        {
            error(column, refusal.Message);
        }
    }

    private static decimal? ReadAmount(string cell, bool required, string column, Action<string, string> error)
    {
        cell = cell.Trim();
        if (cell.Length == 0)
        {
            if (required)
            {
                error(column, "A price is required: a number with a '.' decimal point, e.g. 1290 or 14.90.");
            }

            return null;
        }

        if (decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }

        error(column, $"“{cell}” is not an amount: write digits with a '.' decimal point and no thousands separators or currency signs, e.g. 1290 or 14.90.");
        return null;
    }

    private static int? ReadCount(string cell, string column, Action<string, string> error)
    {
        cell = cell.Trim();
        if (cell.Length == 0)
        {
            return null;
        }

        if (int.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }

        error(column, $"“{cell}” is not a whole number: write digits without thousands separators, e.g. 1200.");
        return null;
    }

    private static bool? ReadFlag(string cell, Action<string, string> error)
    {
        switch (cell.Trim().ToLowerInvariant())
        {
            case "":
            case "false":
                return false;
            case "true":
                return true;
            default:
                error(Archived, $"“{cell.Trim()}” is not true or false (empty means false).");
                return null;
        }
    }

    /// <summary>A text cell for the file, guarded against formula injection: text a spreadsheet would run as a formula gets a leading apostrophe.</summary>
    internal static string Text(string value)
    {
        var guarded = LooksLikeFormula(value) ? "'" + value : value;
        return guarded.AsSpan().IndexOfAny(",\"\r\n;") >= 0 ? $"\"{guarded.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : guarded;
    }

    /// <summary>Undoes <see cref="Text"/>'s apostrophe: one is taken off a cell that is apostrophes and then a formula character.</summary>
    internal static string Unescape(string cell) => cell.StartsWith('\'') && LooksLikeFormula(cell[1..]) ? cell[1..] : cell;

    /// <summary>Starts (after any apostrophes) with = + - @ tab or CR: a spreadsheet could run it. Apostrophes count so a real leading apostrophe survives the round trip.</summary>
    private static bool LooksLikeFormula(string value)
    {
        var rest = value.AsSpan().TrimStart('\'');
        return rest.Length > 0 && rest[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }

    private static string Amount(decimal amount) =>
        amount.ToString(decimal.Truncate(amount) == amount ? "0" : "0.00", CultureInfo.InvariantCulture);
}
