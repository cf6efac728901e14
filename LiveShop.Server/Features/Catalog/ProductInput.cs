using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;

namespace LiveShop.Server.Features.Catalog;

/// <summary>A product form's fields, validated: every refusal names the field and what it needs.</summary>
public sealed record ProductInput(string Sku, string Name, string Description, decimal Price, decimal? CompareAtPrice, string Currency, int LowStockThreshold)
{
    public static ProductInput Parse(SaveProductRequest? request)
    {
        if (request is null)
        {
            throw Invalid("Send the product's SKU, name, price and currency.");
        }

        var sku = request.Sku?.Trim() ?? "";
        if (!IsSku(sku))
        {
            throw Invalid("A SKU needs 1 to {0} characters without spaces.", Limits.SkuMaxLength);
        }

        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > Limits.ProductNameMaxLength || name.Any(char.IsControl))
        {
            throw Invalid("A product's name needs 1 to {0} characters.", Limits.ProductNameMaxLength);
        }

        // Plain text: line breaks kept (shown as such), other control characters refused.
        var description = (request.Description ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (description.Length > Limits.ProductDescriptionMaxLength || description.Any(c => char.IsControl(c) && c != '\n'))
        {
            throw Invalid("A description can be at most {0} characters of text.", Limits.ProductDescriptionMaxLength);
        }

        if (!Currencies.IsSupported(request.Currency))
        {
            throw Invalid("Choose the product's currency from {0}.", string.Join(", ", Currencies.Supported));
        }

        var price = request.Price;
        if (!IsPrice(price))
        {
            throw Invalid("The price must be above 0 and at most {0:N0}, with at most 2 decimals.", Limits.PriceMax);
        }

        if (request.CompareAtPrice is { } compareAt && (compareAt <= price || !IsPrice(compareAt)))
        {
            throw Invalid("A compare-at price must be higher than the price (leave it empty for none).");
        }

        if (request.LowStockThreshold < 0 || request.LowStockThreshold > Limits.StockMax)
        {
            throw Invalid("The low-stock warning is a number of units from 0 (off) up.");
        }

        return new ProductInput(sku, name, description, price, request.CompareAtPrice, request.Currency, request.LowStockThreshold);
    }

    /// <summary>The SKU rule for products and variants alike: 1 to <see cref="Limits.SkuMaxLength"/> characters, no spaces or control characters.</summary>
    public static bool IsSku(string sku) => sku.Length is > 0 and <= Limits.SkuMaxLength && !sku.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));

    /// <summary>The price rule for every price of the catalog: above 0, at most <see cref="Limits.PriceMax"/>, at most 2 decimals.</summary>
    public static bool IsPrice(decimal price) => price > 0 && price <= Limits.PriceMax && decimal.Round(price, 2) == price;

    public static DomainException Invalid(string message, params object?[] arguments) => DomainException.Invalid(ProblemCodes.ProductInvalid, message, arguments);
}
