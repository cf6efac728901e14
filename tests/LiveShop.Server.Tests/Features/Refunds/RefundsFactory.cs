using System.Collections.Concurrent;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Payments;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Refunds;

/// <summary>
/// The app with a recording card processor for every shop: the development gateway (test cards, as PlaceOrder uses),
/// whose refunds and voids are recorded as a processor would (one refund per idempotency key) and can be made to fail.
/// </summary>
public sealed class RefundsFactory : LiveShopFactory
{
    public RecordingCardPayments Processor { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IShopCardPayments>(sp =>
        {
            Processor.Inner = new TestGatewayCardPayments(sp.GetRequiredService<IPaymentGateway>());
            return Processor;
        }));
    }
}

/// <summary>What the card processor was asked to do, and the money it moved: like Stripe, a key seen before moves nothing more.</summary>
public sealed class RecordingCardPayments : IShopCardPayments, ICardPayments
{
    private readonly ConcurrentDictionary<string, (Guid OrderId, decimal Amount)> _refunds = new();

    internal ICardPayments Inner { get; set; } = null!;

    /// <summary>When set, every refund is refused, as a processor that declines it.</summary>
    public bool RefuseRefunds { get; set; }

    private int _refundCalls;

    /// <summary>How many refunds were asked for (a key sent twice counts twice here, and once in <see cref="RefundedFor"/>).</summary>
    public int RefundCalls => _refundCalls;

    /// <summary>The money refunded for an order: once per idempotency key, however often the key was sent.</summary>
    public decimal RefundedFor(Guid orderId) => _refunds.Values.Where(r => r.OrderId == orderId).Sum(r => r.Amount);

    public IReadOnlyList<string> KeysFor(Guid orderId) => [.. _refunds.Where(r => r.Value.OrderId == orderId).Select(r => r.Key)];

    public CardProcessor Processor => CardProcessor.TestGateway;

    public bool TestMode => true;

    public Task<ICardPayments?> ForShopAsync(Guid shopId, CancellationToken cancellationToken) => Task.FromResult<ICardPayments?>(this);

    public Task<PaymentStart> StartAsync(Order order, PaymentDetailsDto details, CancellationToken cancellationToken) => Inner.StartAsync(order, details, cancellationToken);

    public Task<PaymentLookup> LookupAsync(Order order, CancellationToken cancellationToken) => Inner.LookupAsync(order, cancellationToken);

    /// <summary>What voiding a pending payment answers (true: nothing can be charged any more; false: it was paid meanwhile); null: the gateway's answer.</summary>
    public bool? VoidAnswer { get; set; }

    public Task<bool> VoidAsync(Order order, CancellationToken cancellationToken) =>
        VoidAnswer is { } answer ? Task.FromResult(answer) : Inner.VoidAsync(order, cancellationToken);

    public Task<RefundResult> RefundAsync(Order order, decimal amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _refundCalls);
        if (RefuseRefunds)
        {
            return Task.FromResult(new RefundResult(false, "", "the charge is disputed"));
        }

        _refunds.TryAdd(idempotencyKey, (order.Id, amount));
        return Task.FromResult(new RefundResult(true, "re_" + idempotencyKey[^12..], null));
    }
}
