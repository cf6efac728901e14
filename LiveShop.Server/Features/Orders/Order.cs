using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Orders;

namespace LiveShop.Server.Features.Orders;

/// <summary>
/// An order placed in a show. It is priced by the server, holds its stock from the moment it is
/// placed, and is credited to the show's host (and co-host, and the share link that brought the buyer).
/// Status moves PendingPayment → Paid | PaymentDeclined, or starts as CashOnDelivery; Paid and
/// CashOnDelivery orders can be Shipped.
/// </summary>
public sealed class Order
{
    private readonly List<OrderLine> _lines = [];
    private readonly List<OrderTouch> _touches = [];

    private Order()
    {
    }

    public Order(
        Guid id,
        string number,
        Guid buyerId,
        string buyerName,
        Guid showId,
        Guid hostId,
        Guid? coHostId,
        SalesChannel channel,
        string currency,
        ShippingAddress shippingAddress,
        PaymentMethod paymentMethod,
        string? cardLast4,
        string idempotencyKey,
        string requestHash,
        DateTimeOffset placedAt)
    {
        Id = id;
        Number = number;
        BuyerId = buyerId;
        BuyerName = buyerName;
        ShowId = showId;
        HostId = hostId;
        CoHostId = coHostId;
        Channel = channel;
        Currency = currency;
        ShippingAddress = shippingAddress;
        PaymentMethod = paymentMethod;
        CardLast4 = cardLast4;
        IdempotencyKey = idempotencyKey;
        RequestHash = requestHash;
        PlacedAt = placedAt.ToMilliseconds();
        UpdatedAt = PlacedAt;
        Status = paymentMethod == PaymentMethod.CashOnDelivery ? OrderStatus.CashOnDelivery : OrderStatus.PendingPayment;
    }

    public Guid Id { get; private set; }

    /// <summary>What the buyer and host read ("Order #7K2M9QXA").</summary>
    public string Number { get; private set; } = "";

    public Guid BuyerId { get; private set; }

    /// <summary>The buyer's display name when the order was placed.</summary>
    public string BuyerName { get; private set; } = "";

    public Guid ShowId { get; private set; }

    /// <summary>The show's host when the order was placed: every order is credited to them.</summary>
    public Guid HostId { get; private set; }

    public Guid? CoHostId { get; private set; }

    public SalesChannel Channel { get; private set; }

    /// <summary>The most recent share link the buyer opened within the attribution window, if any.</summary>
    public string? AffiliateCode { get; private set; }

    public string Currency { get; private set; } = "";

    public decimal Total { get; private set; }

    public OrderStatus Status { get; private set; }

    public ShippingAddress ShippingAddress { get; private set; } = null!;

    public PaymentMethod PaymentMethod { get; private set; }

    public string? CardLast4 { get; private set; }

    public string? PaymentReference { get; private set; }

    /// <summary>Unique per buyer: the same key always answers with this order.</summary>
    public string IdempotencyKey { get; private set; } = "";

    /// <summary>A hash of what was asked, so a key reused for a different order is refused.</summary>
    public string RequestHash { get; private set; } = "";

    public DateTimeOffset PlacedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<OrderLine> Lines => _lines;

    /// <summary>The share links the buyer opened within the window before ordering, oldest first.</summary>
    public IReadOnlyList<OrderTouch> Touches => _touches;

    public void AddLine(Guid productId, string name, string imageUrl, int quantity, decimal unitPrice, decimal listPrice, Guid? flashSaleId, Guid? variantId = null, string? variantLabel = null)
    {
        _lines.Add(new OrderLine(Id, _lines.Count + 1, productId, name, imageUrl, quantity, unitPrice, listPrice, flashSaleId, variantId, variantLabel));
        Total = _lines.Sum(l => l.LineTotal);
    }

    /// <summary>Records the buyer's path (oldest first); the most recent touch is the affiliate link.</summary>
    public void CreditTouches(IReadOnlyList<OrderTouch> touches)
    {
        _touches.Clear();
        _touches.AddRange(touches);
        for (var i = 0; i < _touches.Count; i++)
        {
            _touches[i].Position = i + 1;
        }

        AffiliateCode = touches.Count > 0 ? touches[^1].Code : null;
    }

    public void MarkShipped(DateTimeOffset at)
    {
        if (Status is not (OrderStatus.Paid or OrderStatus.CashOnDelivery))
        {
            throw DomainException.Conflict(ProblemCodes.OrderStatusInvalid, $"Order #{Number} is {Status}; only paid or cash-on-delivery orders can be marked shipped.");
        }

        Status = OrderStatus.Shipped;
        UpdatedAt = at.ToMilliseconds();
    }

