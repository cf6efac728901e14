using System.Globalization;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace LiveShop.Server.Features.Payments;

/// <summary>
/// Applies a shop's verified Stripe event to its order, storing the event's id in the same transaction (so each
/// event counts once). Every event leads to the same end state whatever order they arrive in and however often:
/// <list type="bullet">
/// <item><c>payment_intent.succeeded</c>: the order is paid (when the PaymentIntent, amount and currency are the
/// order's); paid after its hold expired (the order was cancelled and its stock went back) → refunded at once.</item>
/// <item><c>payment_intent.payment_failed</c>: a note; the order stays held (the buyer may try another card).</item>
/// <item><c>charge.refunded</c>: the order's refunded amount becomes the charge's (absolute); a pending order was paid first.</item>
/// <item><c>charge.dispute.created</c> / <c>.closed</c>: notes; a lost dispute counts as refunded.</item>
/// </list>
/// </summary>
public sealed partial class StripeEventHandler(
    LiveShopDbContext db,
    IShopCardPayments cardPayments,
    OrderQueries queries,
    OrderNotifier notifier,
    TimeProvider clock,
    ILogger<StripeEventHandler> logger)
{
    /// <summary>The idempotency key of the refund of a payment that came after its order's hold expired.</summary>
    public static string LateRefundKey(Guid orderId) => $"order-{orderId}-late";

    /// <summary>Applies the event; false when another delivery of it was applied meanwhile.</summary>
    public async Task<bool> ApplyAsync(Guid shopId, Event stripeEvent, CancellationToken cancellationToken)
    {
        var changed = stripeEvent.Data.Object switch
        {
            PaymentIntent intent when stripeEvent.Type == EventTypes.PaymentIntentSucceeded => await SucceededAsync(shopId, stripeEvent, intent, cancellationToken),
            PaymentIntent intent when stripeEvent.Type == EventTypes.PaymentIntentPaymentFailed => await FailedAsync(shopId, stripeEvent, intent, cancellationToken),
            Charge charge when stripeEvent.Type == EventTypes.ChargeRefunded => await RefundedAsync(shopId, stripeEvent, charge, cancellationToken),
            Dispute dispute when stripeEvent.Type is EventTypes.ChargeDisputeCreated or EventTypes.ChargeDisputeClosed => await DisputeAsync(shopId, stripeEvent, dispute, cancellationToken),
            _ => await InTransactionAsync(shopId, stripeEvent, null, (_, _) => Task.FromResult(false), cancellationToken),
        };
        return changed;
    }

    private async Task<bool> SucceededAsync(Guid shopId, Event stripeEvent, PaymentIntent intent, CancellationToken cancellationToken)
    {
        var found = await FindAsync(shopId, intent.Id, intent.Metadata, cancellationToken);
        if (found is { Status: OrderStatus.Cancelled or OrderStatus.PaymentDeclined, NetTotal: > 0 } cancelled && Matches(cancelled, intent))
        {
            // Paid after the hold expired (or after a decline or a cancel that refunded nothing): the stock went back, so the
            // money goes back too (one refund, whatever the retries). An order whose money already went back has nothing to add.
            var refund = await RefundLateAsync(shopId, cancelled, intent, cancellationToken);
            return await InTransactionAsync(shopId, stripeEvent, found, (order, now) =>
            {
                if (refund.Succeeded)
                {
                    if (order.NetTotal > 0)
                    {
                        order.AddRefund(order.NetTotal, now);
                    }

                    order.Note(now, $"Paid through Stripe ({intent.Id}) after the hold had expired; refunded automatically ({refund.Reference}).");
                }
                else
                {
                    order.Note(now, $"Paid through Stripe ({intent.Id}) after the hold had expired, but the automatic refund failed: {refund.Failure} Refund it in Stripe's dashboard.");
                }

                return Task.FromResult(true);
            }, cancellationToken);
        }

        return await InTransactionAsync(shopId, stripeEvent, found, (order, now) => MarkPaidAsync(order, intent, intent.Amount, intent.Currency, now, cancellationToken), cancellationToken);
    }

    private async Task<bool> FailedAsync(Guid shopId, Event stripeEvent, PaymentIntent intent, CancellationToken cancellationToken)
    {
        var found = await FindAsync(shopId, intent.Id, intent.Metadata, cancellationToken);
        return await InTransactionAsync(shopId, stripeEvent, found, (order, now) =>
        {
            if (order.Status != OrderStatus.PendingPayment)
            {
                return Task.FromResult(false);
            }

            // The order keeps its hold: the buyer may try another card in the Payment Element until it expires.
            var why = intent.LastPaymentError?.Message is { Length: > 0 } message ? message : "the card was declined";
            order.Note(now, $"A card payment failed ({why}). The order is still held while the buyer tries again.");
            return Task.FromResult(true);
        }, cancellationToken);
    }

    private async Task<bool> RefundedAsync(Guid shopId, Event stripeEvent, Charge charge, CancellationToken cancellationToken)
    {
        var found = await FindAsync(shopId, charge.PaymentIntentId, charge.Metadata, cancellationToken);
        return await InTransactionAsync(shopId, stripeEvent, found, async (order, now) =>
        {
            // A refund that overtook its payment's event: the order was paid first.
            var paid = order.Status == OrderStatus.PendingPayment && await MarkPaidAsync(order, null, charge.Amount, charge.Currency, now, cancellationToken);
            var refunded = await RefundUpToAsync(order, StripeAmounts.FromMinorUnits(charge.AmountRefunded, order.Currency), now, "through Stripe", cancellationToken);
            return paid || refunded;
        }, cancellationToken);
    }

    private async Task<bool> DisputeAsync(Guid shopId, Event stripeEvent, Dispute dispute, CancellationToken cancellationToken)
    {
        var found = await FindAsync(shopId, dispute.PaymentIntentId, dispute.Metadata, cancellationToken);
        return await InTransactionAsync(shopId, stripeEvent, found, async (order, now) =>
        {
            var amount = StripeAmounts.FromMinorUnits(dispute.Amount, order.Currency);
            var text = string.Create(CultureInfo.InvariantCulture, $"{amount:0.##} {order.Currency}");
            if (stripeEvent.Type == EventTypes.ChargeDisputeCreated)
            {
                order.Note(now, $"The buyer's bank opened a dispute over {text} ({dispute.Reason}). Answer it in Stripe's dashboard.");
                return true;
            }

            if (dispute.Status == "lost")
            {
                // The disputed amount comes on top of what was refunded before (never beyond what is left).
                await RefundUpToAsync(order, order.RefundedAmount + Math.Min(amount, order.NetTotal), now, "by a lost dispute", cancellationToken);
                order.Note(now, $"The dispute over {text} was lost: the money went back to the buyer.");
            }
            else
            {
                order.Note(now, $"The dispute over {text} closed: {dispute.Status}.");
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Marks a pending order paid when the payment is the order's (its PaymentIntent, amount and currency), through
    /// <see cref="PaymentRecorder"/> (race-safe against the reconciler and a repeated event), and keeps the move in the history.
    /// </summary>
    private async Task<bool> MarkPaidAsync(Order order, PaymentIntent? intent, long amount, string currency, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var intentId = intent?.Id ?? order.PaymentReference;
        if (order.Status != OrderStatus.PendingPayment || intentId is null)
        {
            return false;
        }

        if (!Matches(order, intentId, amount, currency))
        {
            LogMismatch(logger, order.Number, intentId);
            order.Note(now, $"Stripe reported a payment ({intentId}, {amount} {currency}) that does not match this order; it was not counted.");
            return true;
        }

        // Inside this event's transaction: the conditional update claims the order (of the webhook and the reconciler,
        // only one moves it), then the tracked order keeps the move in its history and the outbox gets order.paid.
        var claimed = await db.Orders.Where(o => o.Id == order.Id && o.Status == OrderStatus.PendingPayment)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.UpdatedAt, now.ToMilliseconds()), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        order.MoveTo(OrderStatus.Paid, now, null, null, $"Paid by card through Stripe ({intentId}).");
        order.ReferPayment(intentId);
        ShopEvents.Order(db, ShopEventTypes.OrderPaid, await queries.ToDtoAsync(order, cancellationToken), now);
        return true;
    }

    /// <summary>
    /// Makes the order's refunded amount <paramref name="target"/> (never less than it is, never more than its total): a
    /// refund made in Stripe's dashboard, or a lost dispute. An <c>order.refunded</c> shop event says so (a refund made
    /// through LiveShop has already raised the amount, so its own event is not repeated here).
    /// </summary>
    private async Task<bool> RefundUpToAsync(Order order, decimal target, DateTimeOffset now, string how, CancellationToken cancellationToken)
    {
        var more = Math.Min(target, order.Total) - order.RefundedAmount;
        if (more <= 0)
        {
            return false;
        }

        order.AddRefund(more, now);
        order.Note(now, string.Create(CultureInfo.InvariantCulture, $"{more:0.##} {order.Currency} refunded {how}."));
        if (order.RefundedAmount == order.Total && OrderTransitions.CanMove(order.Status, OrderStatus.Refunded))
        {
            order.MoveTo(OrderStatus.Refunded, now, null, null, "Refunded in full.");
        }

        ShopEvents.Order(db, ShopEventTypes.OrderRefunded, await queries.ToDtoAsync(order, cancellationToken), now);
        return true;
    }

    private async Task<RefundResult> RefundLateAsync(Guid shopId, Order order, PaymentIntent intent, CancellationToken cancellationToken)
    {
        if (await cardPayments.ForShopAsync(shopId, cancellationToken) is not StripeCardPayments stripe)
        {
            return new RefundResult(false, "", "the shop's Stripe account is no longer connected.");
        }

        return await stripe.RefundIntentAsync(intent.Id, intent.Amount, LateRefundKey(order.Id), cancellationToken);
    }

    /// <summary>
    /// Stores the event and applies <paramref name="apply"/> to the order (tracked) in one transaction; then tells the buyer,
    /// the room and the dashboard. Returns false when another delivery of the event won the race (nothing done).
    /// </summary>
    private async Task<bool> InTransactionAsync(Guid shopId, Event stripeEvent, Order? found, Func<Order, DateTimeOffset, Task<bool>> apply, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PaymentEvents.Add(new PaymentEvent(shopId, stripeEvent.Id, stripeEvent.Type, now));
        var order = found is null ? null : await db.Orders.SingleAsync(o => o.Id == found.Id, cancellationToken);
        var changed = order is not null && await apply(order, now);
        if (order is null)
        {
            LogNoOrder(logger, stripeEvent.Id, stripeEvent.Type);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            if (await RepeatedAsync(stripeEvent.Id))
            {
                return false;
            }

            throw;
        }

        await transaction.CommitAsync(cancellationToken);
        if (changed)
        {
            await notifier.OrderChangedAsync(await queries.ToDtoAsync(order!, CancellationToken.None), isNew: false);
        }

        return true;
    }

    /// <summary>Whether a concurrent delivery stored the event first (the unique index refused this one).</summary>
    private async Task<bool> RepeatedAsync(string eventId)
    {
        db.ChangeTracker.Clear();
        return await db.PaymentEvents.AsNoTracking().AnyAsync(e => e.EventId == eventId);
    }

    /// <summary>The shop's order the object is about: by the metadata's order id, else by its PaymentIntent.</summary>
    private async Task<Order?> FindAsync(Guid shopId, string? intentId, IDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        if (metadata is not null && metadata.TryGetValue("order_id", out var value) && Guid.TryParse(value, out var orderId))
        {
            return await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId && o.ShopId == shopId, cancellationToken);
        }

        return intentId is null
            ? null
            : await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.ShopId == shopId && o.PaymentReference == intentId, cancellationToken);
    }

    private static bool Matches(Order order, PaymentIntent intent) => Matches(order, intent.Id, intent.Amount, intent.Currency);

    private static bool Matches(Order order, string intentId, long amount, string currency) =>
        (order.PaymentReference is null || order.PaymentReference == intentId)
        && string.Equals(currency, order.Currency, StringComparison.OrdinalIgnoreCase)
        && amount == StripeAmounts.ToMinorUnits(order.Total, order.Currency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe event {EventId} ({Type}) is about no order of this shop; stored and ignored.")]
    private static partial void LogNoOrder(ILogger logger, string eventId, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe reported payment {IntentId} that does not match order {Number} (intent, amount or currency); not counted.")]
    private static partial void LogMismatch(ILogger logger, string number, string intentId);
}
