using System.Globalization;
using System.Text;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;

namespace LiveShop.Server.Features.Catalog;

/// <summary>
/// One product of an imported file, read and validated (its cells, not yet compared with the shop's products):
/// its first row's line and product columns, and, for a product with variants, its options and one variant per row.
/// </summary>
/// <param name="Stock">The stock the row asks for; null: the cell is empty (new product: 0; existing: unchanged). Unused with variants (each has its own).</param>
public sealed record CatalogCsvRow(int Line, ProductInput Input, int? Stock, bool Archived, IReadOnlyList<string> Options, IReadOnlyList<CatalogCsvVariant> Variants)
{
    public CatalogCsvRow(int line, ProductInput input, int? stock, bool archived)
        : this(line, input, stock, archived, [], [])
    {
    }

    public bool HasVariants => Options.Count > 0;
}

/// <summary>One variant row: its line, SKU, values (one per option), price override (null: the product's price) and stock (null: empty cell).</summary>
public sealed record CatalogCsvVariant(int Line, string Sku, IReadOnlyList<string> Values, decimal? PriceOverride, int? Stock);

/// <summary>A file read: its valid rows, and every error of the others (by line and column).</summary>
public sealed record CatalogCsvSheet(int Rows, IReadOnlyList<CatalogCsvRow> Valid, IReadOnlyList<CsvErrorDto> Errors);

