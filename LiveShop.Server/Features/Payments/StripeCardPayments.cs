using System.Globalization;
using System.Net;
using LiveShop.Server.Features.Orders;
using LiveShop.Shared.Orders;
using Stripe;

namespace LiveShop.Server.Features.Payments;

/// <summary>
/// One shop's Stripe account as its card processor, built with the shop's decrypted secret key. Paying starts a
/// PaymentIntent for the order's total (one per order: the idempotency key is the order's), which the buyer's
/// browser confirms with the Payment Element (card data and 3-D Secure go from the browser to Stripe; a PaymentIntent
/// that <c>requires_action</c> is simply not final yet). The answer arrives by webhook (<see cref="StripeWebhook"/>),
/// or by <see cref="LookupAsync"/> when the reconciler asks.
/// </summary>
public sealed class StripeCardPayments(IStripeClient client, string publishableKey, Guid shopId) : ICardPayments
{
    private readonly PaymentIntentService _intents = new(client);
    private readonly RefundService _refunds = new(client);

    public CardProcessor Processor => CardProcessor.Stripe;

    public bool TestMode => false;

    public Guid ShopId => shopId;

    /// <summary>The idempotency key of an order's one PaymentIntent.</summary>
    public static string IntentKey(Guid orderId) => $"order-{orderId}-intent";

    public async Task<PaymentStart> StartAsync(Order order, PaymentDetailsDto details, CancellationToken cancellationToken)
    {
        var options = new PaymentIntentCreateOptions
        {
            Amount = StripeAmounts.ToMinorUnits(order.Total, order.Currency),
            Currency = order.Currency.ToLowerInvariant(),
            AutomaticPaymentMethods = new PaymentIntentAutomaticPaymentMethodsOptions { Enabled = true },
            Description = $"Order #{order.Number}",
            Metadata = new Dictionary<string, string>
            {
                ["order_id"] = order.Id.ToString(),
                ["order_number"] = order.Number,
                ["shop_id"] = shopId.ToString(),
            },
        };
        var intent = await _intents.CreateAsync(options, new RequestOptions { IdempotencyKey = IntentKey(order.Id) }, cancellationToken);
        return new PaymentStart(null, new PaymentSessionDto(CardProcessor.Stripe, intent.ClientSecret, publishableKey, TestMode: false), intent.Id);
    }

    public async Task<PaymentLookup> LookupAsync(Order order, CancellationToken cancellationToken)
    {
        if (IntentOf(order) is not { } intentId)
        {
            return PaymentLookup.Never;
        }

        PaymentIntent intent;
        try
        {
            intent = await _intents.GetAsync(intentId, cancellationToken: cancellationToken);
        }
        catch (StripeException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return PaymentLookup.Never;
        }

        return Read(intent);
    }

    /// <summary>What a PaymentIntent's status means for the order: succeeded and canceled are final, everything else may still move.</summary>
    public static PaymentLookup Read(PaymentIntent intent) => intent.Status switch
    {
        "succeeded" => PaymentLookup.Final(new PaymentResult(true, intent.Id, "Paid by card.")),
        "canceled" => PaymentLookup.Final(new PaymentResult(false, intent.Id, "The payment was cancelled; nothing was charged.")),
        _ => PaymentLookup.NotFinal,
    };

    public async Task<bool> VoidAsync(Order order, CancellationToken cancellationToken)
    {
        if (IntentOf(order) is not { } intentId)
        {
            return true;
        }

        try
        {
            var canceled = await _intents.CancelAsync(intentId, new PaymentIntentCancelOptions { CancellationReason = "abandoned" }, cancellationToken: cancellationToken);
            return canceled.Status == "canceled";
        }
        catch (StripeException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
        catch (StripeException e) when (e.StripeError?.Code == "payment_intent_unexpected_state")
        {
            // Already canceled (nothing can be charged) or succeeded meanwhile (paid: the order keeps its stock).
            var intent = await _intents.GetAsync(intentId, cancellationToken: cancellationToken);
            if (intent.Status is not ("canceled" or "succeeded"))
            {
                throw;
            }

            return intent.Status == "canceled";
        }
    }

    public async Task<RefundResult> RefundAsync(Order order, decimal amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (IntentOf(order) is not { } intentId)
        {
            return new RefundResult(false, "", "This order has no card payment to refund.");
        }

        return await RefundIntentAsync(intentId, StripeAmounts.ToMinorUnits(amount, order.Currency), idempotencyKey, cancellationToken);
    }

    /// <summary>Refunds <paramref name="minorUnits"/> of a PaymentIntent (Stripe's units); the same key never refunds twice.</summary>
    public async Task<RefundResult> RefundIntentAsync(string intentId, long minorUnits, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            var refund = await _refunds.CreateAsync(
                new RefundCreateOptions { PaymentIntent = intentId, Amount = minorUnits },
                new RequestOptions { IdempotencyKey = idempotencyKey },
                cancellationToken);
            return refund.Status is "failed" or "canceled"
                ? new RefundResult(false, refund.Id, string.Create(CultureInfo.InvariantCulture, $"Stripe could not refund it ({refund.FailureReason ?? refund.Status})."))
                : new RefundResult(true, refund.Id, null);
        }
        catch (StripeException e) when (e.StripeError?.Type is "invalid_request_error" or "card_error")
        {
            // Refused for good (more than was paid, a payment not refundable): say why. Network trouble throws.
            return new RefundResult(false, "", e.StripeError.Message ?? "Stripe refused the refund.");
        }
    }

    private static string? IntentOf(Order order) =>
        order.PaymentReference is { } reference && reference.StartsWith("pi_", StringComparison.Ordinal) ? reference : null;
}
