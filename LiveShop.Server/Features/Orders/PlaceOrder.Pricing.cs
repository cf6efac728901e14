using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Shared;
using LiveShop.Shared.Orders;

namespace LiveShop.Server.Features.Orders;

/// <summary>Pricing refusals of <see cref="PlaceOrder"/>: when the flash price applies, and what a buyer who saw another price is told.</summary>
public sealed partial class PlaceOrder
{
    /// <summary>
    /// Whether the running sale's price applies to this line: enough units left at the flash price and
    /// within the buyer's allowance. A buyer who expects the flash price where it no longer applies is
    /// told why (and the list price they can have instead); one who expects the list price gets it.
    /// </summary>
    private static bool FlashApplies(FlashSale sale, int held, PlaceOrderLine line, string productName, decimal listPrice, string currency)
    {
        var left = sale.QuantityCap - sale.Sold;
        if (held + line.Quantity <= sale.PerBuyerCap && line.Quantity <= left)
        {
            return true;
        }

        if (line.ExpectedUnitPrice != sale.Price)
        {
            return false;
        }

        var extensions = PriceFacts(line.ProductId, line.VariantId, line.ExpectedUnitPrice, listPrice, currency);
        extensions["saleId"] = sale.Id;
        extensions["perBuyerCap"] = sale.PerBuyerCap;
        extensions["held"] = held;
        extensions["unitsLeft"] = left;
        var atList = $"More are available at the list price, {Money(listPrice, currency)}.";
        if (held + line.Quantity > sale.PerBuyerCap)
        {
            var already = held > 0 ? $" You already have {held}." : "";
            throw DomainException.Conflict(ProblemCodes.PerBuyerCapReached, $"At the flash price, each buyer can get at most {sale.PerBuyerCap} of “{productName}”.{already} {atList}", extensions);
        }

        throw DomainException.Conflict(ProblemCodes.FlashSaleSoldOut, $"Only {left} of “{productName}” left at the flash price: lower the quantity. {atList}", extensions);
    }

    /// <summary>The facts every price refusal carries, so the client can show both prices and offer the current one.</summary>
    private static Dictionary<string, object?> PriceFacts(Guid productId, Guid? variantId, decimal expected, decimal current, string currency) => new()
    {
        ["productId"] = productId,
        ["variantId"] = variantId,
        ["expectedPrice"] = expected,
        ["currentPrice"] = current,
        ["currency"] = currency,
    };

    /// <summary>"The flash price … sold out 2 s ago — the price is now NT$590."</summary>
    private static DomainException FlashPriceEnded(string what, bool soldOut, DateTimeOffset endedAt, DateTimeOffset now, decimal current, string currency, Dictionary<string, object?> facts)
    {
        var ago = Math.Max(0, (int)(now - endedAt).TotalSeconds);
        return DomainException.Conflict(ProblemCodes.FlashSaleEnded,
            $"{what} {(soldOut ? "sold out" : "ended")} {ago} s ago — the price is now {Money(current, currency)}.", facts);
    }

    private static string Money(decimal amount, string currency) => Currencies.Format(amount, currency);
}
