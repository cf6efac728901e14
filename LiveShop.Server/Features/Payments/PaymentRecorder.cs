using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Server.Realtime;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Payments;

/// <summary>
/// Records what became of an order that holds its stock (<see cref="OrderStatus.PendingPayment"/>, or
/// <see cref="OrderStatus.AwaitingTransfer"/>): paid → <see cref="OrderStatus.Paid"/>; declined →
/// <see cref="OrderStatus.PaymentDeclined"/>; the hold ran out → <see cref="OrderStatus.Cancelled"/>. A decline or
/// an expiry gives back the stock (the variant's and the product's total), the buyer's flash allowance and the
/// flash units (a sale that sold out may reopen), in one room change. Every move is kept in the order's history
/// and written to the shop's outbox in the same transaction. Each move is a conditional update first, so of two
/// answers for one order (even from two server instances) only one moves it, and its stock goes back once.
/// Used by <see cref="PlaceOrder"/>, <see cref="PaymentReconciler"/>, <see cref="ReservationExpirer"/> and the
/// shop marking a transfer paid.
/// </summary>
public sealed class PaymentRecorder(LiveShopDbContext db, RoomWriter writer, FlashSaleScheduler scheduler, StockFanout stockFanout, OrderQueries queries, LiveShopMetrics metrics, TimeProvider clock)
{
    public const string ExpiredNote = "Payment not completed in time";

    public async Task<RecordedPayment> RecordAsync(Order order, PaymentResult result) =>
        result.Approved
            ? await PaidAsync(order, result.Reference, null, null, null)
            // order.created went out when the stock was held: the shop's systems learn the order will not come.
            : await ReleaseAsync(order, OrderStatus.PaymentDeclined, result.Reference, result.Message, ShopEventTypes.OrderCancelled);

    /// <summary>The hold ran out unpaid: cancelled, and everything it held goes back.</summary>
    public Task<RecordedPayment> ExpireAsync(Order order) =>
        ReleaseAsync(order, OrderStatus.Cancelled, null, ExpiredNote, ShopEventTypes.OrderCancelled);

    /// <summary>
    /// Paid (a card's approval, or a transfer the shop received): no stock moves and no room event, so outside
    /// the show's lock. <paramref name="actorId"/> is the shop member who marked it; null for the processor.
    /// </summary>
    public async Task<RecordedPayment> PaidAsync(Order order, string? reference, Guid? actorId, string? actorName, string? note)
    {
        var cancellationToken = CancellationToken.None;
        Order? paid = null;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            paid = await MoveAsync(order.Id, OrderStatus.Paid, clock.GetUtcNow(), actorId, actorName, note, reference, ShopEventTypes.OrderPaid, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

        if (paid is not null)
        {
            metrics.Payment("paid");
        }

        return paid is not null
            ? new RecordedPayment(paid, true)
            : new RecordedPayment(await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id, cancellationToken), false);
    }

    /// <summary>Declined or cancelled: the order moves and everything it held goes back, in one room change.</summary>
    private async Task<RecordedPayment> ReleaseAsync(Order order, OrderStatus to, string? reference, string? note, string? eventType)
    {
        var cancellationToken = CancellationToken.None;
        List<FlashSaleDto> reopened = [];
        var released = false;
        var result = await writer.WriteAsync(order.ShowId, async room =>
        {
            reopened.Clear();
            released = false;
            var moved = await MoveAsync(order.Id, to, room.Now, null, null, note, reference, eventType, cancellationToken);
            if (moved is null)
            {
                return await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id, cancellationToken);
            }

            released = true;

            // A "+1" claim the order paid for is the buyer's again (another card may pay it): its unit stays held.
            var reheld = await Claims.ChatClaims.ReopenForOrderAsync(db, moved.Id, room.Now, cancellationToken);
            foreach (var line in moved.Lines)
            {
                var kept = reheld.Count(c => c.ProductId == line.ProductId && c.VariantId == line.VariantId);
                if (line.Quantity > kept)
                {
                    await OrderLineStock.GiveBackAsync(db, line.ProductId, line.VariantId, line.Quantity - kept, cancellationToken);
                }

                if (line.FlashSaleId is { } saleId)
                {
                    await db.FlashSaleClaims.Where(c => c.SaleId == saleId && c.BuyerId == moved.BuyerId && c.Units >= line.Quantity)
                        .ExecuteUpdateAsync(c => c.SetProperty(x => x.Units, x => x.Units - line.Quantity), cancellationToken);
                }

                // The flash units go back to a running sale, or reopen one that sold out (see FlashSales.GiveBackAsync).
                var flashUnits = line.FlashSaleId is null ? 0 : line.Quantity;
                if (await FlashSales.GiveBackAsync(db, room, moved.ShowId, line.ProductId, line.FlashSaleId, flashUnits, cancellationToken) is { } sale)
                {
                    reopened.Add(sale);
                }

                await ProductStock.EmitAsync(db, room, moved.ShowId, line.ProductId, cancellationToken);
            }

            return moved;
        }, cancellationToken);

        foreach (var sale in reopened)
        {
            scheduler.Schedule(result.ShowId, sale.Id, sale.EndsAt);
        }

        if (released)
        {
            stockFanout.Changed(result.ShowId, result.Lines.Select(l => l.ProductId));
            metrics.Payment(to == OrderStatus.PaymentDeclined ? "declined" : "expired");
        }

        return new RecordedPayment(result, released);
    }

    /// <summary>
    /// Moves the order from a waiting status (<see cref="OrderStatus.PendingPayment"/> or <see cref="OrderStatus.AwaitingTransfer"/>)
    /// to <paramref name="to"/> inside the caller's transaction: the conditional update claims the row (a second
    /// caller finds it no longer waiting and gets null), then the tracked order records the move in its history and
    /// the outbox gets the event. The caller saves.
    /// </summary>
    private async Task<Order?> MoveAsync(Guid orderId, OrderStatus to, DateTimeOffset at, Guid? actorId, string? actorName, string? note, string? reference, string? eventType, CancellationToken cancellationToken)
    {
        at = at.ToMilliseconds();
        var claimed = await db.Orders
            .Where(o => o.Id == orderId && (o.Status == OrderStatus.PendingPayment || o.Status == OrderStatus.AwaitingTransfer))
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.UpdatedAt, at), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        var order = await db.Orders.SingleAsync(o => o.Id == orderId, cancellationToken);
        if (!OrderTransitions.CanMove(order.Status, to))
        {
            // Card answers never apply to a transfer (nor a transfer's payment to a card order's decline).
            return null;
        }

        order.MoveTo(to, at, actorId, actorName, note);
        if (reference is not null)
        {
            order.ReferPayment(reference);
        }

        if (eventType is not null)
        {
            ShopEvents.Order(db, eventType, await queries.ToDtoAsync(order, cancellationToken), at);
        }

        return order;
    }
}

/// <summary>The order after the answer was recorded, and whether this call changed it (false: it was no longer pending).</summary>
public sealed record RecordedPayment(Order Order, bool Changed);
