using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Payments;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Refunds;

/// <summary>
/// The shop (owner, manager, or the show's host/co-host) refunds a paid order: all of it or some units of some lines,
/// putting them back in stock when asked. A card payment goes back through the shop's processor first, with an
/// idempotency key derived from the refund's id (itself derived from the request's Idempotency-Key, so a retry never
/// refunds twice); a refusal there is 502 and nothing changes. Cash or a transfer received is recorded as a refund
/// the shop pays back itself. Everything refunded → the order becomes Refunded.
/// </summary>
public sealed class RefundOrder(
    LiveShopDbContext db,
    RoomWriter writer,
    StockFanout stockFanout,
    IShopCardPayments cards,
    OrderQueries queries,
    OrderNotifier notifier)
{
    /// <summary>The statuses in which money was received and may go back.</summary>
    private static readonly OrderStatus[] Refundable = [OrderStatus.Paid, OrderStatus.Packed, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Returned];

    public async Task<OrderDto> ExecuteAsync(ClaimsPrincipal caller, Guid orderId, string? idempotencyKey, RefundRequest? request, CancellationToken cancellationToken = default)
    {
        var userId = caller.RequireUserId();
        var key = ValidateKey(idempotencyKey);
        var reason = RefundBook.Reason(request?.Reason);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        var sells = order is not null && await OrderQueries.SellsAsync(db, order, userId, cancellationToken);
        if (order is null || (!sells && order.BuyerId != userId))
        {
            throw OrderQueries.NotFound();
        }

        if (!sells)
        {
            throw DomainException.Forbidden(ProblemCodes.NotShowHost, "Only the shop (its owners and managers, and the show's host) can refund an order.");
        }

        if (key is not null && await AlreadyRefundedAsync(orderId, key, cancellationToken))
        {
            // Read again: the order above may have been read before the refund under this key committed (a race the
            // PostgreSQL run showed), and the answer must show the refund.
            return await queries.ToDtoAsync(await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, cancellationToken), cancellationToken);
        }

        RefuseUnlessRefundable(order);
        var units = Units(order, request);
        var amount = units.Sum(u => u.Amount);
        // Without a key, the same refund asked twice at once (a double click, two staff) gets one key from what it asks
        // and what was refunded before: the processor refunds once, and the second finds the first under the lock.
        key ??= AutoKey(order, units);
        var refundId = RefundBook.IdFor(orderId, key);
        var restock = request?.Restock == true;

        // The money first, outside the show's lock: a processor that refuses leaves the order as it was.
        var payBack = order.PaymentMethod == PaymentMethod.Card
            ? await RefundBook.RefundThroughAsync(await RefundBook.ProcessorAsync(cards, order, cancellationToken), order, amount, RefundBook.ProcessorKey(refundId), cancellationToken)
            : new PayBack(RefundBook.ManualMethod(order.PaymentMethod), null, amount);

        Order changed;
        try
        {
            changed = await writer.WriteAsync(order.ShowId, async room =>
            {
                var tracked = await db.Orders.SingleAsync(o => o.Id == orderId, cancellationToken);
                if (key is not null && await AlreadyRefundedAsync(orderId, key, cancellationToken))
                {
                    return tracked;
                }

                // The same lines on the tracked order, checked again under the lock (another refund may have come first).
                RefuseUnlessRefundable(tracked);
                var trackedUnits = Units(tracked, request);
                if (restock)
                {
                    await RefundBook.GiveBackAsync(db, room, tracked, trackedUnits, reopenFlash: false, [], cancellationToken);
                }

                RefundBook.Record(db, tracked, trackedUnits, refundId, payBack, restock, reason, room.Now, userId, key);
                if (tracked.Lines.All(l => l.RefundedQuantity == l.Quantity))
                {
                    tracked.MoveTo(OrderStatus.Refunded, room.Now, userId, caller.DisplayName(), reason);
                }

                ShopEvents.Order(db, ShopEventTypes.OrderRefunded, await queries.ToDtoAsync(tracked, cancellationToken), room.Now);
                return tracked;
            }, cancellationToken);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // Two requests with one key raced: the other stored this refund.
            if (!await AlreadyRefundedAsync(orderId, key, CancellationToken.None))
            {
                throw;
            }

            return await queries.ToDtoAsync(await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, cancellationToken), cancellationToken);
        }

        if (restock)
        {
            stockFanout.Changed(changed.ShowId, units.Select(u => u.Line.ProductId));
        }

        var dto = await queries.ToDtoAsync(changed, cancellationToken);
        await notifier.OrderChangedAsync(dto, isNew: false);
        return dto;
    }

    /// <summary>The request's Idempotency-Key: optional, but when sent it must be 1–100 characters.</summary>
    private static string? ValidateKey(string? key) =>
        key is null ? null
        : string.IsNullOrWhiteSpace(key) || key.Length > Limits.IdempotencyKeyMaxLength
            ? throw DomainException.Invalid(ProblemCodes.IdempotencyKeyMissing,
                "Send an {0} header of 1–{1} characters, new for each refund, so a retry never refunds twice.", ApiRoutes.IdempotencyKeyHeader, Limits.IdempotencyKeyMaxLength)
            : key;

    private Task<bool> AlreadyRefundedAsync(Guid orderId, string key, CancellationToken cancellationToken) =>
        db.Set<Refund>().AnyAsync(r => r.OrderId == orderId && r.IdempotencyKey == key, cancellationToken);

    private static void RefuseUnlessRefundable(Order order)
    {
        if (!Refundable.Contains(order.Status))
        {
            throw order.Status switch
            {
                OrderStatus.PendingPayment or OrderStatus.AwaitingTransfer or OrderStatus.CashOnDelivery =>
                    DomainException.Conflict(ProblemCodes.OrderStatusInvalid, "Order #{0} has not been paid yet, so there is nothing to refund: cancel it instead.", order.Number),
                OrderStatus.Refunded => DomainException.Conflict(ProblemCodes.OrderStatusInvalid, "Order #{0} is already refunded in full.", order.Number),
                _ => DomainException.Conflict(ProblemCodes.OrderStatusInvalid, "Order #{0} is {1}: there is nothing to refund.", order.Number, Phrase.Of(order.Status)),
            };
        }

        // Cash on delivery is collected when the parcel arrives: until it is delivered (or comes back), nothing was paid.
        if (order.PaymentMethod == PaymentMethod.CashOnDelivery && order.Status is OrderStatus.Paid or OrderStatus.Packed or OrderStatus.Shipped)
        {
            throw DomainException.Conflict(ProblemCodes.OrderStatusInvalid, "Order #{0} is paid in cash on delivery and has not been delivered, so nothing was paid yet: cancel it before it ships, or refund it once delivered.", order.Number);
        }
    }

    /// <summary>
    /// The units to refund: every unit not refunded yet when <see cref="RefundRequest.Lines"/> is null, else the lines
    /// named (each once, 1 up to the units not refunded yet). 400 for anything else, 409 when nothing is left.
    /// </summary>
    private static string AutoKey(Order order, IReadOnlyList<LineUnits> units)
    {
        var text = string.Join(';', units.OrderBy(u => u.Line.LineNumber).Select(u => $"{u.Line.LineNumber}:{u.Units}"))
            + "|" + order.RefundedAmount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "auto-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{order.Id}|{text}")))[..32];
    }

    private static IReadOnlyList<LineUnits> Units(Order order, RefundRequest? request)
    {
        if (request?.Lines is not { } asked)
        {
            var remaining = RefundBook.Remaining(order);
            return remaining.Count > 0 ? remaining
                : throw DomainException.Conflict(ProblemCodes.OrderStatusInvalid, "Everything in order #{0} has been refunded already.", order.Number);
        }

        if (asked.Count == 0 || asked.Count > order.Lines.Count || asked.Select(l => l.LineNumber).Distinct().Count() != asked.Count)
        {
            throw DomainException.Invalid(ProblemCodes.QuantityInvalid, "Name each line to refund once (or no lines, to refund the whole order).");
        }

        return [.. asked.OrderBy(a => a.LineNumber).Select(a =>
        {
            var line = order.Lines.SingleOrDefault(l => l.LineNumber == a.LineNumber)
                ?? throw DomainException.Invalid(ProblemCodes.QuantityInvalid, "Order #{0} has no line {1}.", order.Number, a.LineNumber);
            var left = line.Quantity - line.RefundedQuantity;
            return a.Quantity >= 1 && a.Quantity <= left
                ? new LineUnits(line, a.Quantity)
                : throw (left == 0
                    ? DomainException.Invalid(ProblemCodes.QuantityInvalid, "Line {0} (“{1}”) has been refunded in full already.", line.LineNumber, line.Name)
                    : DomainException.Invalid(ProblemCodes.QuantityInvalid, "Refund 1 to {0} of line {1} (“{2}”).", left, line.LineNumber, line.Name));
        })];
    }
}
