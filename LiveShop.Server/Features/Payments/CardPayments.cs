using LiveShop.Server.Features.Orders;
using LiveShop.Shared.Orders;

namespace LiveShop.Server.Features.Payments;

/// <summary>
/// Takes card payments for one shop: the development gateway (test cards, no money moves) or the shop's
/// Stripe account. Orders hold their stock first; every call here is made outside the show's lock.
/// </summary>
public interface ICardPayments
{
    CardProcessor Processor { get; }

    /// <summary>True for the development gateway: every checkout page says "Test mode — no money moves".</summary>
    bool TestMode { get; }

    /// <summary>
    /// Starts paying for an order that holds its stock. The test gateway charges the test card at once
    /// (<see cref="PaymentStart.Answer"/>); Stripe creates a PaymentIntent for the order's total in its currency
    /// (idempotency key from the order's id) and returns the session for the buyer's browser (<see cref="PaymentStart.Session"/>).
    /// </summary>
    Task<PaymentStart> StartAsync(Order order, PaymentDetailsDto details, CancellationToken cancellationToken);

    /// <summary>
    /// What became of the order's payment, asked when its answer never came: a final answer, <see cref="PaymentLookup.NotFinal"/>
    /// (the buyer may still pay), or <see cref="PaymentLookup.NeverCharged"/>. Throws when the processor cannot say now.
    /// </summary>
    Task<PaymentLookup> LookupAsync(Order order, CancellationToken cancellationToken);

    /// <summary>Stops an unpaid payment when the hold expires: true when nothing can be charged any more, false when it was paid meanwhile.</summary>
    Task<bool> VoidAsync(Order order, CancellationToken cancellationToken);

    /// <summary>Gives <paramref name="amount"/> of the order's payment back; the same key never refunds twice.</summary>
    Task<RefundResult> RefundAsync(Order order, decimal amount, string idempotencyKey, CancellationToken cancellationToken);
}

/// <summary>How paying started: a final answer at once (test gateway), or a session the buyer's browser completes (Stripe).</summary>
public sealed record PaymentStart(PaymentResult? Answer, PaymentSessionDto? Session, string? Reference);

/// <summary>What a lookup found. <see cref="Answer"/> is set when final.</summary>
public sealed record PaymentLookup(PaymentResult? Answer, bool NeverCharged)
{
    public static PaymentLookup Final(PaymentResult answer) => new(answer, false);

    public static readonly PaymentLookup NotFinal = new(null, false);

    public static readonly PaymentLookup Never = new(null, true);
}

/// <summary>A refund's outcome at the processor: its reference, or why it failed.</summary>
public sealed record RefundResult(bool Succeeded, string Reference, string? Failure);

/// <summary>The card processor of a shop, if it takes cards here.</summary>
public interface IShopCardPayments
{
    /// <summary>Null: the shop takes no cards (no Stripe account, and the test gateway is off).</summary>
    Task<ICardPayments?> ForShopAsync(Guid shopId, CancellationToken cancellationToken);
}

/// <summary>
/// The development gateway as a shop's card processor: it charges the test card when the order is placed.
/// </summary>
public sealed class TestGatewayCardPayments(IPaymentGateway gateway) : ICardPayments
{
    public CardProcessor Processor => CardProcessor.TestGateway;

    public bool TestMode => true;

    public async Task<PaymentStart> StartAsync(Order order, PaymentDetailsDto details, CancellationToken cancellationToken)
    {
        var answer = await gateway.ChargeAsync(new PaymentCharge(order.Id, order.Number, order.Total, order.Currency, details.CardNumber ?? ""), cancellationToken);
        return new PaymentStart(answer, null, answer.Reference);
    }

    public async Task<PaymentLookup> LookupAsync(Order order, CancellationToken cancellationToken) =>
        await gateway.LookupAsync(order.Id, cancellationToken) is { } answer ? PaymentLookup.Final(answer) : PaymentLookup.Never;

    public async Task<bool> VoidAsync(Order order, CancellationToken cancellationToken) =>
        await gateway.LookupAsync(order.Id, cancellationToken) is not { Approved: true };

    public Task<RefundResult> RefundAsync(Order order, decimal amount, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(new RefundResult(true, $"dev_re_{idempotencyKey}"[..Math.Min(24, 7 + idempotencyKey.Length)], null));
}
