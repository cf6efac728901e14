using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.BackOffice.Catalog;

/// <summary>
/// A product's options and variants as the form edits them: up to <see cref="Limits.ProductOptionsMax"/>
/// options, each a name and its values; the variants grid, generated from every combination of the values
/// (a row that already exists with the same values is kept as it is). Every rule is checked here so the
/// person sees it at once, and again by the server.
/// </summary>
public sealed class VariantsModel
{
    public List<OptionDraft> Options { get; } = [];

    public List<VariantDraft> Rows { get; } = [];

    public bool HasOptions => Options.Count > 0;

    public bool CanAddOption => Options.Count < Limits.ProductOptionsMax;

    public int TotalStock => Rows.Sum(r => r.Stock);

    /// <summary>The product's options and variants (in their order), each option's values in the order the variants first use them.</summary>
    public static VariantsModel From(ShopProductDto product)
    {
        var model = new VariantsModel();
        var variants = (product.Variants ?? []).OrderBy(v => v.Position).ToList();
        foreach (var (name, i) in (product.Options ?? []).Select((n, i) => (n, i)))
        {
            var option = new OptionDraft { Name = name };
            foreach (var value in variants.Select(v => v.Values.ElementAtOrDefault(i)).OfType<string>())
            {
                if (value.Length > 0 && !option.Values.Contains(value, StringComparer.OrdinalIgnoreCase))
                {
                    option.Values.Add(value);
                }
            }

            model.Options.Add(option);
        }

        model.Rows.AddRange(variants.Select(v => new VariantDraft(v.Id, v.Values, v.Sku, v.PriceOverride, v.Stock, v.IsLowStock)));
        return model;
    }

    /// <summary>Adds an empty option; answers why not when the product has its 3 already.</summary>
    public string? AddOption(IStringLocalizer T)
    {
        if (!CanAddOption)
        {
            return T["A product has at most {0} options (such as Colour, Size and Material).", Limits.ProductOptionsMax];
        }

        Options.Add(new OptionDraft());
        return null;
    }

    /// <summary>Removes an option; without options left, every variant that can go goes too (the rest wait for their stock to reach 0).</summary>
    public void RemoveOption(OptionDraft option)
    {
        Options.Remove(option);
        if (Options.Count == 0)
        {
            Rows.RemoveAll(r => r.CanRemove);
        }
    }

    /// <summary>Whether a row's values no longer fit the options (after an option or a value changed): generate again.</summary>
    public bool IsStale(VariantDraft row) =>
        row.Values.Count != Options.Count
        || row.Values.Select((v, i) => Options[i].Values.Contains(v, StringComparer.OrdinalIgnoreCase)).Any(found => !found);

    /// <summary>
    /// Fills the grid with every combination of the options' values: a row with the same values stays as it is
    /// (id, SKU, price, stock); a new one gets a suggested SKU. A row left over goes, unless it has stock: it stays
    /// and the answer says so. Answers why nothing changed when the options are not complete or make too many.
    /// </summary>
    public string? Generate(string productSku, IStringLocalizer T)
    {
        foreach (var option in Options)
        {
            option.CommitPending(T);
        }

        if (Options.Count == 0 || Options.Any(o => string.IsNullOrWhiteSpace(o.Name) || o.Values.Count == 0))
        {
            return T["Give each option a name and at least one value, then generate the variants."];
        }

        var count = Options.Aggregate(1L, (n, o) => n * o.Values.Count);
        if (count > Limits.ProductVariantsMax)
        {
            return T["These values make {0} variants; a product has at most {1}. Remove some values.", count, Limits.ProductVariantsMax];
        }

        var tokens = Options.Select(o => SkuTokens(o.Values)).ToList();
        IEnumerable<IReadOnlyList<string>> combinations = [[]];
        foreach (var option in Options)
        {
            combinations = combinations.SelectMany(c => option.Values.Select(v => (IReadOnlyList<string>)[.. c, v])).ToList();
        }

        var rows = new List<VariantDraft>();
        foreach (var values in combinations)
        {
            var existing = Rows.FirstOrDefault(r => r.Values.SequenceEqual(values, StringComparer.OrdinalIgnoreCase));
            if (existing is not null)
            {
                existing.Values = values;
            }

            rows.Add(existing ?? new VariantDraft(null, values, SuggestSku(productSku, values.Select((v, i) => tokens[i][v])), null, 0, false));
        }

        var kept = Rows.Where(r => !r.CanRemove && !rows.Contains(r)).ToList();
        Rows.Clear();
        Rows.AddRange(rows);
        Rows.AddRange(kept);
        if (kept.Count == 0)
        {
            return null;
        }

        var names = string.Join(T[", "], kept.Select(r => T["“{0}”", r.Label].Value));
        return kept.Count == 1
            ? T["{0} still has stock, so it stays: adjust to 0 to remove.", names]
            : T["{0} still have stock, so they stay: adjust to 0 to remove.", names];
    }

    /// <summary>Removes a row: a new one, or one whose stock is 0 (a variant with stock stays until it is adjusted to 0).</summary>
    public bool Remove(VariantDraft row) => row.CanRemove && Rows.Remove(row);

