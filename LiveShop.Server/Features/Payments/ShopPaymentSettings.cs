using LiveShop.Shared;

namespace LiveShop.Server.Features.Payments;

/// <summary>
/// How a shop takes money: its own Stripe account (the secret key and the webhook signing secret are stored
/// encrypted with ASP.NET Core Data Protection and never shown again), cash on delivery, and bank transfer with
/// the instructions its buyers read and the days a transfer may take before the order is cancelled; and the days a
/// gift's recipient has to accept it.
/// A shop without a row takes cash on delivery only (what it did before payments were settings).
/// </summary>
public sealed class ShopPaymentSettings
{
    public const int DefaultBankTransferDays = 3;

    private ShopPaymentSettings()
    {
    }

    public ShopPaymentSettings(Guid shopId)
    {
        ShopId = shopId;
        CashOnDelivery = true;
        BankTransferDays = DefaultBankTransferDays;
        GiftAcceptDays = Limits.GiftAcceptDefaultDays;
    }

    public Guid ShopId { get; private set; }

    public string? StripePublishableKey { get; set; }

    /// <summary>The secret key, protected (Data Protection purpose <c>LiveShop.Payments.Stripe</c>); null: not connected.</summary>
    public string? StripeSecretKeyProtected { get; set; }

    /// <summary>The webhook endpoint's signing secret (whsec_…), protected like the key.</summary>
    public string? StripeWebhookSecretProtected { get; set; }

    public bool CashOnDelivery { get; set; }

    public bool BankTransfer { get; set; }

    public string? BankTransferInstructions { get; set; }

    public int BankTransferDays { get; set; }

    /// <summary>The days a gift's recipient has to accept it before the order is cancelled and refunded (1–30).</summary>
    public int GiftAcceptDays { get; set; }

    public bool StripeConnected => StripePublishableKey is not null && StripeSecretKeyProtected is not null;
}
