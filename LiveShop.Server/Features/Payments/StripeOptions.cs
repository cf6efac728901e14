namespace LiveShop.Server.Features.Payments;

/// <summary>
/// Configuration section <c>Payments:Stripe</c>. Each shop connects its own Stripe account (its keys are in
/// <see cref="ShopPaymentSettings"/>, never in configuration); this only says where Stripe's API is.
/// </summary>
public sealed class StripeOptions
{
    public const string Section = "Payments:Stripe";

    /// <summary>Stripe's API. Tests point it at a fake Stripe on loopback; nothing else should change it.</summary>
    public string ApiBase { get; set; } = Stripe.StripeClient.DefaultApiBase;

    /// <summary>The tolerance of a webhook's signed timestamp, in seconds (Stripe's own libraries use 300).</summary>
    public const long WebhookToleranceSeconds = 300;

    /// <summary>The Data Protection purpose of the shops' Stripe secrets.</summary>
    public const string ProtectionPurpose = "LiveShop.Payments.Stripe";
}
