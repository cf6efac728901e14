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
        var atList = Money(listPrice, currency);
        if (held + line.Quantity > sale.PerBuyerCap)
        {
            throw held > 0
                ? DomainException.Conflict(ProblemCodes.PerBuyerCapReached, "At the flash price, each buyer can get at most {0} of “{1}”. You already have {2}. More are available at the list price, {3}.", extensions, sale.PerBuyerCap, productName, held, atList)
                : DomainException.Conflict(ProblemCodes.PerBuyerCapReached, "At the flash price, each buyer can get at most {0} of “{1}”. More are available at the list price, {2}.", extensions, sale.PerBuyerCap, productName, atList);
        }

        throw DomainException.Conflict(ProblemCodes.FlashSaleSoldOut, "Only {0} of “{1}” left at the flash price: lower the quantity. More are available at the list price, {2}.", extensions, left, productName, atList);
    }

    /// <summary>The facts every price refusal carries, so the client can show both prices and offer the current one.</summary>
    internal static Dictionary<string, object?> PriceFacts(Guid productId, Guid? variantId, decimal expected, decimal current, string currency) => new()
    {
        ["productId"] = productId,
        ["variantId"] = variantId,
        ["expectedPrice"] = expected,
        ["currentPrice"] = current,
        ["currency"] = currency,
    };

    /// <summary>"The flash price … sold out 2 s ago — the price is now NT$590."</summary>
    /// <summary>The flash price the buyer saw is over; <paramref name="productName"/> names it when the buyer may not know which.</summary>
    private static DomainException FlashPriceEnded(string? productName, bool soldOut, DateTimeOffset endedAt, DateTimeOffset now, decimal current, string currency, Dictionary<string, object?> facts)
    {
        var ago = Math.Max(0, (int)(now - endedAt).TotalSeconds);
        var price = Money(current, currency);
        return (productName, soldOut) switch
        {
            (null, true) => DomainException.Conflict(ProblemCodes.FlashSaleEnded, "This flash price sold out {0} s ago — the price is now {1}.", facts, ago, price),
            (null, false) => DomainException.Conflict(ProblemCodes.FlashSaleEnded, "This flash price ended {0} s ago — the price is now {1}.", facts, ago, price),
            (_, true) => DomainException.Conflict(ProblemCodes.FlashSaleEnded, "The flash price for “{0}” sold out {1} s ago — the price is now {2}.", facts, productName, ago, price),
            (_, false) => DomainException.Conflict(ProblemCodes.FlashSaleEnded, "The flash price for “{0}” ended {1} s ago — the price is now {2}.", facts, productName, ago, price),
        };
    }

    private static string Money(decimal amount, string currency) => Currencies.Format(amount, currency);
}
