using System.Text.Json.Serialization;

namespace LiveShop.Shared.Orders;

/// <summary>
/// Where an order stands. PendingPayment (stock held while the buyer pays) → Paid, or PaymentDeclined / Cancelled
/// (the hold expired); AwaitingTransfer (bank transfer) → Paid; CashOnDelivery is confirmed without payment.
/// Then Packed → Shipped → Delivered; Cancelled, Refunded and Returned end it. See docs/orders.md for the moves allowed.
/// New values are appended: the database stores the names.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    /// <summary>Stock is held; the payment gateway has not answered yet.</summary>
    PendingPayment,
    /// <summary>Paid by card.</summary>
    Paid,
    /// <summary>Confirmed; the buyer pays the courier.</summary>
    CashOnDelivery,
    /// <summary>The card was declined; the stock it held went back.</summary>
    PaymentDeclined,
    /// <summary>The host sent it.</summary>
    Shipped,
    /// <summary>Stock is held; the buyer pays by bank transfer with the order's payment reference and the shop marks it paid.</summary>
    AwaitingTransfer,
    /// <summary>Picked and packed, waiting for the carrier.</summary>
    Packed,
    /// <summary>The carrier delivered it.</summary>
    Delivered,
    /// <summary>Cancelled before it shipped (by the buyer, the shop, or an unpaid hold expiring); any payment was refunded.</summary>
    Cancelled,
    /// <summary>Every line was refunded.</summary>
    Refunded,
    /// <summary>The buyer sent it back and was refunded.</summary>
    Returned,
}

/// <summary>How the buyer pays. The built-in gateway is a development one: no real money moves.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PaymentMethod>))]
public enum PaymentMethod
{
    Card,
    CashOnDelivery,
    BankTransfer,
}

/// <summary>How the order reached the show: during the live show, from the replay, or through a host's share link.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SalesChannel>))]
public enum SalesChannel
{
    Live,
    Replay,
    Link,
}

public sealed record ShippingAddressDto(
    string FullName,
    string Line1,
    string? Line2,
    string City,
    string PostalCode,
    string Country,
    string Phone);

/// <summary>The card number only for <see cref="PaymentMethod.Card"/>; see <see cref="TestCards"/>.</summary>
public sealed record PaymentDetailsDto(PaymentMethod Method, string? CardNumber);

/// <summary>
/// One product as the buyer saw it: the unit price on their screen is the price they agree to pay.
/// <see cref="VariantId"/> is the chosen variant: required for a product with variants, refused for one without.
/// <see cref="ClaimId"/>: the buyer's held "+1" claim the line pays for (its unit is already held, at the claim's price).
/// </summary>
public sealed record PlaceOrderLine(Guid ProductId, int Quantity, decimal ExpectedUnitPrice, Guid? VariantId = null, Guid? ClaimId = null);

/// <summary>
/// <c>POST /api/orders</c> with an <c>Idempotency-Key</c> header. The server prices every line
/// itself and refuses (409 <see cref="ProblemCodes.PriceChanged"/>) when a price differs from the expected one.
/// With <see cref="Gift"/> the order is a gift: no <see cref="ShippingAddress"/> (the recipient gives theirs).
/// </summary>
public sealed record PlaceOrderRequest(
    Guid ShowId,
    IReadOnlyList<PlaceOrderLine> Lines,
    ShippingAddressDto? ShippingAddress,
    PaymentDetailsDto Payment,
    GiftRequest? Gift = null);

public sealed record OrderLineDto(
    Guid ProductId,
    string Name,
    string ImageUrl,
    int Quantity,
    decimal UnitPrice,
    decimal ListPrice,
    Guid? FlashSaleId,
    decimal LineTotal,
    Guid? VariantId = null,
    string? VariantLabel = null,
    int RefundedQuantity = 0);

/// <summary>
/// An order as its buyer and the show's hosts see it; <see cref="CoHost"/> is the co-host credited with it (null: none).
/// <see cref="AlsoPlaced"/>: in the answer to placing an order in a creator's show with products of several brands, the
/// other brands' orders from the same checkout (one order per brand, each paid on its own); null otherwise.
/// <see cref="Gift"/>: a gift order; its buyer's view carries no <see cref="ShippingAddress"/> (the recipient's).
/// </summary>
public sealed record OrderDto(
    Guid Id,
    string Number,
    Guid ShowId,
    string ShowTitle,
    Guid BuyerId,
    string BuyerName,
    OrderStatus Status,
    string Currency,
    decimal Total,
    IReadOnlyList<OrderLineDto> Lines,
    ShippingAddressDto ShippingAddress,
    PaymentMethod PaymentMethod,
    string? CardLast4,
    string? PaymentReference,
    SalesChannel Channel,
    string? AffiliateCode,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt,
    Shows.HostDto? CoHost = null,
    decimal RefundedAmount = 0,
    DateTimeOffset? HoldExpiresAt = null,
    ShipmentDto? Shipment = null,
    IReadOnlyList<OrderHistoryEntryDto>? History = null,
    PaymentSessionDto? PaymentSession = null,
    string? PaymentInstructions = null,
    Guid? ShopId = null,
    IReadOnlyList<OrderDto>? AlsoPlaced = null,
    GiftDto? Gift = null)
{
    /// <summary>Counts toward sales: paid, cash on delivery, packed, shipped or delivered.</summary>
    public bool CountsAsSale => OrderStatuses.CountedAsSale.Contains(Status);

    /// <summary>What the order is worth after refunds: what every report counts.</summary>
    public decimal NetTotal => Total - RefundedAmount;
}

/// <summary>How the parcel travels: the carrier, its tracking number and a link to follow it.</summary>
public sealed record ShipmentDto(string Carrier, string TrackingNumber, string? TrackingUrl);

/// <summary>One step in an order's life: what it became, when, who did it (null: the buyer or LiveShop itself) and why.</summary>
public sealed record OrderHistoryEntryDto(OrderStatus Status, DateTimeOffset At, string? ActorName, string? Note);

/// <summary>Which order statuses are sales (GMV, orders, earnings, attribution): one list for every count.</summary>
public static class OrderStatuses
{
    public static readonly OrderStatus[] CountedAsSale = [OrderStatus.Paid, OrderStatus.CashOnDelivery, OrderStatus.Packed, OrderStatus.Shipped, OrderStatus.Delivered];
}

/// <summary>The development gateway's cards (documented in docs/orders.md). Any other number is refused as invalid.</summary>
public static class TestCards
{
    public const string Succeeds = "4242 4242 4242 4242";
    public const string Declined = "4000 0000 0000 0002";

    /// <summary>Digits only.</summary>
    public static string Normalize(string? number) => new((number ?? "").Where(char.IsDigit).ToArray());
}

/// <summary>The buyer's profile: the privacy switch for "just bought" toasts and the remembered address.</summary>
public sealed record ProfileDto(string DisplayName, bool ShowMyPurchases, ShippingAddressDto? SavedAddress);

public sealed record UpdateProfileRequest(bool ShowMyPurchases, ShippingAddressDto? SavedAddress);

/// <summary>
/// The shop moves an order on: Packed, Shipped, Delivered or Returned (<c>POST /api/orders/{id}/status</c>).
/// For Shipped, the carrier, tracking number and an http(s) tracking link are optional (the host console sends none);
/// a tracking number or link needs a carrier. <see cref="Note"/> is kept in the order's history.
/// </summary>
public sealed record ChangeOrderStatusRequest(
    OrderStatus Status,
    string? Carrier = null,
    string? TrackingNumber = null,
    string? TrackingUrl = null,
    string? Note = null);
