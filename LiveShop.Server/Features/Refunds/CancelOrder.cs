using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Gifts;
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
/// Cancels an order: its buyer until it is packed, the shop (owner, manager, or the show's host/co-host) until it ships.
/// The units go back to stock, a flash sale and the buyer's allowance in one room change, pushed to the room; a card
/// payment is voided (still pending) or refunded in full through the shop's processor before anything changes (a
/// refusal there: 502, nothing changed); a bank transfer or cash already received is recorded as a refund the shop
/// pays back itself. The order becomes Cancelled with who and why in its history, and the buyer is told at once.
/// </summary>
public sealed class CancelOrder(
    LiveShopDbContext db,
    RoomWriter writer,
    FlashSaleScheduler scheduler,
    StockFanout stockFanout,
    IShopCardPayments cards,
    OrderQueries queries,
    OrderNotifier notifier,
    GiftLinks giftLinks)
{
    public async Task<OrderDto> ExecuteAsync(ClaimsPrincipal caller, Guid orderId, CancelOrderRequest? request, CancellationToken cancellationToken = default)
    {
        var userId = caller.RequireUserId();
        var reason = RefundBook.Reason(request?.Reason);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        var sells = order is not null && await OrderQueries.SellsAsync(db, order, userId, cancellationToken);
        if (order is null || (!sells && order.BuyerId != userId))
        {
            throw OrderQueries.NotFound();
        }

        var cancelled = await CancelAsync(order, sells, userId, caller.DisplayName(), reason, cancellationToken);
        return sells ? cancelled : giftLinks.ForBuyer(cancelled);
    }

    /// <summary>
    /// A gift nobody accepted in its days: LiveShop cancels it as the shop would (stock back, paid back in full), with
    /// <paramref name="reason"/> in its history. Refused like the shop's cancel once it moved on (e.g. refunded meanwhile).
    /// </summary>
    public Task<OrderDto> CancelUnacceptedGiftAsync(Order order, string reason, CancellationToken cancellationToken) =>
        CancelAsync(order, sells: true, userId: null, actorName: null, reason, cancellationToken);

    private async Task<OrderDto> CancelAsync(Order order, bool sells, Guid? userId, string? actorName, string? reason, CancellationToken cancellationToken)
    {
        var orderId = order.Id;
        RefuseUnlessCancellable(order, sells);

        // The money first, outside the show's lock: a processor that refuses leaves the order as it was.
        var payBack = await PayBackAsync(order, cancellationToken);

        List<FlashSaleDto> reopened = [];
        var (changed, cancelled) = await writer.WriteAsync(order.ShowId, async room =>
        {
            reopened.Clear();
            var tracked = await db.Orders.SingleAsync(o => o.Id == orderId, cancellationToken);
            var key = RefundBook.CancelKey(orderId);
            if (!Cancellable(tracked, sells))
            {
                // Changed meanwhile (shipped, cancelled by someone else): money already given back is still recorded, once.
                if (payBack is not null && !await db.Set<Refund>().AnyAsync(r => r.OrderId == orderId && r.IdempotencyKey == key, cancellationToken)
                    && RefundBook.Remaining(tracked).Sum(u => u.Amount) == payBack.Amount && payBack.Amount > 0)
                {
                    RefundBook.Record(db, tracked, RefundBook.Remaining(tracked), Guid.CreateVersion7(), payBack, restocked: false, reason, room.Now, userId, key);
                    if (OrderTransitions.CanMove(tracked.Status, OrderStatus.Refunded))
                    {
                        tracked.MoveTo(OrderStatus.Refunded, room.Now, userId, actorName, reason);
                    }

                    ShopEvents.Order(db, ShopEventTypes.OrderRefunded, await queries.ToDtoAsync(tracked, cancellationToken), room.Now);
                    return (tracked, false);
                }

                return (tracked, false);
            }

            var remaining = RefundBook.Remaining(tracked);
            await RefundBook.GiveBackAsync(db, room, tracked, remaining, reopenFlash: true, reopened, cancellationToken);
            if (payBack is not null)
            {
                RefundBook.Record(db, tracked, remaining, Guid.CreateVersion7(), payBack, restocked: true, reason, room.Now, userId, key);
            }

            tracked.MoveTo(OrderStatus.Cancelled, room.Now, userId, actorName, reason);
            ShopEvents.Order(db, ShopEventTypes.OrderCancelled, await queries.ToDtoAsync(tracked, cancellationToken), room.Now);
            return (tracked, true);
        }, cancellationToken);

        if (!cancelled)
        {
            RefuseUnlessCancellable(changed, sells);
            throw DomainException.Conflict(ProblemCodes.OrderStatusInvalid, "Order #{0} is {1} and cannot be cancelled.", changed.Number, Phrase.Of(changed.Status));
        }

        foreach (var sale in reopened)
        {
            scheduler.Schedule(changed.ShowId, sale.Id, sale.EndsAt);
        }

        stockFanout.Changed(changed.ShowId, changed.Lines.Select(l => l.ProductId));
        var dto = await queries.ToDtoAsync(changed, cancellationToken);
        await notifier.OrderChangedAsync(dto, isNew: false);
        return dto;
    }

    private static bool Cancellable(Order order, bool sells) =>
        sells ? OrderTransitions.CanMove(order.Status, OrderStatus.Cancelled) : OrderTransitions.BuyerMayCancel(order.Status);

    private static void RefuseUnlessCancellable(Order order, bool sells)
    {
        if (Cancellable(order, sells))
        {
            return;
        }

        throw order.Status switch
        {
            OrderStatus.Packed when !sells => DomainException.Conflict(ProblemCodes.OrderStatusInvalid, "Order #{0} is already packed, so it can no longer be cancelled. Ask the shop: once it arrives, they can refund it.", order.Number),
            OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Returned => DomainException.Conflict(ProblemCodes.OrderStatusInvalid, "Order #{0} has shipped and can no longer be cancelled: refund it instead.", order.Number),
            OrderStatus.Cancelled => DomainException.Conflict(ProblemCodes.OrderStatusInvalid, "Order #{0} is already cancelled.", order.Number),
            _ => DomainException.Conflict(ProblemCodes.OrderStatusInvalid, "Order #{0} is {1} and cannot be cancelled.", order.Number, Phrase.Of(order.Status)),
        };
    }

    /// <summary>
    /// What goes back to the buyer: a pending card payment is voided (paid meanwhile: refunded); a paid card
    /// order is refunded in full through the processor; a received transfer or cash is to be paid back by the
    /// shop; nothing for an order not paid yet (cash on delivery before delivery, a transfer still awaited).
    /// </summary>
    private async Task<PayBack?> PayBackAsync(Order order, CancellationToken cancellationToken)
    {
        var amount = order.NetTotal;
        switch (order.Status)
        {
            case OrderStatus.PendingPayment when order.PaymentMethod == PaymentMethod.Card:
                if (await cards.ForShopAsync(order.ShopId, cancellationToken) is not { } pending || await RefundBook.VoidAsync(pending, order, cancellationToken))
                {
                    return null;
                }

                return await RefundBook.RefundThroughAsync(pending, order, amount, RefundBook.CancelKey(order.Id), cancellationToken);
            case OrderStatus.Paid or OrderStatus.Packed when amount > 0 && order.PaymentMethod != PaymentMethod.CashOnDelivery:
                return order.PaymentMethod == PaymentMethod.Card
                    ? await RefundBook.RefundThroughAsync(await RefundBook.ProcessorAsync(cards, order, cancellationToken), order, amount, RefundBook.CancelKey(order.Id), cancellationToken)
                    : new PayBack(RefundBook.ManualMethod(order.PaymentMethod), null, amount);
            default:
                return null;
        }
    }
}
