using LiveShop.Shared;
using LiveShop.Shared.Orders;

namespace LiveShop.Client.Features.BackOffice.Settings;

/// <summary>The form's fields. Secret fields start blank: blank means "keep what is stored".</summary>
public sealed class PaymentsModel
{
    public string? PublishableKey { get; set; }

    public string? SecretKey { get; set; }

    public string? WebhookSecret { get; set; }

    public bool CashOnDelivery { get; set; }

    public bool BankTransfer { get; set; }

    public string? BankTransferInstructions { get; set; }

    public int BankTransferDays { get; set; }

    /// <summary>Days a gift's recipient has to accept it.</summary>
    public int GiftAcceptDays { get; set; } = Limits.GiftAcceptDefaultDays;

    public static PaymentsModel From(ShopPaymentSettingsDto settings) => new()
    {
        PublishableKey = settings.StripePublishableKey,
        CashOnDelivery = settings.CashOnDelivery,
        BankTransfer = settings.BankTransfer,
        BankTransferInstructions = settings.BankTransferInstructions,
        BankTransferDays = settings.BankTransferDays,
        GiftAcceptDays = settings.GiftAcceptDays,
    };

    public SaveShopPaymentSettingsRequest ToRequest() => new(
        PublishableKey?.Trim() ?? "",
        string.IsNullOrWhiteSpace(SecretKey) ? null : SecretKey.Trim(),
        string.IsNullOrWhiteSpace(WebhookSecret) ? null : WebhookSecret.Trim(),
        CashOnDelivery,
        BankTransfer,
        BankTransferInstructions,
        BankTransferDays,
        GiftAcceptDays);
}
