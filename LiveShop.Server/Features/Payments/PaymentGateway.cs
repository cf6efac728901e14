using LiveShop.Shared.Orders;

namespace LiveShop.Server.Features.Payments;

/// <summary>What to charge: one order's total, in its currency, to a card.</summary>
public sealed record PaymentCharge(Guid OrderId, string OrderNumber, decimal Amount, string Currency, string CardNumber);

/// <summary>The gateway's answer: approved or declined, with its reference and a sentence for the buyer.</summary>
public sealed record PaymentResult(bool Approved, string Reference, string Message);

/// <summary>Charges cards. Orders hold their stock first and call this outside the show's lock.</summary>
public interface IPaymentGateway
{
    /// <summary>A short name shown to buyers and hosts (e.g. "Development gateway — no real money").</summary>
    string DisplayName { get; }

    /// <summary>Whether the card number is one this gateway can charge at all (checked before stock is held).</summary>
    bool Accepts(string cardNumber);

    Task<PaymentResult> ChargeAsync(PaymentCharge charge, CancellationToken cancellationToken);

    /// <summary>
    /// What became of the charge for an order whose answer never came (a timeout, a crash between holding
    /// the stock and recording the answer): its result, or null when the gateway has no charge for that
    /// order (it never reached the gateway, so nothing was charged). Throws when the gateway cannot say now.
    /// </summary>
    Task<PaymentResult?> LookupAsync(Guid orderId, CancellationToken cancellationToken);
}

/// <summary>
/// The built-in development gateway. No money moves: <see cref="TestCards.Succeeds"/> is approved,
/// <see cref="TestCards.Declined"/> is declined, and no other number is accepted. Replace it with a
/// real provider's implementation of <see cref="IPaymentGateway"/> before taking real orders.
/// </summary>
public sealed class DevelopmentPaymentGateway : IPaymentGateway
{
    /// <summary>The answers given, by order: what <see cref="LookupAsync"/> reports (lost on restart: then "never charged", which is true, no money moved).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, PaymentResult> _charges = new();

    public string DisplayName => "Development gateway — test cards only, no real money";

    public bool Accepts(string cardNumber) =>
        TestCards.Normalize(cardNumber) is var digits && (digits == TestCards.Normalize(TestCards.Succeeds) || digits == TestCards.Normalize(TestCards.Declined));

    public Task<PaymentResult> ChargeAsync(PaymentCharge charge, CancellationToken cancellationToken)
    {
        var reference = $"dev_{Guid.CreateVersion7():N}"[..24];
        var approved = TestCards.Normalize(charge.CardNumber) == TestCards.Normalize(TestCards.Succeeds);
        var result = _charges.GetOrAdd(charge.OrderId, approved
            ? new PaymentResult(true, reference, "Approved (development test card).")
            : new PaymentResult(false, reference, "Your card was declined."));
        return Task.FromResult(result);
    }

    public Task<PaymentResult?> LookupAsync(Guid orderId, CancellationToken cancellationToken) =>
        Task.FromResult(_charges.TryGetValue(orderId, out var result) ? result : null);
}
