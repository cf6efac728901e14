using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Live;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Payments;

/// <summary>
/// Records the gateway's answer for an order that holds its stock (<see cref="OrderStatus.PendingPayment"/>):
/// approved → <see cref="OrderStatus.Paid"/>; declined → <see cref="OrderStatus.PaymentDeclined"/>, and the
/// stock (the variant's and the product's total), the buyer's flash allowance and the flash units go back (a sale that sold out may reopen), in one
/// room change. Used when the card is charged (<see cref="PlaceOrder"/>) and when a charge whose answer never
/// came is settled later (<see cref="PaymentReconciler"/>). An order that is no longer pending is left as it
/// is, so two answers for one order can never give its stock back twice.
/// </summary>
public sealed class PaymentRecorder(LiveShopDbContext db, RoomWriter writer, FlashSaleScheduler scheduler, StockFanout stockFanout, TimeProvider clock)
{
    public async Task<RecordedPayment> RecordAsync(Order order, PaymentResult result)
    {
        var cancellationToken = CancellationToken.None;
        if (result.Approved)
        {
            // No room event and no stock to give back: a conditional update, outside the show's lock.
            var now = clock.GetUtcNow().ToMilliseconds();
            var paid = await db.Orders.Where(o => o.Id == order.Id && o.Status == OrderStatus.PendingPayment)
                .ExecuteUpdateAsync(o => o
                    .SetProperty(x => x.Status, OrderStatus.Paid)
                    .SetProperty(x => x.PaymentReference, result.Reference)
                    .SetProperty(x => x.UpdatedAt, now), cancellationToken);
            return new RecordedPayment(await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id, cancellationToken), paid > 0);
        }

        List<FlashSaleDto> reopened = [];
        var released = false;
        var declined = await writer.WriteAsync(order.ShowId, async room =>
        {
            reopened.Clear();
            released = false;
            // Conditional, so that of two answers for one order (even from two server instances) only one declines it.
            var at = room.Now.ToMilliseconds();
            var declinedRows = await db.Orders.Where(o => o.Id == order.Id && o.Status == OrderStatus.PendingPayment)
                .ExecuteUpdateAsync(o => o
                    .SetProperty(x => x.Status, OrderStatus.PaymentDeclined)
                    .SetProperty(x => x.PaymentReference, result.Reference)
                    .SetProperty(x => x.UpdatedAt, at), cancellationToken);
            var tracked = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id, cancellationToken);
            if (declinedRows == 0)
            {
                return tracked;
            }

            released = true;
            foreach (var line in tracked.Lines)
            {
                await OrderLineStock.GiveBackAsync(db, line.ProductId, line.VariantId, line.Quantity, cancellationToken);
                if (line.FlashSaleId is { } saleId)
                {
                    await db.FlashSaleClaims.Where(c => c.SaleId == saleId && c.BuyerId == tracked.BuyerId && c.Units >= line.Quantity)
                        .ExecuteUpdateAsync(c => c.SetProperty(x => x.Units, x => x.Units - line.Quantity), cancellationToken);
                }

                // The flash units go back to a running sale, or reopen one that sold out (see FlashSales.GiveBackAsync).
                var flashUnits = line.FlashSaleId is null ? 0 : line.Quantity;
                if (await FlashSales.GiveBackAsync(db, room, tracked.ShowId, line.ProductId, line.FlashSaleId, flashUnits, cancellationToken) is { } sale)
                {
                    reopened.Add(sale);
                }

                await ProductStock.EmitAsync(db, room, tracked.ShowId, line.ProductId, cancellationToken);
            }

            return tracked;
        }, cancellationToken);

        foreach (var sale in reopened)
        {
            scheduler.Schedule(declined.ShowId, sale.Id, sale.EndsAt);
        }

        if (released)
        {
            stockFanout.Changed(declined.ShowId, declined.Lines.Select(l => l.ProductId));
        }

        return new RecordedPayment(declined, released);
    }
}

/// <summary>The order after the answer was recorded, and whether this call changed it (false: it was no longer pending).</summary>
public sealed record RecordedPayment(Order Order, bool Changed);
