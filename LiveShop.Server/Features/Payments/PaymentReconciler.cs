using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Orders;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Payments;

/// <summary>Configuration section <c>Payments</c>: when orders whose payment answer never came are settled.</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>An order still waiting for its payment answer this long after it was placed is looked up at the gateway. Default 120 s.</summary>
    public int ReconcileAfterSeconds { get; set; } = 120;

    /// <summary>How often the server looks for such orders. Default 30 s.</summary>
    public int ReconcileEverySeconds { get; set; } = 30;

    /// <summary>How long a card order holds its stock while the buyer pays (Stripe's Payment Element). Default 10 min.</summary>
    public int HoldMinutes { get; set; } = 10;

    /// <summary>How often <see cref="ReservationExpirer"/> looks for holds that ran out. Default 5 s.</summary>
    public int ExpireEverySeconds { get; set; } = 5;

    /// <summary>
    /// Offers the development gateway (test cards, no money moves) outside Development: for tests and demos
    /// only. Off by default, so a production shop without Stripe takes no cards rather than fake ones.
    /// </summary>
    public bool AllowTestGateway { get; set; }
}

/// <summary>
/// Settles orders stuck in <see cref="OrderStatus.PendingPayment"/>: the gateway never answered (a timeout)
/// or the server stopped between holding the stock and recording the answer. For each such order older
/// than <see cref="PaymentOptions.ReconcileAfterSeconds"/> it asks the shop's card processor what became of the payment
/// (<see cref="ICardPayments.LookupAsync"/>: the test gateway, or the shop's Stripe account): approved → paid; declined,
/// or never charged → declined, and the stock, the flash units and the buyer's allowance go back; not final yet (a
/// Stripe buyer still paying) → left held (the hold's expiry settles it). The buyer's pages and the host's
/// dashboard are told. When the processor cannot say yet, the order waits for the next round; it is never
/// guessed, and an order whose card this server is still charging (<see cref="ChargesInFlight"/>) is left to
/// its own request. Runs at start (orders left by a crash) and then every <see cref="PaymentOptions.ReconcileEverySeconds"/>.
/// </summary>
public sealed partial class PaymentReconciler(
    IServiceScopeFactory scopes,
    ChargesInFlight inFlight,
    IOptions<PaymentOptions> options,
    Leases leases,
    TimeProvider clock,
    ILogger<PaymentReconciler> logger) : BackgroundService
{
    /// <summary>At most this many orders per round (the oldest first); the rest wait for the next.</summary>
    private const int Batch = 100;

    /// <summary>The lease that makes one instance of several run the rounds (<see cref="Leases"/>).</summary>
    public const string LeaseName = "payments.reconcile";

    // Whatever goes wrong in a round (a gateway's timeout is a cancellation too), the next round tries again.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        leases.RunLeasedAsync(LeaseName, TimeSpan.FromSeconds(options.Value.ReconcileEverySeconds), RunOnceAsync, e => LogRoundFailed(logger, e), stoppingToken);

    /// <summary>One round: returns how many orders were settled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        var before = (clock.GetUtcNow() - TimeSpan.FromSeconds(options.Value.ReconcileAfterSeconds)).ToMilliseconds();
        var stuck = await db.Orders.AsNoTracking()
            // Stripe orders too: a buyer still paying answers "not final" and is left to the hold; a lost webhook is found here.
            .Where(o => o.Status == OrderStatus.PendingPayment && o.PlacedAt <= before)
            .OrderBy(o => o.PlacedAt)
            .Take(Batch)
            .ToListAsync(cancellationToken);

        var settled = 0;
        foreach (var order in stuck.Where(o => !inFlight.Contains(o.Id)))
        {
            PaymentLookup lookup;
            try
            {
                await using var lookupScope = scopes.CreateAsyncScope();
                var processor = await lookupScope.ServiceProvider.GetRequiredService<IShopCardPayments>().ForShopAsync(order.ShopId, cancellationToken);
                if (processor is null)
                {
                    // No processor to ask any more (Stripe disconnected, the test gateway off): the hold's expiry settles it.
                    LogNoProcessor(logger, order.Number);
                    continue;
                }

                lookup = await processor.LookupAsync(order, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogLookupFailed(logger, order.Number, e);
                continue;
            }

            if (lookup is { Answer: null, NeverCharged: false })
            {
                // Not final: the buyer may still be paying (Stripe's Payment Element, 3-D Secure).
                continue;
            }

            // Never reached the processor: nothing was charged, so the order is declined and gives everything back.
            var answer = lookup.Answer ?? new PaymentResult(false, "not-charged", "The payment did not go through; nothing was charged.");
            await using var orderScope = scopes.CreateAsyncScope();
            var recorder = orderScope.ServiceProvider.GetRequiredService<PaymentRecorder>();
            var (recorded, changed) = await recorder.RecordAsync(order, answer);
            if (!changed)
            {
                // Settled meanwhile (its own request got the answer after all, or another round).
                continue;
            }

            var dto = await orderScope.ServiceProvider.GetRequiredService<OrderQueries>().ToDtoAsync(recorded, CancellationToken.None);
            await orderScope.ServiceProvider.GetRequiredService<OrderNotifier>().OrderChangedAsync(dto, isNew: false);
            LogSettled(logger, order.Number, recorded.Status);
            settled++;
        }

        return settled;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of settling orders without a payment answer failed.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway could not say what became of order {Number}'s payment; trying again next round.")]
    private static partial void LogLookupFailed(ILogger logger, string number, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {Number} waits for its payment, but its shop has no card processor to ask; its hold's expiry will settle it.")]
    private static partial void LogNoProcessor(ILogger logger, string number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Number} had no payment answer; the gateway's answer makes it {Status}.")]
    private static partial void LogSettled(ILogger logger, string number, OrderStatus status);
}
