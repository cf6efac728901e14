namespace LiveShop.Shared.Orders;

/// <summary>
/// "Buy as a gift" (<see cref="PlaceOrderRequest.Gift"/>): the order is placed and paid without an address; the
/// recipient opens the gift's link, accepts it and gives their own address, which the buyer never sees (docs/gifts.md).
/// </summary>
public sealed record GiftRequest(string? Message);

/// <summary>
/// An order that is a gift. <see cref="Link"/> (the site path of the recipient's page, <c>gift/{orderId}#{token}</c>) only in
/// the buyer's own view: whoever holds it can accept the gift. Unaccepted by <see cref="ExpiresAt"/>, the order is cancelled
/// and refunded.
/// </summary>
public sealed record GiftDto(string? Message, DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt, string? Link = null);

/// <summary>Where a gift stands, as its recipient's page reads it.</summary>
public enum GiftState
{
    /// <summary>Paid (or being paid) and waiting for the recipient's address.</summary>
    Waiting,

    /// <summary>The recipient gave an address; the shop prepares the parcel.</summary>
    Accepted,

    Shipped,

    Delivered,

    /// <summary>Cancelled or refunded: not accepted in time, cancelled by the buyer or the shop, or never paid.</summary>
    Ended,
}

/// <summary>One item of a gift as the recipient sees it: no price.</summary>
public sealed record GiftLineDto(string Name, string? VariantLabel, string ImageUrl, int Quantity);

/// <summary>
/// The recipient's page (<c>GET /api/gifts/{orderId}</c> with the link's token, no account needed): who sends it, from which shop,
/// the message and the items; never a price, the buyer's address or, once accepted, the recipient's own.
/// </summary>
public sealed record GiftPageDto(
    string SenderName,
    string ShopName,
    string? Message,
    IReadOnlyList<GiftLineDto> Lines,
    GiftState State,
    DateTimeOffset ExpiresAt,
    ShipmentDto? Shipment);

/// <summary>The recipient accepts the gift with the address it goes to (<c>POST /api/gifts/{orderId}/accept</c>).</summary>
public sealed record AcceptGiftRequest(ShippingAddressDto Address);
