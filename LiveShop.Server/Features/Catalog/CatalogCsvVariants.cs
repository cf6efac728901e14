using System.Globalization;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;

namespace LiveShop.Server.Features.Catalog;

/// <summary>One row of an imported file, its cells valid: the product's columns and, on a variant row, the variant's.</summary>
internal sealed record CatalogCsvLine(int Line, ProductInput Input, int? Stock, bool Archived, CatalogCsvVariantCells? Variant);

/// <summary>A variant row's own cells: its SKU, the option names and its values (as many as the product has options).</summary>
internal sealed record CatalogCsvVariantCells(string Sku, IReadOnlyList<string> Options, IReadOnlyList<string> Values)
{
    /// <summary>The variant cells of a row; null when they are all empty (a product without variants). Each problem goes to <paramref name="error"/> by column.</summary>
    public static CatalogCsvVariantCells? Read(int line, Func<string, string> cell, Action<string, string> error)
    {
        var sku = cell(CatalogCsv.VariantSku);
        var names = Enumerable.Range(1, Limits.ProductOptionsMax).Select(n => cell(CatalogCsv.OptionName(n))).ToList();
        var values = Enumerable.Range(1, Limits.ProductOptionsMax).Select(n => cell(CatalogCsv.OptionValue(n))).ToList();
        if (sku.Length == 0 && names.All(n => n.Length == 0) && values.All(v => v.Length == 0))
        {
            return null;
        }

        if (!ProductInput.IsSku(sku))
        {
            error(CatalogCsv.VariantSku, $"A variant row needs the variant's own SKU in variant_sku: 1 to {Limits.SkuMaxLength} characters without spaces.");
        }

        var count = Math.Max(1, Enumerable.Range(0, Limits.ProductOptionsMax).LastOrDefault(i => names[i].Length > 0 || values[i].Length > 0, -1) + 1);
        for (var i = 0; i < count; i++)
        {
            var n = i + 1;
            if (names[i].Length == 0)
            {
                error(CatalogCsv.OptionName(n), $"Name option {n}, such as “Colour” or “Size”: a variant has a value for each option, and the options are named in order from option1_name.");
            }
            else if (!IsText(names[i]))
            {
                error(CatalogCsv.OptionName(n), $"An option's name has 1 to {Limits.OptionTextMaxLength} characters.");
            }
            else if (names.Take(i).Contains(names[i], StringComparer.OrdinalIgnoreCase))
            {
                error(CatalogCsv.OptionName(n), $"The option “{names[i]}” is named twice: give each option its own name.");
            }

            if (values[i].Length == 0)
            {
                error(CatalogCsv.OptionValue(n), names[i].Length > 0 ? $"Give this variant's “{names[i]}”, such as “Red” or “M”." : $"Give this variant's value of option {n}.");
            }
            else if (!IsText(values[i]))
            {
                error(CatalogCsv.OptionValue(n), $"An option's value has 1 to {Limits.OptionTextMaxLength} characters.");
            }
        }

        return new CatalogCsvVariantCells(sku, names.GetRange(0, count), values.GetRange(0, count));
    }

    private static bool IsText(string value) => value.Length is > 0 and <= Limits.OptionTextMaxLength && !value.Any(char.IsControl);
}

/// <summary>
/// Gathers a file's rows into products: rows with the same <c>sku</c> are one product's variants, whose
/// product columns must agree with its first row (the product's price is the first row's; another price on
/// a variant row is that variant's own). Every problem is reported by line and column.
/// </summary>
internal sealed class CatalogCsvProducts
{
    /// <summary>The columns every row of a product with variants repeats unchanged.</summary>
    private static readonly string[] SharedColumns =
    [
        CatalogCsv.Name, CatalogCsv.Description, CatalogCsv.CompareAtPrice, CatalogCsv.Currency, CatalogCsv.LowStockThreshold, CatalogCsv.Archived,
        .. Enumerable.Range(1, Limits.ProductOptionsMax).Select(CatalogCsv.OptionName),
    ];

    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _variantSkus = new(StringComparer.Ordinal);
    private readonly List<(int Line, string Sku, Group Group)> _variantRows = [];
    private readonly List<CsvErrorDto> _errors = [];

