using System.Security.Cryptography;
using System.Text;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Refunds;

/// <summary>Units of one order line a cancellation or refund gives back.</summary>
public readonly record struct LineUnits(OrderLine Line, int Units)
{
    public decimal Amount => Line.UnitPrice * Units;
}

/// <summary>Money that went back (or is to go back) to the buyer, decided before the order changes.</summary>
public sealed record PayBack(RefundMethod Method, string? Reference, decimal Amount);

/// <summary>The processor refused a refund or could not be reached: 502, and nothing was changed.</summary>
public sealed class RefundFailedException(string template, params object?[] arguments)
    : Exception(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, arguments))
{
    /// <summary>The sentence as a ServerText key and its arguments, translated when written as the 502's detail.</summary>
    public Phrase Sentence { get; } = new(template, arguments);
}

/// <summary>What cancellations and refunds share: the rules on reasons, recording a refund, and giving units back to the room.</summary>
internal static class RefundBook
{
    /// <summary>The reason, trimmed (null when blank); 400 when longer than <see cref="Limits.OrderNoteMaxLength"/>.</summary>
    public static string? Reason(string? reason)
    {
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return trimmed is { Length: > Limits.OrderNoteMaxLength }
            ? throw DomainException.Invalid(ProblemCodes.OrderReasonTooLong, "Keep the reason under {0} characters.", Limits.OrderNoteMaxLength)
            : trimmed;
    }

    /// <summary>Every unit of the order not refunded yet, line by line.</summary>
    public static IReadOnlyList<LineUnits> Remaining(Order order) =>
        [.. order.Lines.Where(l => l.Quantity > l.RefundedQuantity).OrderBy(l => l.LineNumber).Select(l => new LineUnits(l, l.Quantity - l.RefundedQuantity))];

    /// <summary>
    /// A refund's id from the request's Idempotency-Key: the same order and key always give the same refund, so a
    /// retry after a lost answer reaches the processor with the same idempotency key and is stored at most once.
    /// </summary>
    public static Guid IdFor(Guid orderId, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{orderId:N}:{key}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8 (custom)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>The key the processor sees for a refund: derived from the refund's id.</summary>
    public static string ProcessorKey(Guid refundId) => $"refund-{refundId:N}";

    /// <summary>The key of the refund a cancellation makes (the processor sees the same one).</summary>
    public static string CancelKey(Guid orderId) => $"order-{orderId}-cancel";

    /// <summary>
    /// Records a refund of <paramref name="units"/> on the tracked order: the lines' refunded units, the order's
    /// refunded amount (Σ unit price × units, to the cent) and a <see cref="Refund"/> row, all in the caller's transaction.
    /// </summary>
    public static Refund Record(LiveShopDbContext db, Order order, IReadOnlyList<LineUnits> units, Guid id, PayBack payBack, bool restocked, string? reason, DateTimeOffset at, Guid? byUserId, string? key)
    {
        var amount = units.Sum(u => u.Amount);
        var refund = new Refund(id, order.Id, amount, order.Currency, payBack.Method, payBack.Reference, restocked, reason, at, byUserId, key);
        foreach (var (line, count) in units)
        {
            line.Refund(count);
            refund.AddLine(line.LineNumber, count, line.UnitPrice);
        }

        if (amount > 0)
        {
            order.AddRefund(amount, at);
        }

        db.Set<Refund>().Add(refund);
        return refund;
    }

    /// <summary>How the shop gives money back for an order paid by <paramref name="method"/> outside the card processor.</summary>
    public static RefundMethod ManualMethod(PaymentMethod method) => method == PaymentMethod.BankTransfer ? RefundMethod.Transfer : RefundMethod.Cash;

    /// <summary>
    /// Inside the show's room change: gives <paramref name="units"/> back to stock (variant and product total) and
    /// pushes the new stock to the room. With <paramref name="reopenFlash"/> (a cancellation, as a declined card) the
    /// flash units and the buyer's allowance go back too and a sale that sold out may reopen; without (a refund of
    /// goods already sold) flash units only go back to a sale still running, and an ended sale stays ended.
    /// </summary>
    public static async Task GiveBackAsync(LiveShopDbContext db, RoomChange room, Order order, IReadOnlyList<LineUnits> units, bool reopenFlash, List<FlashSaleDto> reopened, CancellationToken cancellationToken)
    {
        foreach (var (line, count) in units)
        {
            await OrderLineStock.GiveBackAsync(db, line.ProductId, line.VariantId, count, cancellationToken);
            if (line.FlashSaleId is { } saleId)
            {
                var returned = reopenFlash || await db.FlashSales.Where(s => s.Id == saleId && s.EndedAt == null && s.EndsAt > room.Now && s.Sold >= count)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Sold, x => x.Sold - count), cancellationToken) > 0;
                if (returned)
                {
                    await db.FlashSaleClaims.Where(c => c.SaleId == saleId && c.BuyerId == order.BuyerId && c.Units >= count)
                        .ExecuteUpdateAsync(c => c.SetProperty(x => x.Units, x => x.Units - count), cancellationToken);
                }

                if (!reopenFlash && returned)
                {
                    var running = await db.FlashSales.AsNoTracking().SingleAsync(s => s.Id == saleId, cancellationToken);
                    room.Emit((seq, at) => new FlashSaleUpdatedEvent(seq, at, running.Id, running.ProductId, running.Sold));
                }
            }

            if (reopenFlash && await FlashSales.GiveBackAsync(db, room, order.ShowId, line.ProductId, line.FlashSaleId, line.FlashSaleId is null ? 0 : count, cancellationToken) is { } sale)
            {
                reopened.Add(sale);
            }

            await ProductStock.EmitAsync(db, room, order.ShowId, line.ProductId, cancellationToken);
        }
    }

    /// <summary>The card processor of the order's shop; 502 when there is none now (nothing was changed).</summary>
    public static async Task<Payments.ICardPayments> ProcessorAsync(Payments.IShopCardPayments cards, Order order, CancellationToken cancellationToken) =>
        await cards.ForShopAsync(order.ShopId, cancellationToken)
            ?? throw new RefundFailedException("Order #{0} was paid by card, but the shop's card processor is not connected now. Nothing was refunded; connect it and try again.", order.Number);

    /// <summary>Stops a payment not finished yet: true when nothing can be charged any more; 502 when the processor cannot say now.</summary>
    public static async Task<bool> VoidAsync(Payments.ICardPayments processor, Order order, CancellationToken cancellationToken)
    {
        try
        {
            return await processor.VoidAsync(order, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new RefundFailedException("The card processor could not be reached to stop the payment of order #{0}. Nothing was changed: try again.", order.Number);
        }
    }

    /// <summary>Refunds <paramref name="amount"/> through the processor; 502 when it refuses or fails (nothing was changed).</summary>
    public static async Task<PayBack> RefundThroughAsync(Payments.ICardPayments processor, Order order, decimal amount, string key, CancellationToken cancellationToken)
    {
        Payments.RefundResult result;
        try
        {
            result = await processor.RefundAsync(order, amount, key, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new RefundFailedException("The card processor could not be reached to refund order #{0}. Nothing was changed: try again.", order.Number);
        }

        return result.Succeeded
            ? new PayBack(RefundMethod.Processor, result.Reference, amount)
            : throw (result.Failure is { } failure
                ? new RefundFailedException("The card processor refused to refund order #{0}: {1}. Nothing was changed.", order.Number, failure)
                : new RefundFailedException("The card processor refused to refund order #{0}: no reason given. Nothing was changed.", order.Number));
    }
}
