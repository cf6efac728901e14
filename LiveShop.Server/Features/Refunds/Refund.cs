using LiveShop.Server.Features.Common;

namespace LiveShop.Server.Features.Refunds;

/// <summary>How a refund's money goes back to the buyer.</summary>
public enum RefundMethod
{
    /// <summary>Through the shop's card processor (the test gateway or Stripe): done when recorded.</summary>
    Processor,

    /// <summary>Cash on delivery was collected: the shop pays it back itself (LiveShop records it, moves no money).</summary>
    Cash,

    /// <summary>A bank transfer was received: the shop transfers it back itself (LiveShop records it, moves no money).</summary>
    Transfer,
}

/// <summary>
/// Money given back on an order: by the shop (some lines or all of them) or by a cancellation of a paid order.
/// <see cref="Amount"/> is Σ unit price × units of <see cref="Lines"/>, to the cent; the order's
/// <see cref="Orders.Order.RefundedAmount"/> is the sum of its refunds, and every report counts what is left.
/// </summary>
public sealed class Refund
{
    private readonly List<RefundLine> _lines = [];

    private Refund()
    {
    }

    public Refund(Guid id, Guid orderId, decimal amount, string currency, RefundMethod method, string? reference, bool restocked, string? reason, DateTimeOffset at, Guid? byUserId, string? idempotencyKey)
    {
        Id = id;
        OrderId = orderId;
        Amount = amount;
        Currency = currency;
        Method = method;
        Reference = reference;
        Restocked = restocked;
        Reason = reason;
        At = at.ToMilliseconds();
        ByUserId = byUserId;
        IdempotencyKey = idempotencyKey;
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = "";

    public RefundMethod Method { get; private set; }

    /// <summary>The processor's refund id (<see cref="RefundMethod.Processor"/>); null when the shop pays it back itself.</summary>
    public string? Reference { get; private set; }

    /// <summary>Whether the units went back to stock.</summary>
    public bool Restocked { get; private set; }

    /// <summary>Why, as the buyer reads it.</summary>
    public string? Reason { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>Who refunded (a shop member, or the buyer cancelling); null for LiveShop itself.</summary>
    public Guid? ByUserId { get; private set; }

    /// <summary>
    /// The request's Idempotency-Key (or <c>order-{id}-cancel</c> for a cancellation): unique per order, so a retried
    /// request finds this refund instead of refunding twice.
    /// </summary>
    public string? IdempotencyKey { get; private set; }

    public IReadOnlyList<RefundLine> Lines => _lines;

    public void AddLine(int lineNumber, int quantity, decimal unitPrice) => _lines.Add(new RefundLine(lineNumber, quantity, unitPrice));
}

/// <summary>Units of one order line given back by a <see cref="Refund"/>, at the price paid.</summary>
public sealed class RefundLine
{
    private RefundLine()
    {
    }

    internal RefundLine(int lineNumber, int quantity, decimal unitPrice)
    {
        LineNumber = lineNumber;
        Quantity = quantity;
        UnitPrice = unitPrice;
    }

    public int LineNumber { get; private set; }

    public int Quantity { get; private set; }

    public decimal UnitPrice { get; private set; }
}