    public void Add(int line, Func<string, string> raw, CatalogCsvLine? row, List<CsvErrorDto> rowErrors)
    {
        _errors.AddRange(rowErrors);
        var sku = raw(CatalogCsv.Sku);
        if (sku.Length == 0)
        {
            return;
        }

        var isVariant = row?.Variant is not null || CatalogCsv.VariantColumns.Any(c => raw(c).Length > 0);
        var valid = row is not null && rowErrors.Count == 0;
        if (!_groups.TryGetValue(sku, out var group))
        {
            group = new Group(line, raw, isVariant) { Valid = valid };
            _groups.Add(sku, group);
            Track(line, raw, isVariant, group);
            if (valid && (!isVariant || group.TryAddCombination(row!, line, out _)))
            {
                group.Lines.Add(row!);
            }

            return;
        }

        void Error(string column, string message)
        {
            _errors.Add(new CsvErrorDto(line, column, message));
            group.Valid = false;
        }

        if (group.HasVariants && !isVariant)
        {
            Error(CatalogCsv.VariantSku, $"“{sku}” has variants (line {group.FirstLine}): give this row its variant_sku and option values too, or give it a SKU of its own.");
            return;
        }

        if (!group.HasVariants)
        {
            // Not a product with variants: the same SKU twice is a mistake (the first row still counts, as before variants).
            _errors.Add(new CsvErrorDto(line, CatalogCsv.Sku, $"The SKU “{sku}” is already on line {group.FirstLine} of this file: each product once."));
            return;
        }

        Track(line, raw, isVariant, group);
        foreach (var column in SharedColumns.Where(c => !Same(c, group.FirstRaw(c), raw(c))))
        {
            Error(column, $"This differs from line {group.FirstLine}, the first row of “{sku}”: a product's columns are the same on each of its variants' rows (only price, stock, variant_sku and the option values may differ).");
        }

        if (!valid)
        {
            group.Valid = false;
            return;
        }

        if (!group.TryAddCombination(row!, line, out var first))
        {
            Error(CatalogCsv.OptionValue(1), $"“{VariantLabels.Join(row!.Variant!.Values)}” is already on line {first} for “{sku}”: each combination of options once.");
        }
        else if (group.Lines.Count == Limits.ProductVariantsMax)
        {
            Error(CatalogCsv.VariantSku, $"“{sku}” has more than {Limits.ProductVariantsMax} variants: a product has at most {Limits.ProductVariantsMax}.");
        }
        else
        {
            group.Lines.Add(row!);
        }
    }

    /// <summary>The products whose rows are all valid, and every error.</summary>
    public (List<CatalogCsvRow> Valid, List<CsvErrorDto> Errors) Finish()
    {
        foreach (var (line, sku, group) in _variantRows)
        {
            if (_groups.TryGetValue(sku, out var owner))
            {
                _errors.Add(new CsvErrorDto(line, CatalogCsv.VariantSku, $"“{sku}” is the SKU of the product on line {owner.FirstLine}: a variant needs a SKU of its own."));
                group.Valid = false;
            }
        }

        var valid = new List<CatalogCsvRow>();
        foreach (var group in _groups.Values.Where(g => g.Valid && g.Lines.Count > 0))
        {
            var first = group.Lines[0];
            if (first.Variant is null)
            {
                valid.Add(new CatalogCsvRow(first.Line, first.Input, first.Stock, first.Archived));
                continue;
            }

            var price = first.Input.Price;
            var variants = group.Lines.Select(l => new CatalogCsvVariant(l.Line, l.Variant!.Sku, l.Variant.Values, l.Input.Price == price ? null : l.Input.Price, l.Stock)).ToList();
            try
            {
                // The form's rules, once more for the whole product (the cells were checked one by one above).
                VariantsInput.Parse(new SaveProductRequest(first.Input.Sku, first.Input.Name, first.Input.Description, price, first.Input.CompareAtPrice, first.Input.Currency, first.Input.LowStockThreshold, 0,
                    first.Variant.Options, [.. variants.Select(v => new SaveVariantRequest(null, v.Sku, v.Values, v.PriceOverride, v.Stock ?? 0))]), first.Input.Sku);
                valid.Add(new CatalogCsvRow(first.Line, first.Input, null, first.Archived, first.Variant.Options, variants));
            }
            catch (DomainException refusal)
            {
                _errors.Add(new CsvErrorDto(first.Line, "", refusal.Message));
            }
        }

        return (valid, _errors);
    }

    /// <summary>Remembers a variant row's SKU: once in the file, and later checked against the products' SKUs.</summary>
    private void Track(int line, Func<string, string> raw, bool isVariant, Group group)
    {
        var variantSku = raw(CatalogCsv.VariantSku);
        if (!isVariant || variantSku.Length == 0)
        {
            return;
        }

        if (!_variantSkus.TryAdd(variantSku, line))
        {
            _errors.Add(new CsvErrorDto(line, CatalogCsv.VariantSku, $"The variant SKU “{variantSku}” is already on line {_variantSkus[variantSku]} of this file: each variant once."));
            group.Valid = false;
            return;
        }

        _variantRows.Add((line, variantSku, group));
    }

    private static bool Same(string column, string a, string b)
    {
        if (column is CatalogCsv.CompareAtPrice or CatalogCsv.LowStockThreshold
            && decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y))
        {
            return x == y;
        }

        if (column == CatalogCsv.Archived)
        {
            return string.Equals(a.Length == 0 ? "false" : a, b.Length == 0 ? "false" : b, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(a, b, column == CatalogCsv.Currency ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private sealed class Group(int firstLine, Func<string, string> firstRaw, bool hasVariants)
    {
        private readonly Dictionary<string, int> _combinations = new(StringComparer.OrdinalIgnoreCase);

        public int FirstLine { get; } = firstLine;

        public Func<string, string> FirstRaw { get; } = firstRaw;

        public bool HasVariants { get; } = hasVariants;

        public bool Valid { get; set; }

        public List<CatalogCsvLine> Lines { get; } = [];

        public bool TryAddCombination(CatalogCsvLine row, int line, out int first)
        {
            var key = string.Join('\u001f', row.Variant!.Values);
            var added = _combinations.TryAdd(key, line);
            first = _combinations[key];
            return added;
        }
    }
}