    /// <summary>
    /// The buyer deleted their account: the order stays in the shop's books, without the buyer's name or address
    /// (the country stays, for tax). Refused while the order may still need them to be delivered or paid.
    /// </summary>
    public void ForgetBuyer()
    {
        if (Status is not (OrderStatus.Shipped or OrderStatus.PaymentDeclined))
        {
            throw DomainException.Conflict(ProblemCodes.AccountHasOpenOrders, $"Order #{Number} has not shipped yet. You can delete your account once it has.");
        }

        BuyerName = "";
        ShippingAddress = new ShippingAddress("", "", null, "", "", ShippingAddress.Country, "");
    }

    private void RequireStatus(OrderStatus expected, string what)
    {
        if (Status != expected)
        {
            throw DomainException.Conflict(ProblemCodes.OrderStatusInvalid, $"Order #{Number} is {Status} and cannot {what}.");
        }
    }
}

/// <summary>One product in an order, at the price the server charged.</summary>
public sealed class OrderLine
{
    private OrderLine()
    {
    }

    internal OrderLine(Guid orderId, int lineNumber, Guid productId, string name, string imageUrl, int quantity, decimal unitPrice, decimal listPrice, Guid? flashSaleId, Guid? variantId, string? variantLabel)
    {
        VariantId = variantId;
        VariantLabel = variantLabel;
        OrderId = orderId;
        LineNumber = lineNumber;
        ProductId = productId;
        Name = name;
        ImageUrl = imageUrl;
        Quantity = quantity;
        UnitPrice = unitPrice;
        ListPrice = listPrice;
        FlashSaleId = flashSaleId;
    }

    public Guid OrderId { get; private set; }

    public int LineNumber { get; private set; }

    public Guid ProductId { get; private set; }

    public string Name { get; private set; } = "";

    public string ImageUrl { get; private set; } = "";

    public int Quantity { get; private set; }

    public decimal UnitPrice { get; private set; }

    public decimal ListPrice { get; private set; }

    /// <summary>Set when the line was sold at a flash price.</summary>
    public Guid? FlashSaleId { get; private set; }

    /// <summary>The variant bought (null: a product without variants). No foreign key: the order outlives the variant.</summary>
    public Guid? VariantId { get; private set; }

    /// <summary>The variant's label when bought ("Red / M").</summary>
    public string? VariantLabel { get; private set; }

    public decimal LineTotal => UnitPrice * Quantity;
}

/// <summary>A share link the buyer opened before ordering (a copy of the touch, kept with the order).</summary>
public sealed class OrderTouch
{
    private OrderTouch()
    {
    }

    public OrderTouch(string code, Guid creditedToId, DateTimeOffset touchedAt)
    {
        Code = code;
        CreditedToId = creditedToId;
        TouchedAt = touchedAt;
    }

    /// <summary>1 for the oldest touch on the path.</summary>
    public int Position { get; internal set; }

    public string Code { get; private set; } = "";

    /// <summary>Who made the link (the host or co-host it earns for).</summary>
    public Guid CreditedToId { get; private set; }

    public DateTimeOffset TouchedAt { get; private set; }
}

/// <summary>Where the order goes. Copied into the order; the buyer's saved address is a separate copy.</summary>
public sealed class ShippingAddress
{
    private ShippingAddress()
    {
    }

    public ShippingAddress(string fullName, string line1, string? line2, string city, string postalCode, string country, string phone)
    {
        FullName = fullName;
        Line1 = line1;
        Line2 = line2;
        City = city;
        PostalCode = postalCode;
        Country = country;
        Phone = phone;
    }

    public string FullName { get; private set; } = "";

    public string Line1 { get; private set; } = "";

    public string? Line2 { get; private set; }

    public string City { get; private set; } = "";

    public string PostalCode { get; private set; } = "";

    public string Country { get; private set; } = "";

    public string Phone { get; private set; } = "";

    public ShippingAddressDto ToDto() => new(FullName, Line1, Line2, City, PostalCode, Country, Phone);

    public static ShippingAddress From(ShippingAddressDto dto) =>
        new(dto.FullName.Trim(), dto.Line1.Trim(), string.IsNullOrWhiteSpace(dto.Line2) ? null : dto.Line2.Trim(), dto.City.Trim(), dto.PostalCode.Trim(), dto.Country.Trim(), dto.Phone.Trim());
}
