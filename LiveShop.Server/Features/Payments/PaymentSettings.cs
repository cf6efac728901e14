using System.Security.Claims;
using System.Text.RegularExpressions;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Payments;

/// <summary>
/// A shop's payment settings, read and changed by its owners and managers: its Stripe keys (the secret key and the
/// webhook signing secret are stored protected and never sent back: only whether they are set), cash on delivery,
/// bank transfer with its instructions and the days a transfer may take.
/// </summary>
public sealed partial class PaymentSettings(
    LiveShopDbContext db,
    ShopAccess access,
    StripeSecrets secrets,
    TestGatewayPolicy testGateway)
{
    public const int KeyMaxLength = 255;

    public async Task<ShopPaymentSettingsDto> GetAsync(ClaimsPrincipal caller, Guid shopId, string siteBase, CancellationToken cancellationToken)
    {
        var membership = await RequireAsync(caller, shopId, "see the shop's payment settings", cancellationToken);
        var settings = await db.ShopPaymentSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ShopId == shopId, cancellationToken)
            ?? new ShopPaymentSettings(shopId);
        return ToDto(settings, membership.Shop, siteBase);
    }

    public async Task<ShopPaymentSettingsDto> SaveAsync(ClaimsPrincipal caller, Guid shopId, SaveShopPaymentSettingsRequest request, string siteBase, CancellationToken cancellationToken)
    {
        var membership = await RequireAsync(caller, shopId, "change the shop's payment settings", cancellationToken);
        var settings = await db.ShopPaymentSettings.SingleOrDefaultAsync(s => s.ShopId == shopId, cancellationToken);
        var isNew = settings is null;
        settings ??= new ShopPaymentSettings(shopId);

        // Everything is checked before anything changes.
        var publishable = Clean(request.StripePublishableKey);
        var secret = request.StripeSecretKey is null ? Stored(settings.StripeSecretKeyProtected) : Clean(request.StripeSecretKey);
        var webhook = request.StripeWebhookSecret is null ? Stored(settings.StripeWebhookSecretProtected) : Clean(request.StripeWebhookSecret);
        Validate(publishable, secret, webhook, request);

        settings.StripePublishableKey = publishable;
        if (request.StripeSecretKey is not null)
        {
            settings.StripeSecretKeyProtected = secret is null ? null : secrets.Protect(secret);
        }

        if (request.StripeWebhookSecret is not null)
        {
            settings.StripeWebhookSecretProtected = webhook is null ? null : secrets.Protect(webhook);
        }

        settings.CashOnDelivery = request.CashOnDelivery;
        settings.BankTransfer = request.BankTransfer;
        settings.BankTransferInstructions = Clean(request.BankTransferInstructions);
        settings.BankTransferDays = request.BankTransferDays;
        settings.GiftAcceptDays = request.GiftAcceptDays ?? settings.GiftAcceptDays;
        if (isNew)
        {
            db.ShopPaymentSettings.Add(settings);
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToDto(settings, membership.Shop, siteBase);
    }

    /// <summary>
    /// Owners and managers. Outside the shop's team the shop is not found (404): its payment settings do not even
    /// say that it exists. A member of another role is refused (403).
    /// </summary>
    private async Task<ShopMembership> RequireAsync(ClaimsPrincipal caller, Guid shopId, Phrase whatFor, CancellationToken cancellationToken)
    {
        if (await access.RoleOfAsync(caller.RequireUserId(), shopId, cancellationToken) is null)
        {
            throw DomainException.NotFound(ProblemCodes.ShopNotFound, "There is no shop with that id.");
        }

        return await access.RequireAsync(caller, shopId, ShopPermissions.CanManagePayments, whatFor, cancellationToken);
    }

    private string? Stored(string? protectedSecret) => protectedSecret is null ? null : secrets.Unprotect(protectedSecret);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Validate(string? publishable, string? secret, string? webhook, SaveShopPaymentSettingsRequest request)
    {
        if (publishable is not null && (publishable.Length > KeyMaxLength || !PublishableKey().IsMatch(publishable)))
        {
            throw Invalid(ProblemCodes.StripeKeyInvalid, "The publishable key starts with pk_test_ or pk_live_: copy it from Stripe's dashboard, Developers → API keys.");
        }

        if (secret is not null && (secret.Length > KeyMaxLength || !SecretKey().IsMatch(secret)))
        {
            throw Invalid(ProblemCodes.StripeKeyInvalid, "The secret key starts with sk_test_, sk_live_, rk_test_ or rk_live_ (a restricted key): copy it from Stripe's dashboard, Developers → API keys.");
        }

        if (webhook is not null && (webhook.Length > KeyMaxLength || !WebhookSecret().IsMatch(webhook)))
        {
            throw Invalid(ProblemCodes.StripeKeyInvalid, "The webhook signing secret starts with whsec_: Stripe shows it on the webhook endpoint's page.");
        }

        if ((publishable is null) != (secret is null))
        {
            throw Invalid(ProblemCodes.StripeKeysMismatch, "Stripe needs both keys: the publishable key and the secret key (or neither, to stop taking cards through Stripe).");
        }

        if (publishable is not null && secret is not null && IsLive(publishable) != IsLive(secret))
        {
            throw Invalid(ProblemCodes.StripeKeysMismatch, "One key is a test key and the other a live key: use both keys of the same mode.");
        }

        if (webhook is not null && secret is null)
        {
            throw Invalid(ProblemCodes.StripeKeysMismatch, "A webhook signing secret needs the Stripe keys too.");
        }

        if (request.BankTransferInstructions?.Trim().Length > Limits.BankTransferInstructionsMaxLength)
        {
            throw Invalid(ProblemCodes.PaymentSettingsInvalid, "Bank transfer instructions are at most {0} characters.", Limits.BankTransferInstructionsMaxLength);
        }

        if (request.BankTransfer && string.IsNullOrWhiteSpace(request.BankTransferInstructions))
        {
            throw Invalid(ProblemCodes.PaymentSettingsInvalid, "Write the bank transfer instructions (account name, number, bank) your buyers will read.");
        }

        if (request.BankTransferDays is < 1 or > 30)
        {
            throw Invalid(ProblemCodes.PaymentSettingsInvalid, "A transfer may take 1 to 30 days before the order is cancelled.");
        }

        if (request.GiftAcceptDays is < 1 or > Limits.GiftAcceptMaxDays)
        {
            throw Invalid(ProblemCodes.PaymentSettingsInvalid, "A gift's recipient may have 1 to {0} days to accept it.", Limits.GiftAcceptMaxDays);
        }
    }

    private static bool IsLive(string key) => key.Contains("_live_", StringComparison.Ordinal);

    private static DomainException Invalid(string code, string message, params object?[] arguments) => DomainException.Invalid(code, message, arguments);

    private ShopPaymentSettingsDto ToDto(ShopPaymentSettings settings, Shop shop, string siteBase) => new(
        settings.StripePublishableKey,
        settings.StripeSecretKeyProtected is not null,
        settings.StripeWebhookSecretProtected is not null,
        siteBase.TrimEnd('/') + ApiRoutes.StripeWebhook(shop.Slug),
        settings.CashOnDelivery,
        settings.BankTransfer,
        settings.BankTransferInstructions,
        settings.BankTransferDays,
        testGateway.Allowed,
        settings.GiftAcceptDays);

    [GeneratedRegex("^pk_(test|live)_[A-Za-z0-9]+$")]
    private static partial Regex PublishableKey();

    [GeneratedRegex("^(sk|rk)_(test|live)_[A-Za-z0-9]+$")]
    private static partial Regex SecretKey();

    [GeneratedRegex("^whsec_[A-Za-z0-9+/=]+$")]
    private static partial Regex WebhookSecret();
}
