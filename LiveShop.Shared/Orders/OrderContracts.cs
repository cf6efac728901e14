using System.Text.Json.Serialization;

namespace LiveShop.Shared.Orders;

/// <summary>Where an order stands. PendingPayment → Paid (or PaymentDeclined); CashOnDelivery is confirmed without payment; then Shipped.</summary>
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
}

/// <summary>How the buyer pays. The built-in gateway is a development one: no real money moves.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PaymentMethod>))]
public enum PaymentMethod
{
    Card,
    CashOnDelivery,
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
/// </summary>
public sealed record PlaceOrderLine(Guid ProductId, int Quantity, decimal ExpectedUnitPrice, Guid? VariantId = null);

/// <summary>
/// <c>POST /api/orders</c> with an <c>Idempotency-Key</c> header. The server prices every line
/// itself and refuses (409 <see cref="ProblemCodes.PriceChanged"/>) when a price differs from the expected one.
/// </summary>
public sealed record PlaceOrderRequest(
    Guid ShowId,
    IReadOnlyList<PlaceOrderLine> Lines,
    ShippingAddressDto ShippingAddress,
    PaymentDetailsDto Payment);

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
    string? VariantLabel = null);

/// <summary>An order as its buyer and the show's hosts see it; <see cref="CoHost"/> is the co-host credited with it (null: none).</summary>
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
    Shows.HostDto? CoHost = null)
{
    /// <summary>Counts toward sales: paid, cash on delivery, or shipped.</summary>
    public bool CountsAsSale => OrderStatuses.CountedAsSale.Contains(Status);
}

/// <summary>Which order statuses are sales (GMV, orders, earnings, attribution): one list for every count.</summary>
public static class OrderStatuses
{
    public static readonly OrderStatus[] CountedAsSale = [OrderStatus.Paid, OrderStatus.CashOnDelivery, OrderStatus.Shipped];
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

/// <summary>The host changes an order's status (only to Shipped, from Paid or CashOnDelivery).</summary>
public sealed record ChangeOrderStatusRequest(OrderStatus Status);
