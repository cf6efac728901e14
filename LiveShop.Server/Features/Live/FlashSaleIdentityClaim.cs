using LiveShop.Server.Data;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// The flash units one order took at one flash price, with the keys of who took them: the browser, the
/// shipping address and the card (keyed hashes, <see cref="Security.IdentityKeys"/>). The per-buyer cap
/// counts units by each of these keys as well as by account (<see cref="FlashSaleClaim"/>), so fresh
/// guests from one browser, to one address or with one card share one allowance.
/// </summary>
public sealed class FlashSaleIdentityClaim
{
    private FlashSaleIdentityClaim()
    {
    }

    public FlashSaleIdentityClaim(Guid saleId, Guid orderId, string? visitorKey, string shippingKey, string? paymentKey, int units)
    {
        SaleId = saleId;
        OrderId = orderId;
        VisitorKey = visitorKey;
        ShippingKey = shippingKey;
        PaymentKey = paymentKey;
        Units = units;
    }

    public Guid SaleId { get; private set; }

    public Guid OrderId { get; private set; }

    /// <summary>The browser's visitor cookie; null when the request had none.</summary>
    public string? VisitorKey { get; private set; }

    public string ShippingKey { get; private set; } = "";

    /// <summary>The card, when known at placement (the test gateway's card number); null otherwise.</summary>
    public string? PaymentKey { get; private set; }

    public int Units { get; private set; }

    /// <summary>A gift's recipient gave the address: the cap counts it from now on (it was the buyer's gift key).</summary>
    internal void ShipTo(string shippingKey) => ShippingKey = shippingKey;

    /// <summary>Another line of the same order under the same sale (another variant), before it is saved.</summary>
    internal void AddUnits(int units) => Units += units;
}

/// <summary>Who is buying, as keys: what <see cref="FlashSaleIdentityClaim"/> records and the cap counts by.</summary>
public sealed record BuyerKeys(string? Visitor, string Shipping, string? Payment)
{
    /// <summary>
    /// The most flash units of the sale already held by any one of these keys, in orders that still hold
    /// them (a declined, cancelled, refunded or returned order gave them back). Read under the show's lock.
    /// </summary>
    public async Task<int> HeldAsync(LiveShopDbContext db, Guid saleId, CancellationToken cancellationToken)
    {
        var visitor = Visitor;
        var payment = Payment;
        var stored = await db.FlashSaleIdentityClaims.AsNoTracking()
            .Where(c => c.SaleId == saleId && (c.ShippingKey == Shipping || (visitor != null && c.VisitorKey == visitor) || (payment != null && c.PaymentKey == payment)))
            .Where(c => db.Orders.Any(o => o.Id == c.OrderId && o.Status != OrderStatus.PaymentDeclined && o.Status != OrderStatus.Cancelled
                && o.Status != OrderStatus.Refunded && o.Status != OrderStatus.Returned))
            .ToListAsync(cancellationToken);
        IEnumerable<FlashSaleIdentityClaim> all = [.. stored, .. db.FlashSaleIdentityClaims.Local.Where(c => c.SaleId == saleId)];
        return Math.Max(
            all.Where(c => c.ShippingKey == Shipping).Sum(c => c.Units),
            Math.Max(
                visitor is null ? 0 : all.Where(c => c.VisitorKey == visitor).Sum(c => c.Units),
                payment is null ? 0 : all.Where(c => c.PaymentKey == payment).Sum(c => c.Units)));
    }
}
