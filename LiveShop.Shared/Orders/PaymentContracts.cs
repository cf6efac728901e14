using System.Text.Json.Serialization;

namespace LiveShop.Shared.Orders;

/// <summary>Who takes card payments for a shop: nobody, the development gateway (test mode, no money moves), or the shop's Stripe account.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CardProcessor>))]
public enum CardProcessor
{
    None,
    TestGateway,
    Stripe,
}

/// <summary>
/// What the checkout of a show offers (<c>GET /api/shows/{id}/checkout</c>): the methods the shop enabled and the
/// server can take. <see cref="TestMode"/>: the development gateway is on, every checkout page says "Test mode — no money moves".
/// <see cref="Notice"/> is a sentence for the buyer when something is missing (e.g. no card payments in this shop).
/// </summary>
public sealed record CheckoutOptionsDto(
    CardProcessor Card,
    string? StripePublishableKey,
    bool CashOnDelivery,
    bool BankTransfer,
    bool TestMode,
    int HoldMinutes,
    string? Notice);

/// <summary>
/// How the buyer's browser pays an order held for them: with Stripe, the PaymentIntent's client secret for the
/// Payment Element (card data goes from the browser to Stripe, never to LiveShop). Only on the buyer's own order while it waits for payment.
/// </summary>
public sealed record PaymentSessionDto(CardProcessor Processor, string? ClientSecret, string? PublishableKey, bool TestMode);

/// <summary>A shop's payment settings as its owner sees them: secrets are never sent back, only whether they are set.</summary>
public sealed record ShopPaymentSettingsDto(
    string? StripePublishableKey,
    bool StripeSecretKeySet,
    bool StripeWebhookSecretSet,
    string StripeWebhookUrl,
    bool CashOnDelivery,
    bool BankTransfer,
    string? BankTransferInstructions,
    int BankTransferDays,
    bool TestGatewayAvailable,
    int GiftAcceptDays = Limits.GiftAcceptDefaultDays);

/// <summary>
/// Saves a shop's payment settings (and how many days a gift's recipient has to accept it: null keeps them). A null secret keeps the stored one; an empty string removes it (and with it
/// card payments through Stripe).
/// </summary>
public sealed record SaveShopPaymentSettingsRequest(
    string? StripePublishableKey,
    string? StripeSecretKey,
    string? StripeWebhookSecret,
    bool CashOnDelivery,
    bool BankTransfer,
    string? BankTransferInstructions,
    int BankTransferDays,
    int? GiftAcceptDays = null);

/// <summary>One line to refund: its number in the order and how many units (at most those not yet refunded).</summary>
public sealed record RefundLineRequest(int LineNumber, int Quantity);

/// <summary>
/// The shop refunds an order (<c>POST /api/orders/{id}/refunds</c>): the lines given (null: everything not yet
/// refunded), putting the units back in stock when <see cref="Restock"/>; a reason the buyer reads.
/// </summary>
public sealed record RefundRequest(IReadOnlyList<RefundLineRequest>? Lines, bool Restock, string? Reason);

/// <summary>Cancels an order before it is packed (the buyer) or before it ships (the shop): stock goes back, any payment is refunded.</summary>
public sealed record CancelOrderRequest(string? Reason);