    /// <summary>What stops the options and variants from being saved, in the person's words; null when they can be.</summary>
    public string? Validate(string productSku, IStringLocalizer T)
    {
        if (!HasOptions)
        {
            return Rows.Count == 0 ? null : T["Variants need at least one option: add the option back, or adjust their stock to 0 and remove them."].Value;
        }

        if (Options.Any(o => string.IsNullOrWhiteSpace(o.Name)))
        {
            return T["Give each option a name, such as “Colour”."];
        }

        if (Options.Select(o => o.Name.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != Options.Count)
        {
            return T["Two options have the same name: give each option its own."];
        }

        if (Rows.Count == 0)
        {
            return T["Generate the variants (or remove the options) before saving."];
        }

        if (Rows.Count > Limits.ProductVariantsMax)
        {
            return T["A product has at most {0} variants; this one has {1}.", Limits.ProductVariantsMax, Rows.Count];
        }

        if (Rows.FirstOrDefault(IsStale) is { } stale)
        {
            return T["“{0}” does not match the options any more: generate the variants again.", stale.Label];
        }

        if (Rows.FirstOrDefault(r => string.IsNullOrWhiteSpace(r.Sku)) is { } noSku)
        {
            return T["Give “{0}” a SKU.", noSku.Label];
        }

        var skus = Rows.Select(r => r.Sku.Trim()).Append(productSku.Trim()).ToList();
        if (skus.Distinct(StringComparer.OrdinalIgnoreCase).Count() != skus.Count)
        {
            return T["Each variant needs its own SKU, different from the product's and from the other variants'."];
        }

        return Rows.FirstOrDefault(r => r.PriceOverride is <= 0 or > Limits.PriceMax) is { } price
            ? T["The price of “{0}” must be above 0 and at most {1} (leave it empty for the product's price).", price.Label, Limits.PriceMax.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)].Value
            : null;
    }

    /// <summary>The options and variants for <see cref="SaveProductRequest"/>: none for a product without options.</summary>
    public (IReadOnlyList<string>? Options, IReadOnlyList<SaveVariantRequest>? Variants) ToRequest() =>
        !HasOptions
            ? (null, null)
            : ([.. Options.Select(o => o.Name.Trim())],
               [.. Rows.Select(r => new SaveVariantRequest(r.Id, r.Sku.Trim(), r.Values, r.PriceOverride, r.Id is null ? r.Stock : 0))]);

    /// <summary>The product's SKU and each value's short form, joined with dashes: "SCARF-I-M".</summary>
    public static string SuggestSku(string productSku, IEnumerable<string> tokens)
    {
        var sku = string.Join('-', new[] { productSku.Trim() }.Concat(tokens).Where(t => t.Length > 0));
        return sku.Length <= Limits.SkuMaxLength ? sku : sku[..Limits.SkuMaxLength];
    }

    /// <summary>
    /// A short SKU part per value: a code already in capitals or digits as it is ("M", "XL", "38"), otherwise
    /// its words' initials, uppercase ("Indigo" → "I", "Sky blue" → "SB");
    /// when two values of the option would share one ("Tea", "Taupe"; "XL", "XXL"), every value of that option
    /// is written out instead ("TEA", "TAUPE").
    /// </summary>
    private static Dictionary<string, string> SkuTokens(IReadOnlyList<string> values)
    {
        static string Clean(string s) => new([.. s.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
        static string Short(string value) => value.Length <= 4 && !value.Any(char.IsLower)
            ? Clean(value)
            : Clean(string.Concat(value.Split(' ', '-', '/', '_').Where(w => w.Length > 0).Select(w => w[0])));

        var shortForms = values.ToDictionary(v => v, Short, StringComparer.OrdinalIgnoreCase);
        var unique = shortForms.Values.Distinct(StringComparer.Ordinal).Count() == shortForms.Count;
        return unique ? shortForms : values.ToDictionary(v => v, Clean, StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>An option in the form: its name and values (each once, ignoring case), and what is typed but not yet added.</summary>
public sealed class OptionDraft
{
    public string Name { get; set; } = "";

    public List<string> Values { get; } = [];

    /// <summary>Typed in the values box, not added yet ("Indigo, Tea").</summary>
    public string? Pending { get; set; }

    /// <summary>Adds a value (trimmed); answers why not when it is too long. A value already there is skipped.</summary>
    public string? Add(string value, IStringLocalizer T)
    {
        value = value.Trim();
        if (value.Length == 0 || Values.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        if (value.Length > Limits.OptionTextMaxLength)
        {
            return T["“{0}…” is too long: a value has at most {1} characters.", value[..20], Limits.OptionTextMaxLength];
        }

        Values.Add(value);
        return null;
    }

    /// <summary>Adds every comma-separated value typed so far; answers the first that could not be added.</summary>
    public string? CommitPending(IStringLocalizer T)
    {
        var parts = (Pending ?? "").Split(',');
        Pending = null;
        return parts.Select(p => Add(p, T)).FirstOrDefault(e => e is not null);
    }
}

/// <summary>
/// A row of the variants grid. <see cref="Id"/> is null for a variant not saved yet, whose <see cref="Stock"/>
/// is its starting stock; a saved variant's stock changes only on the stock panel.
/// </summary>
public sealed class VariantDraft(Guid? id, IReadOnlyList<string> values, string sku, decimal? priceOverride, int stock, bool isLowStock)
{
    public Guid? Id { get; } = id;

    /// <summary>One per option, in the options' order.</summary>
    public IReadOnlyList<string> Values { get; set; } = values;

    public string Sku { get; set; } = sku;

    /// <summary>Null: sold at the product's price.</summary>
    public decimal? PriceOverride { get; set; } = priceOverride;

    public int Stock { get; set; } = stock;

    public bool IsLowStock { get; set; } = isLowStock;

    public bool IsNew => Id is null;

    /// <summary>A new row goes at any time; a saved variant only without stock (the server refuses otherwise).</summary>
    public bool CanRemove => IsNew || Stock == 0;

    public string Label => VariantLabels.Join(Values);
}
