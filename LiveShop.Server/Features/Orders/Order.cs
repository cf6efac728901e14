using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Orders;

namespace LiveShop.Server.Features.Orders;

/// <summary>
/// An order placed in a show. It is priced by the server, holds its stock from the moment it is
/// placed, and is credited to the show's host (and co-host, and the share link that brought the buyer).
/// Its status moves only along <see cref="OrderTransitions"/>, each move kept in <see cref="History"/> with who and when.
/// </summary>
public sealed class Order
{
    private readonly List<OrderLine> _lines = [];
    private readonly List<OrderTouch> _touches = [];
    private readonly List<OrderStatusChange> _history = [];
    private readonly List<OrderCreatorRate> _creatorRates = [];

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
        Status = paymentMethod switch
        {
            PaymentMethod.CashOnDelivery => OrderStatus.CashOnDelivery,
            PaymentMethod.BankTransfer => OrderStatus.AwaitingTransfer,
            _ => OrderStatus.PendingPayment,
        };
        _history.Add(new OrderStatusChange(1, Status, PlacedAt, buyerId, buyerName, null));
    }

    public Guid Id { get; private set; }

    /// <summary>What the buyer and host read ("Order #7K2M9QXA").</summary>
    public string Number { get; private set; } = "";

    public Guid BuyerId { get; private set; }

    /// <summary>The buyer's display name when the order was placed.</summary>
    public string BuyerName { get; private set; } = "";

    public Guid ShowId { get; private set; }

    /// <summary>The shop that sells it (the show's shop): it fulfils the order and is paid.</summary>
    public Guid ShopId { get; private set; }

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

    /// <summary>While the buyer pays (card or transfer), the stock is held until then; unpaid by then, the order is cancelled and everything goes back.</summary>
    public DateTimeOffset? HoldExpiresAt { get; private set; }

    /// <summary>How much of <see cref="Total"/> went back to the buyer: reports count <see cref="NetTotal"/>.</summary>
    public decimal RefundedAmount { get; private set; }

    public decimal NetTotal => Total - RefundedAmount;

    public string? Carrier { get; private set; }

    public string? TrackingNumber { get; private set; }

    public string? TrackingUrl { get; private set; }

    /// <summary>A gift: placed without an address; its recipient accepts it through the gift's link and gives theirs (docs/gifts.md).</summary>
    public bool IsGift { get; private set; }

    /// <summary>The buyer's words to the recipient (a gift only).</summary>
    public string? GiftMessage { get; private set; }

    /// <summary>Unaccepted by then, a gift is cancelled and refunded, its stock back on sale.</summary>
    public DateTimeOffset? GiftExpiresAt { get; private set; }

    /// <summary>When the recipient gave their address (null: not yet, or not a gift).</summary>
    public DateTimeOffset? GiftAcceptedAt { get; private set; }

    /// <summary>Set when LiveShop starts cancelling an unaccepted gift past its days: from then on it can no longer be accepted.</summary>
    public DateTimeOffset? GiftClosedAt { get; private set; }

    /// <summary>A gift whose recipient has not given an address yet: it cannot be packed or shipped.</summary>
    public bool AwaitsGiftAddress => IsGift && GiftAcceptedAt is null;

    public IReadOnlyList<OrderLine> Lines => _lines;

    /// <summary>Every status the order had, oldest first (the first is where it started).</summary>
    public IReadOnlyList<OrderStatusChange> History => _history;

    /// <summary>The share links the buyer opened within the window before ordering, oldest first.</summary>
    public IReadOnlyList<OrderTouch> Touches => _touches;

    /// <summary>
    /// Each creator on the buyer's path and their commission rate on each line, as the brand's program had it when the
    /// order was placed (a line without a rate is not open to that creator): later rate changes never reach this order.
    /// </summary>
    public IReadOnlyList<OrderCreatorRate> CreatorRates => _creatorRates;

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

    /// <summary>Keeps a creator's commission rate on one line (see <see cref="CreatorRates"/>).</summary>
    public void RateForCreator(Guid creatorId, int lineNumber, decimal rate) => _creatorRates.Add(new OrderCreatorRate(creatorId, lineNumber, rate));

    /// <summary>The shop that sells it; set once, when the order is placed.</summary>
    public void SoldBy(Guid shopId) => ShopId = shopId;

    /// <summary>Makes the order a gift (set once, when it is placed, with an empty address for the recipient to give).</summary>
    public void MakeGift(string? message, DateTimeOffset expiresAt)
    {
        IsGift = true;
        ShippingAddress = ShippingAddress.None;
        GiftMessage = message;
        GiftExpiresAt = expiresAt.ToMilliseconds();
    }

    /// <summary>
    /// The recipient accepts the gift with their address: refused unless the order is a gift still waiting (paid, or its
    /// transfer awaited), before it expired.
    /// </summary>
    public void AcceptGift(ShippingAddress address, DateTimeOffset at)
    {
        if (!AwaitsGiftAddress || GiftClosedAt is not null || at >= GiftExpiresAt || Status is not (OrderStatus.Paid or OrderStatus.PendingPayment or OrderStatus.AwaitingTransfer))
        {
            throw DomainException.Conflict(ProblemCodes.GiftClosed, "This gift can no longer be accepted.");
        }

        ShippingAddress = address;
        GiftAcceptedAt = at.ToMilliseconds();
        Note(at, "Gift accepted");
    }

    /// <summary>
    /// Closes an unaccepted gift past its days before its money goes back, so a recipient accepting at that moment (on
    /// any instance, whatever its clock) is refused rather than told "accepted" about an order being refunded.
    /// </summary>
    public void CloseGift(DateTimeOffset at) => GiftClosedAt ??= at.ToMilliseconds();

    /// <summary>Holds the stock until <paramref name="until"/> while the buyer pays.</summary>
    public void HoldUntil(DateTimeOffset? until) => HoldExpiresAt = until?.ToMilliseconds();

    /// <summary>
    /// Moves the order to <paramref name="to"/> (refused unless <see cref="OrderTransitions.CanMove"/>) and keeps the
    /// move in the history: who (null: the buyer's payment or LiveShop itself), when and why.
    /// </summary>
    public void MoveTo(OrderStatus to, DateTimeOffset at, Guid? actorId, string? actorName, string? note = null)
    {
        if (!OrderTransitions.CanMove(Status, to))
        {
            throw DomainException.Conflict(ProblemCodes.OrderStatusInvalid, "Order #{0} is {1} and cannot become {2}.", Number, Phrase.Of(Status), Phrase.Of(to));
        }

        if (AwaitsGiftAddress && to is OrderStatus.Packed or OrderStatus.Shipped)
        {
            throw DomainException.Conflict(ProblemCodes.GiftNotAccepted, "Order #{0} is a gift its recipient has not accepted yet: pack and ship it once they give their address.", Number);
        }

        Status = to;
        UpdatedAt = at.ToMilliseconds();
        _history.Add(new OrderStatusChange(_history.Count + 1, to, UpdatedAt, actorId, actorName, note));
    }

    /// <summary>
    /// Keeps a note in the history without a move (a card that failed, a dispute), at the order's current status. Also
    /// the history entry of a move made by a race-safe conditional update (a payment recorded with <c>ExecuteUpdate</c>).
    /// </summary>
    public void Note(DateTimeOffset at, string note, Guid? actorId = null, string? actorName = null)
    {
        UpdatedAt = at.ToMilliseconds();
        _history.Add(new OrderStatusChange(_history.Count + 1, Status, UpdatedAt, actorId, actorName, note));
    }

    public void MarkShipped(DateTimeOffset at) => MoveTo(OrderStatus.Shipped, at, null, null);

    /// <summary>Records where the parcel is: the carrier, its tracking number and link.</summary>
    public void ShipWith(string carrier, string trackingNumber, string? trackingUrl)
    {
        Carrier = carrier;
        TrackingNumber = trackingNumber;
        TrackingUrl = trackingUrl;
    }

    /// <summary>Adds a refund of <paramref name="amount"/> (never more than is left); lines record their refunded units separately.</summary>
    public void AddRefund(decimal amount, DateTimeOffset at)
    {
        if (amount <= 0 || amount > NetTotal)
        {
            throw DomainException.Conflict(ProblemCodes.OrderStatusInvalid, "Order #{0} has {1} {2} left to refund.", Number, NetTotal, Currency);
        }

        RefundedAmount += amount;
        UpdatedAt = at.ToMilliseconds();
    }

    /// <summary>Records the payment's reference at the processor (a PaymentIntent's id, a transfer's reference).</summary>
    public void ReferPayment(string reference) => PaymentReference = reference;

    /// <summary>
    /// The buyer deleted their account: the order stays in the shop's books, without the buyer's name or address
    /// (the country stays, for tax). Refused while the order may still need them to be delivered or paid.
    /// </summary>
    public void ForgetBuyer()
    {
        if (Status is not (OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.PaymentDeclined or OrderStatus.Cancelled or OrderStatus.Refunded or OrderStatus.Returned))
        {
            throw DomainException.Conflict(ProblemCodes.AccountHasOpenOrders, "Order #{0} has not shipped yet. You can delete your account once it has.", Number);
        }

        BuyerName = "";
        ShippingAddress = new ShippingAddress("", "", null, "", "", ShippingAddress.Country, "");
    }

    private void RequireStatus(OrderStatus expected, Phrase what)
    {
        if (Status != expected)
        {
            throw DomainException.Conflict(ProblemCodes.OrderStatusInvalid, "Order #{0} is {1} and cannot {2}.", Number, Phrase.Of(Status), what);
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

    /// <summary>Units of this line refunded so far (at most <see cref="Quantity"/>).</summary>
    public int RefundedQuantity { get; private set; }

    public decimal LineTotal => UnitPrice * Quantity;

    /// <summary>Refunds <paramref name="units"/> more of this line; refused beyond what was bought.</summary>
    public void Refund(int units)
    {
        if (units < 1 || RefundedQuantity + units > Quantity)
        {
            throw DomainException.Invalid(ProblemCodes.QuantityInvalid, "Line {0} has {1} units left to refund.", LineNumber, Quantity - RefundedQuantity);
        }

        RefundedQuantity += units;
    }
}

/// <summary>One move in an order's life (<see cref="Order.History"/>).</summary>
public sealed class OrderStatusChange
{
    private OrderStatusChange()
    {
    }

    internal OrderStatusChange(int position, OrderStatus status, DateTimeOffset at, Guid? actorId, string? actorName, string? note)
    {
        Position = position;
        Status = status;
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Note = note;
    }

    public int Position { get; private set; }

    public OrderStatus Status { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Who made the move (the buyer, a shop member); null for LiveShop itself (a payment answer, an expired hold).</summary>
    public Guid? ActorId { get; private set; }

    public string? ActorName { get; private set; }

    public string? Note { get; private set; }
}

/// <summary>The moves an order can make: only forward, and only those that make sense for a parcel and its money.</summary>
public static class OrderTransitions
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Next = new()
    {
        [OrderStatus.PendingPayment] = [OrderStatus.Paid, OrderStatus.PaymentDeclined, OrderStatus.Cancelled],
        [OrderStatus.AwaitingTransfer] = [OrderStatus.Paid, OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Packed, OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.Refunded],
        [OrderStatus.CashOnDelivery] = [OrderStatus.Packed, OrderStatus.Shipped, OrderStatus.Cancelled],
        [OrderStatus.Packed] = [OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.Refunded],
        [OrderStatus.Shipped] = [OrderStatus.Delivered, OrderStatus.Returned, OrderStatus.Refunded],
        [OrderStatus.Delivered] = [OrderStatus.Returned, OrderStatus.Refunded],
        [OrderStatus.Returned] = [OrderStatus.Refunded],
        [OrderStatus.PaymentDeclined] = [],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.Refunded] = [],
    };

    public static bool CanMove(OrderStatus from, OrderStatus to) => Next.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>The buyer may cancel until the order is packed.</summary>
    public static bool BuyerMayCancel(OrderStatus status) => status is OrderStatus.PendingPayment or OrderStatus.AwaitingTransfer or OrderStatus.Paid or OrderStatus.CashOnDelivery;
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

/// <summary>A creator's commission rate on one line of the order, fixed when it was placed.</summary>
public sealed record OrderCreatorRate(Guid CreatorId, int LineNumber, decimal Rate);

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

    /// <summary>No address yet: a gift's, until its recipient gives one.</summary>
    public static ShippingAddress None => new("", "", null, "", "", "", "");

    public ShippingAddressDto ToDto() => new(FullName, Line1, Line2, City, PostalCode, Country, Phone);

    public static ShippingAddress From(ShippingAddressDto dto) =>
        new(dto.FullName.Trim(), dto.Line1.Trim(), string.IsNullOrWhiteSpace(dto.Line2) ? null : dto.Line2.Trim(), dto.City.Trim(), dto.PostalCode.Trim(), dto.Country.Trim(), dto.Phone.Trim());
}