/// <summary>
/// The catalog's CSV format (docs/catalog-csv.md): one row per product, or per variant of a product with
/// variants, keyed by SKU, a lower-case header, '.' decimals, UTF-8. Writes what <see cref="Read"/> reads back unchanged. Cells are checked
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

    public const string VariantSku = "variant_sku";

    /// <summary>A product's option names and a variant's values: <c>option{n}_name</c>, <c>option{n}_value</c> for n = 1..3.</summary>
    public static string OptionName(int n) => $"option{n}_name";

    public static string OptionValue(int n) => $"option{n}_value";

    /// <summary>
    /// The variant columns, written after <see cref="Columns"/>. Optional: a file without them has one row per product.
    /// With them, <see cref="VariantSku"/>, option1_name and option1_value are all needed; option 2 and 3 each come as a name and a value, or not at all.
    /// </summary>
    public static readonly IReadOnlyList<string> VariantColumns = [VariantSku, OptionName(1), OptionValue(1), OptionName(2), OptionValue(2), OptionName(3), OptionValue(3)];

    /// <summary>Every column the export writes, in order.</summary>
    public static readonly IReadOnlyList<string> AllColumns = [.. Columns, .. VariantColumns];

    /// <summary>The reason on the stock log of a stock set by an import.</summary>
    public const string StockReason = "CSV import";

    private static readonly SaveProductRequest Valid = new("SKU", "Name", "", 1m, null, Currencies.Twd, 0);

    /// <summary>
    /// The shop's products as a file: UTF-8 with a BOM (Excel then reads Chinese and Greek right), CRLF, by SKU;
    /// a product with variants is one row per variant in their order (price and stock the variant's), variants need <see cref="Product.Variants"/> loaded.
    /// </summary>
    public static byte[] Write(IEnumerable<Product> products)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', AllColumns).Append("\r\n");
        foreach (var p in products.OrderBy(p => p.Sku, StringComparer.Ordinal))
        {
            if (!p.HasVariants)
            {
                Line(csv, p, p.Price, p.Stock, null);
                continue;
            }

            foreach (var variant in p.OrderedVariants)
            {
                Line(csv, p, variant.PriceIn(p), variant.Stock, variant);
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static void Line(StringBuilder csv, Product p, decimal price, int stock, ProductVariant? variant)
    {
        csv.AppendJoin(',',
            Text(p.Sku),
            Text(p.Name),
            Text(p.Description),
            Amount(price),
            p.CompareAtPrice is { } compareAt ? Amount(compareAt) : "",
            Text(p.Currency),
            stock.ToString(CultureInfo.InvariantCulture),
            p.LowStockThreshold.ToString(CultureInfo.InvariantCulture),
            p.IsArchived ? "true" : "false");
        csv.Append(',').Append(variant is null ? "" : Text(variant.Sku));
        for (var i = 0; i < Limits.ProductOptionsMax; i++)
        {
            var named = variant is not null && i < p.OptionNames.Count;
            csv.Append(',').Append(named ? Text(p.OptionNames[i]) : "").Append(',').Append(named ? Text(variant!.Values[i]) : "");
        }

        csv.Append("\r\n");
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
            throw CatalogCsvParser.Invalid("The file is empty: it needs the header row ({0}) and one row per product.", string.Join(",", Columns));
        }

        var records = CatalogCsvParser.Split(text, CatalogCsvParser.DetectDelimiter(text), Limits.CsvImportMaxRows + 1,
            () => $"The file has more than {Limits.CsvImportMaxRows:N0} product rows; split it into files of at most {Limits.CsvImportMaxRows:N0}.");
        var columns = ReadHeader(records[0]);
        var products = new CatalogCsvProducts();
        var rows = 0;
        foreach (var record in records.Skip(1))
        {
            if (record.Cells.All(c => c.Trim().Length == 0))
            {
                continue; // A row of empty cells, as spreadsheets leave below the data.
            }

            rows++;
            var rowErrors = new List<CsvErrorDto>();
            var row = ReadRow(record, columns, rowErrors);
            string Raw(string column) => columns.TryGetValue(column, out var i) && i < record.Cells.Count ? Unescape(record.Cells[i]).Trim() : "";
            products.Add(record.Line, Raw, row, rowErrors);
        }

        var (valid, errors) = products.Finish();
        return new CatalogCsvSheet(rows, valid, [.. errors.OrderBy(e => e.Line).ThenBy(e => ColumnOrder(e.Column))]);
    }

    private static int ColumnOrder(string column) => column.Length == 0 ? -1 : AllColumns.ToList().IndexOf(column);

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

        var problems = new List<Phrase>();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (name.Length == 0)
            {
                problems.Add($"Column {i + 1} of the header row has no name.");
            }
            else if (!AllColumns.Contains(name))
            {
                problems.Add(new Phrase("The header row has an unknown column “{0}”.", name));
            }
            else if (!columns.TryAdd(name, i))
            {
                problems.Add(new Phrase("The column “{0}” appears twice in the header row.", name));
            }
        }

        var missing = Columns.Where(c => !columns.ContainsKey(c)).ToList();
        if (VariantColumns.Any(columns.ContainsKey))
        {
            // The variant columns are optional as a group: with any of them, a variant's SKU and its first option are needed, and each option comes as a name and a value.
            string[] needed = [VariantSku, OptionName(1), OptionValue(1), .. Enumerable.Range(2, Limits.ProductOptionsMax - 1)
                .Where(n => columns.ContainsKey(OptionName(n)) || columns.ContainsKey(OptionValue(n))).SelectMany(n => new[] { OptionName(n), OptionValue(n) })];
            missing.AddRange(needed.Where(c => !columns.ContainsKey(c)));
        }

        if (missing.Count > 0)
        {
            var named = string.Join(", ", missing.Select(m => $"“{m}”"));
            problems.Add(missing.Count == 1 ? new Phrase("The header row lacks the column {0}.", named) : new Phrase("The header row lacks the columns {0}.", named));
        }

        if (problems.Count > 0)
        {
            throw CatalogCsvParser.Invalid("{0} The first row must name the columns {1} (in any order), and for variants {2}.", problems.Aggregate((all, next) => new Phrase("{0} {1}", all, next)), string.Join(",", Columns), string.Join(",", VariantColumns));
        }

        return columns;
    }

    private static CatalogCsvLine? ReadRow(CsvRecord record, Dictionary<string, int> columns, List<CsvErrorDto> errors)
    {
        void Error(string column, string message) => errors.Add(new CsvErrorDto(record.Line, column, message));

        var width = columns.Values.Max() + 1;
        if (record.Cells.Count < width || record.Cells.Skip(width).Any(c => c.Trim().Length > 0))
        {
            Error("", $"This row has {record.Cells.Count} cells and the header row {width}: check for a comma inside a cell that is not in quotes.");
            return null;
        }

        string Cell(string column) => record.Cells[columns[column]];

        string Optional(string column) => columns.TryGetValue(column, out var i) ? Unescape(record.Cells[i]).Trim() : "";

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

        var variant = CatalogCsvVariantCells.Read(record.Line, Optional, Error);
        if (errors.Count > 0)
        {
            return null;
        }

        try
        {
            var input = ProductInput.Parse(new SaveProductRequest(sku, name, description, price!.Value, compareAt, currency, lowStock ?? 0));
            return new CatalogCsvLine(record.Line, input, stock, archived ?? false, variant);
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
