namespace LiveShop.Shared.Orders;

/// <summary>
/// Moves many of a shop's orders at once (<c>POST /api/shops/{shopId}/orders/fulfil</c>): each order on its own,
/// so one refused order never blocks the others. For Shipped, <see cref="Carrier"/> applies to every order and
/// <see cref="Tracking"/> gives a tracking number (and link) per order, any of them optional.
/// </summary>
public sealed record FulfilOrdersRequest(
    IReadOnlyList<Guid> OrderIds,
    OrderStatus Status,
    string? Carrier = null,
    IReadOnlyList<OrderTrackingRequest>? Tracking = null,
    string? Note = null);

/// <summary>One order's tracking number (and optional http(s) link) in a bulk shipment.</summary>
public sealed record OrderTrackingRequest(Guid OrderId, string? TrackingNumber, string? TrackingUrl = null);

/// <summary>What happened to each order of a bulk request, in the order asked.</summary>
public sealed record FulfilOrdersResultDto(IReadOnlyList<FulfilOrderOutcomeDto> Outcomes)
{
    public int Done => Outcomes.Count(o => o.Done);

    public int Refused => Outcomes.Count(o => !o.Done);
}

/// <summary>One order of a bulk request: moved (<see cref="Order"/> as it is now) or refused with the server's code and sentence.</summary>
public sealed record FulfilOrderOutcomeDto(Guid OrderId, bool Done, OrderDto? Order, string? Code, string? Error);

/// <summary>
/// One page of a shop's orders, newest first (<c>GET /api/shops/{shopId}/orders</c>), with the totals of every
/// order the filters match (not only this page), one per currency.
/// </summary>
public sealed record ShopOrdersPageDto(IReadOnlyList<OrderDto> Items, int Total, int Page, int PageSize, IReadOnlyList<OrderTotalsDto> Totals);

/// <summary>The matching orders' sums in one currency: what was charged, what went back, and what is left (NetTotal).</summary>
public sealed record OrderTotalsDto(string Currency, int Orders, decimal Gross, decimal Refunded, decimal Net);

/// <summary>
/// What to take off the shelves (<c>GET /api/shops/{shopId}/orders/pick-list</c>): units per product and variant over
/// the orders waiting to ship (paid, cash on delivery or packed), refunded units left out.
/// </summary>
public sealed record PickListDto(string ShopName, Guid? ShowId, string? ShowTitle, int Orders, int Units, IReadOnlyList<PickListLineDto> Lines, DateTimeOffset MadeAt);

/// <summary>One product (or one variant of it) to pick: its SKU (the variant's when it has one), how many units, in how many orders.</summary>
public sealed record PickListLineDto(Guid ProductId, string Sku, string Name, Guid? VariantId, string? VariantLabel, int Units, int Orders);

/// <summary>Packing slips (<c>GET /api/shops/{shopId}/orders/packing-slips</c>): one per order, to print and put in the parcel.</summary>
public sealed record PackingSlipsDto(string ShopName, string ShopEmail, IReadOnlyList<PackingSlipDto> Slips);

/// <summary>One parcel: the order number, where it goes, and what goes in it (refunded units left out).</summary>
public sealed record PackingSlipDto(
    Guid OrderId,
    string Number,
    string ShowTitle,
    DateTimeOffset PlacedAt,
    OrderStatus Status,
    PaymentMethod PaymentMethod,
    string Currency,
    decimal NetTotal,
    ShippingAddressDto ShippingAddress,
    IReadOnlyList<PackingSlipLineDto> Lines);

public sealed record PackingSlipLineDto(string Sku, string Name, string? VariantLabel, int Quantity);
