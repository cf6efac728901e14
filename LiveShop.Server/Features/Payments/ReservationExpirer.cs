using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Orders;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Payments;

/// <summary>
/// Ends the holds nobody paid for. An order waiting for its payment (<see cref="OrderStatus.PendingPayment"/>: the
/// buyer's browser pays with Stripe; <see cref="OrderStatus.AwaitingTransfer"/>: a bank transfer) holds its stock
/// until <see cref="Order.HoldExpiresAt"/>. Past it, a card payment is stopped at the processor first
/// (<see cref="ICardPayments.VoidAsync"/>): if it was paid meanwhile the order is recorded paid; otherwise it is
/// cancelled ("Payment not completed in time") and the stock, the flash units and the buyer's allowance go back
/// in one room change (<see cref="PaymentRecorder.ExpireAsync"/>), the buyer is told and the shop's outbox gets
/// order.cancelled. Each move is conditional, so two loops would still expire an order once; of several instances only the holder of
/// the lease <see cref="LeaseName"/> runs the rounds (one processor call per order), and another takes over if it dies.
/// Runs every <see cref="PaymentOptions.ExpireEverySeconds"/>; an order this server is still charging is left to its request.
/// </summary>
public sealed partial class ReservationExpirer(
    IServiceScopeFactory scopes,
    ChargesInFlight inFlight,
    IOptions<PaymentOptions> options,
    Leases leases,
    TimeProvider clock,
    ILogger<ReservationExpirer> logger) : BackgroundService
{
    /// <summary>At most this many orders per round (the longest expired first); the rest wait for the next.</summary>
    private const int Batch = 100;

    /// <summary>The lease that makes one instance of several run the rounds (<see cref="Leases"/>).</summary>
    public const string LeaseName = "payments.expire-holds";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        leases.RunLeasedAsync(LeaseName, TimeSpan.FromSeconds(options.Value.ExpireEverySeconds), RunOnceAsync, e => LogRoundFailed(logger, e), stoppingToken);

    /// <summary>One round: returns how many orders it moved (cancelled, or found paid).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        var now = clock.GetUtcNow().ToMilliseconds();
        var expired = await db.Orders.AsNoTracking()
            .Where(o => (o.Status == OrderStatus.PendingPayment || o.Status == OrderStatus.AwaitingTransfer) && o.HoldExpiresAt != null && o.HoldExpiresAt <= now)
            .OrderBy(o => o.HoldExpiresAt)
            .Take(Batch)
            .ToListAsync(cancellationToken);

        var moved = 0;
        foreach (var order in expired.Where(o => !inFlight.Contains(o.Id)))
        {
            try
            {
                if (await ExpireAsync(order, cancellationToken))
                {
                    moved++;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // The processor could not say (or the database was busy): the order stays held until the next round.
                LogExpiryFailed(logger, order.Number, e);
            }
        }

        return moved;
    }

    private async Task<bool> ExpireAsync(Order order, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var recorder = services.GetRequiredService<PaymentRecorder>();
        RecordedPayment recorded;
        if (order.Status == OrderStatus.PendingPayment
            && await services.GetRequiredService<IShopCardPayments>().ForShopAsync(order.ShopId, cancellationToken) is { } card
            && !await card.VoidAsync(order, cancellationToken))
        {
            // Paid just before the hold ran out (its webhook not here yet): the buyer keeps the order.
            recorded = await recorder.PaidAsync(order, order.PaymentReference, null, null, "Paid as the hold ran out");
        }
        else
        {
            recorded = await recorder.ExpireAsync(order);
        }

        if (!recorded.Changed)
        {
            return false;
        }

        var dto = await services.GetRequiredService<OrderQueries>().ToDtoAsync(recorded.Order, CancellationToken.None);
        await services.GetRequiredService<OrderNotifier>().OrderChangedAsync(dto, isNew: false);
        LogExpired(logger, order.Number, recorded.Order.Status);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of ending expired holds failed.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not end the hold of order {Number}; trying again next round.")]
    private static partial void LogExpiryFailed(ILogger logger, string number, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Number}'s hold ran out; it is now {Status}.")]
    private static partial void LogExpired(ILogger logger, string number, OrderStatus status);
}
