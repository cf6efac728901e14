using System.Security.Claims;
using System.Text.Json.Nodes;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Webhooks;

/// <summary>
/// A shop's owners and managers manage its webhook endpoints: add (the secret is answered once), change,
/// remove, roll the secret, read each endpoint's deliveries with their attempts, resend one, send a test event.
/// Another shop's endpoint is "not found"; bad input is refused before anything is written.
/// </summary>
public sealed class ShopWebhooks(
    LiveShopDbContext db,
    ShopAccess access,
    WebhookSecrets secrets,
    WebhookDispatcher dispatcher,
    IOptions<WebhookOptions> options,
    IHostEnvironment environment,
    TimeProvider clock)
{
    /// <summary>Deliveries listed per endpoint, newest first.</summary>
    public const int DeliveriesShown = 100;

    public async Task<IReadOnlyList<WebhookEndpointDto>> ListAsync(ClaimsPrincipal caller, Guid shopId, CancellationToken cancellationToken)
    {
        await RequireAsync(caller, shopId, "see its webhooks", cancellationToken);
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.ShopId == shopId).ToListAsync(cancellationToken);
        return [.. endpoints.OrderBy(e => e.CreatedAt).Select(ToDto)];
    }

    public async Task<WebhookSecretDto> CreateAsync(ClaimsPrincipal caller, Guid shopId, SaveWebhookEndpointRequest? request, CancellationToken cancellationToken)
    {
        await RequireAsync(caller, shopId, "add webhooks", cancellationToken);
        var (url, description, events) = Check(request);
        if (await db.WebhookEndpoints.CountAsync(e => e.ShopId == shopId, cancellationToken) >= Limits.WebhookEndpointsPerShop)
        {
            throw DomainException.Conflict(ProblemCodes.WebhookLimitReached, "A shop can have at most {0} webhook endpoints; remove one first.", Limits.WebhookEndpointsPerShop);
        }

        var (secret, protectedSecret) = secrets.Create();
        var endpoint = new WebhookEndpoint(shopId, url, description, events, request!.Active, protectedSecret, clock.GetUtcNow());
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretDto(ToDto(endpoint), secret);
    }

    public async Task<WebhookEndpointDto> UpdateAsync(ClaimsPrincipal caller, Guid shopId, Guid endpointId, SaveWebhookEndpointRequest? request, CancellationToken cancellationToken)
    {
        await RequireAsync(caller, shopId, "change webhooks", cancellationToken);
        var endpoint = await FindAsync(shopId, endpointId, cancellationToken);
        var (url, description, events) = Check(request);
        endpoint.Change(url, description, events, request!.Active);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(endpoint);
    }

    /// <summary>Removes the endpoint with its deliveries: nothing more is sent to it.</summary>
    public async Task DeleteAsync(ClaimsPrincipal caller, Guid shopId, Guid endpointId, CancellationToken cancellationToken)
    {
        await RequireAsync(caller, shopId, "remove webhooks", cancellationToken);
        var endpoint = await FindAsync(shopId, endpointId, cancellationToken);
        db.WebhookEndpoints.Remove(endpoint);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A new secret, effective at once (every later attempt is signed with it); the old one stops working.</summary>
    public async Task<WebhookSecretDto> RollSecretAsync(ClaimsPrincipal caller, Guid shopId, Guid endpointId, CancellationToken cancellationToken)
    {
        await RequireAsync(caller, shopId, "roll webhook secrets", cancellationToken);
        var endpoint = await FindAsync(shopId, endpointId, cancellationToken);
        var (secret, protectedSecret) = secrets.Create();
        endpoint.RollSecret(protectedSecret);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretDto(ToDto(endpoint), secret);
    }

    public async Task<IReadOnlyList<WebhookDeliveryDto>> DeliveriesAsync(ClaimsPrincipal caller, Guid shopId, Guid endpointId, CancellationToken cancellationToken)
    {
        await RequireAsync(caller, shopId, "see webhook deliveries", cancellationToken);
        await FindAsync(shopId, endpointId, cancellationToken);
        var deliveries = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.EndpointId == endpointId)
            .OrderByDescending(d => d.CreatedAt)
            .Take(DeliveriesShown)
            .ToListAsync(cancellationToken);
        return [.. deliveries.Select(ToDto)];
    }

    /// <summary>Delivers the event again (the same id and body), whatever became of it: due now, with a fresh day of retries.</summary>
    public async Task<WebhookDeliveryDto> ResendAsync(ClaimsPrincipal caller, Guid shopId, Guid endpointId, Guid deliveryId, CancellationToken cancellationToken)
    {
        await RequireAsync(caller, shopId, "resend webhooks", cancellationToken);
        await FindAsync(shopId, endpointId, cancellationToken);
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpointId, cancellationToken)
            ?? throw DomainException.NotFound(ProblemCodes.WebhookDeliveryNotFound, "This endpoint has no delivery with that id.");
        delivery.Resend(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        dispatcher.Wake();
        return ToDto(delivery);
    }

    /// <summary>A <c>webhook.test</c> event for this endpoint only (even when inactive: the shop is trying it out).</summary>
    public async Task<WebhookDeliveryDto> SendTestAsync(ClaimsPrincipal caller, Guid shopId, Guid endpointId, CancellationToken cancellationToken)
    {
        var membership = await RequireAsync(caller, shopId, "send test webhooks", cancellationToken);
        var endpoint = await FindAsync(shopId, endpointId, cancellationToken);
        var now = clock.GetUtcNow();
        var payload = new JsonObject
        {
            ["endpointId"] = endpoint.Id.ToString(),
            ["shopId"] = shopId.ToString(),
            ["shopName"] = membership.Shop.Name,
            ["message"] = "A test event from LiveShop: your endpoint is reachable and can check the signature.",
        };
        var message = new OutboxMessage(Guid.CreateVersion7(), shopId, WebhookEventTypes.Test, now, payload.ToJsonString()) { FannedOutAt = now.ToMilliseconds() };
        var delivery = new WebhookDelivery(endpoint.Id, message.Id, message.Type, now);
        db.Outbox.Add(message);
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        dispatcher.Wake();
        return ToDto(delivery);
    }

    private bool AllowPrivateNetworks => options.Value.AllowPrivateNetworks ?? environment.IsDevelopment();

    private Task<ShopMembership> RequireAsync(ClaimsPrincipal caller, Guid shopId, Phrase whatFor, CancellationToken cancellationToken) =>
        access.RequireAsync(caller, shopId, WebhookPermissions.CanManage, whatFor, cancellationToken);

    private async Task<WebhookEndpoint> FindAsync(Guid shopId, Guid endpointId, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.ShopId == shopId, cancellationToken)
            ?? throw DomainException.NotFound(ProblemCodes.WebhookNotFound, "This shop has no webhook endpoint with that id.");

    private (string Url, string Description, IReadOnlyList<string> Events) Check(SaveWebhookEndpointRequest? request)
    {
        if (request is null)
        {
            throw DomainException.Invalid(ProblemCodes.WebhookUrlInvalid, "Send the endpoint's url, description and events.");
        }

        var url = WebhookUrlPolicy.Check(request.Url, AllowPrivateNetworks).AbsoluteUri;
        var description = request.Description?.Trim() ?? "";
        if (description.Length > Limits.WebhookDescriptionMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.WebhookUrlInvalid, "The description can be at most {0} characters.", Limits.WebhookDescriptionMaxLength);
        }

        var events = request.Events ?? [];
        var unknown = events.Where(e => !WebhookEventTypes.All.Contains(e)).ToList();
        if (events.Count == 0 || unknown.Count > 0)
        {
            throw DomainException.Invalid(ProblemCodes.WebhookEventsInvalid, unknown.Count > 0
                ? $"There is no event type {string.Join(", ", unknown.Select(u => $"'{u}'"))}; choose from {string.Join(", ", WebhookEventTypes.All)}."
                : "Choose at least one event type for the endpoint.");
        }

        return (url, description, [.. WebhookEventTypes.All.Where(events.Contains)]);
    }

    internal static WebhookEndpointDto ToDto(WebhookEndpoint e) => new(e.Id, e.Url, e.Description, e.Events, e.Active, e.CreatedAt);

    internal static WebhookDeliveryDto ToDto(WebhookDelivery d) => new(
        d.Id, d.MessageId, d.EventType, d.CreatedAt, d.Status, d.LastStatusCode, d.NextAttemptAt, d.DeliveredAt,
        [.. d.Attempts.OrderBy(a => a.Number).Select(a => new WebhookAttemptDto(a.At, a.StatusCode, a.Error, a.DurationMs))]);
}
