using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Payments;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Orders;

/// <summary>
/// Paying an order that holds its stock: starting the payment at the shop's processor when the order is placed,
/// giving the buyer's browser its session again (a reload resumes paying), asking the processor when the browser
/// says it paid (so the buyer need not wait for the webhook), and the shop marking a bank transfer received.
/// </summary>
public sealed partial class OrderPayments(
    LiveShopDbContext db,
    CheckoutMethods checkout,
    PaymentRecorder recorder,
    ChargesInFlight inFlight,
    OrderQueries queries,
    OrderNotifier notifier,
    ILogger<OrderPayments> logger)
{
    /// <summary>A card order paid in the buyer's browser (Stripe): no card number ever reached LiveShop, and it still waits.</summary>
    public static bool PaidInBrowser(Order order) =>
        order.Status == OrderStatus.PendingPayment && order.PaymentMethod == PaymentMethod.Card && order.CardLast4 is null;

    /// <summary>
    /// Starts paying for a card order that holds its stock, outside the show's lock and without the request's token.
    /// The test gateway answers at once (recorded: paid, or declined and everything given back). Stripe gives a
    /// session: the order keeps waiting, with the PaymentIntent as its reference. A processor that cannot start
    /// declines the order at once, so nothing stays held for a payment that cannot happen.
    /// </summary>
    public async Task<(Order Order, PaymentSessionDto? Session, string? DeclinedBecause)> StartAsync(Order order, ICardPayments card, PaymentDetailsDto details)
    {
        using var charging = inFlight.Begin(order.Id);
        PaymentStart start;
        try
        {
            start = await card.StartAsync(order, details, CancellationToken.None);
        }
        catch (Exception e) when (card.Processor == CardProcessor.TestGateway)
        {
            // No answer is not a decline: the card may have been charged. The order stays PendingPayment
            // (its stock held) until PaymentReconciler asks the gateway what became of it; the buyer is told so.
            LogStartFailed(logger, order.Number, e);
            throw PlaceOrder.PaymentPending(order);
        }
        catch (Exception e)
        {
            // No session was made, so nothing can be charged: give everything back now rather than at the hold's end.
            LogStartFailed(logger, order.Number, e);
            var failed = await recorder.RecordAsync(order, new PaymentResult(false, "not-started", "The card payment could not be started."));
            return (failed.Order, null, "Card payments could not be started just now. Nothing was charged and the items went back on sale. Try again in a moment, or pay another way.");
        }

        if (start.Answer is { } answer)
        {
            return ((await recorder.RecordAsync(order, answer)).Order, null, null);
        }

        if (start.Reference is { } reference)
        {
            await db.Orders.Where(o => o.Id == order.Id && o.PaymentReference == null)
                .ExecuteUpdateAsync(o => o.SetProperty(x => x.PaymentReference, reference), CancellationToken.None);
        }

        return (await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id, CancellationToken.None), start.Session, null);
    }

    /// <summary>The order as its buyer reads it while paying: with the session to pay in the browser, or the transfer's instructions.</summary>
    public async Task<OrderDto> WithPaymentAsync(Order order, CancellationToken cancellationToken)
    {
        var dto = queries.ForBuyer(await queries.ToDtoAsync(order, cancellationToken));
        if (order.Status == OrderStatus.AwaitingTransfer)
        {
            var offer = await checkout.ForShopAsync(order.ShopId, cancellationToken);
            return dto with { PaymentInstructions = CheckoutMethods.TransferInstructions(offer, order) };
        }

        if (!PaidInBrowser(order) || await checkout.CardAsync(order.ShopId, cancellationToken) is not { } card)
        {
            return dto;
        }

        try
        {
            // Starting again is idempotent at the processor (its key is the order's id): the same PaymentIntent, its client secret.
            var start = await card.StartAsync(order, new PaymentDetailsDto(PaymentMethod.Card, null), cancellationToken);
            if (start.Reference is { } reference && order.PaymentReference is null)
            {
                // The first start's reference was never saved (a crash): keep it now, so the reconciler and the expiry find the intent.
                await db.Orders.Where(o => o.Id == order.Id && o.PaymentReference == null)
                    .ExecuteUpdateAsync(o => o.SetProperty(x => x.PaymentReference, reference), CancellationToken.None);
            }

            return dto with { PaymentSession = start.Session };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogStartFailed(logger, order.Number, e);
            return dto;
        }
    }

    /// <summary><c>GET /api/orders/{id}/payment</c>: the buyer's own order with what they need to pay it.</summary>
    public async Task<OrderDto> GetAsync(ClaimsPrincipal caller, Guid orderId, CancellationToken cancellationToken) =>
        await WithPaymentAsync(await BuyersAsync(caller, orderId, cancellationToken), cancellationToken);

    /// <summary>
    /// <c>POST /api/orders/{id}/payment</c>: the buyer's browser says it paid; ask the processor now and record a final
    /// answer (paid, or declined and everything back). Not final yet (the buyer may still pay within the hold): unchanged.
    /// </summary>
    public async Task<OrderDto> ConfirmAsync(ClaimsPrincipal caller, Guid orderId, CancellationToken cancellationToken)
    {
        var order = await BuyersAsync(caller, orderId, cancellationToken);
        if (order.Status == OrderStatus.PendingPayment && !inFlight.Contains(order.Id)
            && await checkout.CardAsync(order.ShopId, cancellationToken) is { } card)
        {
            PaymentLookup lookup;
            try
            {
                lookup = await card.LookupAsync(order, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogLookupFailed(logger, order.Number, e);
                throw DomainException.Unavailable(ProblemCodes.PaymentPending,
                    "We could not hear from the card processor about order #{0} yet. You will not be charged twice: it updates in My orders as soon as it is settled.", order.Number);
            }

            if (lookup.Answer is { } answer)
            {
                var recorded = await recorder.RecordAsync(order, answer);
                order = recorded.Order;
                if (recorded.Changed)
                {
                    await notifier.OrderChangedAsync(await queries.ToDtoAsync(order, CancellationToken.None), isNew: false);
                }
            }
        }

        return await WithPaymentAsync(order, cancellationToken);
    }

    /// <summary>
    /// <c>POST /api/orders/{id}/mark-paid</c>: the shop's owner, a manager, or the show's host records a bank transfer
    /// as received. Only an order awaiting its transfer; the move is kept with who made it.
    /// </summary>
    public async Task<OrderDto> MarkPaidAsync(ClaimsPrincipal caller, Guid orderId, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null || !await OrderQueries.SellsAsync(db, order, userId, cancellationToken))
        {
            throw OrderQueries.NotFound();
        }

        if (order.Status != OrderStatus.AwaitingTransfer)
        {
            throw DomainException.Conflict(ProblemCodes.OrderNotAwaitingTransfer, "Order #{0} is {1}: only an order awaiting its bank transfer can be marked paid.", order.Number, Phrase.Of(order.Status));
        }

        var recorded = await recorder.PaidAsync(order, order.PaymentReference, userId, caller.DisplayName(), "Bank transfer received");
        if (!recorded.Changed)
        {
            throw DomainException.Conflict(ProblemCodes.OrderNotAwaitingTransfer, "Order #{0} is {1} now: its hold ran out or it was settled meanwhile.", order.Number, Phrase.Of(recorded.Order.Status));
        }

        var dto = await queries.ToDtoAsync(recorded.Order, CancellationToken.None);
        await notifier.OrderChangedAsync(dto, isNew: false);
        return dto;
    }

    /// <summary>The caller's own order; anyone else's is "no such order".</summary>
    private async Task<Order> BuyersAsync(ClaimsPrincipal caller, Guid orderId, CancellationToken cancellationToken)
    {
        var buyerId = caller.RequireUserId();
        return await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId && o.BuyerId == buyerId, cancellationToken)
            ?? throw OrderQueries.NotFound();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The card payment of order {Number} could not be started.")]
    private static partial void LogStartFailed(ILogger logger, string number, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The processor could not say what became of order {Number}'s payment.")]
    private static partial void LogLookupFailed(ILogger logger, string number, Exception exception);
}
