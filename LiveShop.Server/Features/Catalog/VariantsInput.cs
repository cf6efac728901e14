using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;

namespace LiveShop.Server.Features.Catalog;

/// <summary>A variant in the product form, validated (see <see cref="VariantsInput"/>).</summary>
public sealed record VariantInput(Guid? Id, string Sku, IReadOnlyList<string> Values, decimal? PriceOverride, int InitialStock);

/// <summary>
/// A product's options and variants as the form sends them, validated: 0–3 distinct option names; none
/// means no variants; otherwise 1–100 variants, each with a value per option, a combination of values no
/// other variant has, its own SKU (not the product's, not another variant's), an optional price above 0
/// and a starting stock. Every refusal says what to change.
/// </summary>
public sealed record VariantsInput(IReadOnlyList<string> Options, IReadOnlyList<VariantInput> Variants)
{
    public static readonly VariantsInput None = new([], []);

    public bool HasVariants => Options.Count > 0;

    public static VariantsInput Parse(SaveProductRequest request, string productSku)
    {
        var options = (request.Options ?? []).Select(o => o?.Trim() ?? "").ToList();
        var variants = request.Variants ?? [];
        if (options.Count > Limits.ProductOptionsMax)
        {
            throw Invalid("A product has at most {0} options (such as Colour and Size).", Limits.ProductOptionsMax);
        }

        if (options.Any(o => !IsText(o)))
        {
            throw Invalid("Each option needs a name of 1 to {0} characters, such as “Colour”.", Limits.OptionTextMaxLength);
        }

        if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count)
        {
            throw Invalid("Two options have the same name: give each option its own.");
        }

        if (options.Count == 0)
        {
            return variants.Count == 0 ? None : throw Invalid("Variants need at least one option (such as Colour): name the option first.");
        }

        if (variants.Count == 0 || variants.Count > Limits.ProductVariantsMax)
        {
            throw Invalid("A product with options has 1 to {0} variants.", Limits.ProductVariantsMax);
        }

        var parsed = new List<VariantInput>(variants.Count);
        foreach (var (variant, n) in variants.Select((v, i) => (v, i + 1)))
        {
            parsed.Add(ParseOne(variant, n, options));
        }

        if (parsed.Select(v => string.Join('\u001f', v.Values)).Distinct(StringComparer.OrdinalIgnoreCase).Count() != parsed.Count)
        {
            var twice = parsed.GroupBy(v => VariantLabels.Join(v.Values), StringComparer.OrdinalIgnoreCase).First(g => g.Count() > 1).Key;
            throw Invalid("Two variants are both “{0}”: each combination of options once.", twice);
        }

        var skus = parsed.Select(v => v.Sku).Append(productSku).ToList();
        if (skus.Distinct(StringComparer.OrdinalIgnoreCase).Count() != skus.Count)
        {
            throw Invalid("Each variant needs its own SKU, different from the product's and from the other variants'.");
        }

        if (parsed.Where(v => v.Id is not null).Select(v => v.Id).Distinct().Count() != parsed.Count(v => v.Id is not null))
        {
            throw Invalid("A variant appears twice in the list.");
        }

        return new VariantsInput(options, parsed);
    }

    private static VariantInput ParseOne(SaveVariantRequest? variant, int n, IReadOnlyList<string> options)
    {
        if (variant is null)
        {
            throw Invalid("Variant {0} is empty.", n);
        }

        var values = (variant.Values ?? []).Select(v => v?.Trim() ?? "").ToList();
        if (values.Count != options.Count || values.Any(v => !IsText(v)))
        {
            throw Invalid("Variant {0} needs a value for each option ({1}), each 1 to {2} characters.", n, string.Join(", ", options), Limits.OptionTextMaxLength);
        }

        var sku = variant.Sku?.Trim() ?? "";
        if (!ProductInput.IsSku(sku))
        {
            throw Invalid("Variant “{0}” needs a SKU of 1 to {1} characters without spaces.", VariantLabels.Join(values), Limits.SkuMaxLength);
        }

        if (variant.PriceOverride is { } price && !ProductInput.IsPrice(price))
        {
            throw Invalid("The price of “{0}” must be above 0 and at most {1:N0}, with at most 2 decimals (leave it empty for the product's price).", VariantLabels.Join(values), Limits.PriceMax);
        }

        if (variant.InitialStock < 0 || variant.InitialStock > Limits.StockMax)
        {
            throw Invalid("The stock of “{0}” is a number of units from 0 to {1:N0}.", VariantLabels.Join(values), Limits.StockMax);
        }

        return new VariantInput(variant.Id, sku, values, variant.PriceOverride, variant.InitialStock);
    }

    private static bool IsText(string value) => value.Length is > 0 and <= Limits.OptionTextMaxLength && !value.Any(char.IsControl);

    public static DomainException Invalid(string message, params object?[] arguments) => DomainException.Invalid(ProblemCodes.VariantsInvalid, message, arguments);
}

/// <summary>A variant's stock set by a change of variants (a new variant's starting stock, or the product's stock moving to its first variant).</summary>
public sealed record VariantStockSet(ProductVariant Variant, int Before, int After, string Reason);
