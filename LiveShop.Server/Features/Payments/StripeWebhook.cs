using System.Text;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace LiveShop.Server.Features.Payments;

/// <summary>
/// Receives a shop's Stripe webhook (<c>POST /api/payments/stripe/webhook/{shopSlug}</c>): verifies its
/// <c>Stripe-Signature</c> with the shop's webhook signing secret (HMAC-SHA256 of <c>timestamp.body</c>, timestamp at
/// most 5 minutes old), answers a repeated event without applying it again, and hands a new one to
/// <see cref="StripeEventHandler"/>. A bad or stale signature, or an unknown shop, is refused with 400 and changes nothing.
/// </summary>
public sealed partial class StripeWebhook(LiveShopDbContext db, StripeSecrets secrets, StripeEventHandler handler, TimeProvider clock, ILogger<StripeWebhook> logger)
{
    /// <summary>Stripe's events are a few KB; anything far larger is not one.</summary>
    public const int MaxBodyBytes = 512 * 1024;

    /// <summary>Applies the event; false when it was a repeat (already applied, nothing done).</summary>
    public async Task<bool> ReceiveAsync(string shopSlug, string json, string? signature, CancellationToken cancellationToken)
    {
        var shop = await db.Shops.AsNoTracking().Where(s => s.Slug == shopSlug).Select(s => new { s.Id }).SingleOrDefaultAsync(cancellationToken)
            ?? throw Refused("There is no shop with that address.");
        var secret = await db.ShopPaymentSettings.AsNoTracking().Where(s => s.ShopId == shop.Id).Select(s => s.StripeWebhookSecretProtected).SingleOrDefaultAsync(cancellationToken)
            ?? throw Refused("This shop has no Stripe webhook signing secret in its payment settings.");
        if (string.IsNullOrEmpty(signature))
        {
            throw Refused("The Stripe-Signature header is missing.");
        }

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, signature, secrets.Unprotect(secret), StripeOptions.WebhookToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is StripeException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            LogRefused(logger, shopSlug, e.Message);
            throw Refused("The Stripe-Signature does not match this shop's webhook signing secret, or its timestamp is too old.");
        }

        if (await db.PaymentEvents.AnyAsync(e => e.EventId == stripeEvent.Id, cancellationToken))
        {
            LogRepeat(logger, stripeEvent.Id, stripeEvent.Type);
            return false;
        }

        return await handler.ApplyAsync(shop.Id, stripeEvent, cancellationToken);
    }

    private static DomainException Refused(string message, params object?[] arguments) => DomainException.Invalid(ProblemCodes.StripeWebhookInvalid, message, arguments);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Stripe webhook for shop {Slug} was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string slug, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe event {EventId} ({Type}) came again; it was applied before.")]
    private static partial void LogRepeat(ILogger logger, string eventId, string type);
}

/// <summary>The Stripe webhook's endpoint: anonymous (Stripe signs it), no antiforgery (no cookie, no form).</summary>
public static class StripeWebhookEndpoints
{
    public static IEndpointRouteBuilder MapStripeWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/payments/stripe/webhook/{shopSlug}", ReceiveAsync).WithTags("Payments").AllowAnonymous().DisableAntiforgery()
            .WithName("StripeWebhook").WithSummary("A shop's Stripe events (signed with its webhook signing secret).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Ok> ReceiveAsync(string shopSlug, HttpRequest request, StripeWebhook webhook, CancellationToken cancellationToken)
    {
        if (request.ContentLength > StripeWebhook.MaxBodyBytes)
        {
            throw DomainException.Invalid(ProblemCodes.StripeWebhookInvalid, "That is too large to be a Stripe event.");
        }

        // The signature covers the exact bytes sent: read them as they are.
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[StripeWebhook.MaxBodyBytes + 1];
        var length = await reader.ReadBlockAsync(buffer, cancellationToken);
        if (length > StripeWebhook.MaxBodyBytes)
        {
            throw DomainException.Invalid(ProblemCodes.StripeWebhookInvalid, "That is too large to be a Stripe event.");
        }

        await webhook.ReceiveAsync(shopSlug, new string(buffer, 0, length), request.Headers["Stripe-Signature"].ToString(), cancellationToken);
        return TypedResults.Ok();
    }
}
