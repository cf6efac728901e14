using System.Text.Json.Serialization;
using LiveShop.Shared.Shows;

namespace LiveShop.Shared.Shops;

/// <summary>
/// The events a shop's webhook endpoint can subscribe to (the <c>type</c> of each delivery). The server's
/// <c>ShopEventTypes</c> names the same strings; see docs/webhooks.md for each payload.
/// </summary>
public static class WebhookEventTypes
{
    public const string OrderCreated = "order.created";
    public const string OrderPaid = "order.paid";
    public const string OrderCancelled = "order.cancelled";
    public const string OrderRefunded = "order.refunded";
    public const string OrderShipped = "order.shipped";
    public const string OrderDelivered = "order.delivered";
    public const string ShowStarted = "show.started";
    public const string ShowEnded = "show.ended";

    /// <summary>"Send test event": delivered to the one endpoint that asked, never subscribed to.</summary>
    public const string Test = "webhook.test";

    public static readonly IReadOnlyList<string> All = [OrderCreated, OrderPaid, OrderCancelled, OrderRefunded, OrderShipped, OrderDelivered, ShowStarted, ShowEnded];
}

/// <summary>Who may see and change a shop's webhooks: its owners and managers (one rule for the server and the menu).</summary>
public static class WebhookPermissions
{
    public static bool CanManage(ShopRole role) => role is ShopRole.Owner or ShopRole.Manager;
}

/// <summary>A shop's webhook endpoint. The signing secret is never part of it: it is shown once, in <see cref="WebhookSecretDto"/>.</summary>
public sealed record WebhookEndpointDto(
    Guid Id,
    string Url,
    string Description,
    IReadOnlyList<string> Events,
    bool Active,
    DateTimeOffset CreatedAt);

/// <summary>Adds or changes an endpoint: an https URL, a note for the team, the event types (at least one of <see cref="WebhookEventTypes.All"/>).</summary>
public sealed record SaveWebhookEndpointRequest(string Url, string? Description, IReadOnlyList<string> Events, bool Active = true);

/// <summary>An endpoint with its signing secret (<c>whsec_…</c>): answered once, when it is made and when the secret is rolled.</summary>
public sealed record WebhookSecretDto(WebhookEndpointDto Endpoint, string Secret);

/// <summary>Where one event stands with one endpoint.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebhookDeliveryStatus>))]
public enum WebhookDeliveryStatus
{
    /// <summary>Not delivered yet: waiting for its first attempt or its next retry.</summary>
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt for 24 hours failed; the shop can resend it.</summary>
    Failed,
}

/// <summary>One POST to the endpoint: when, its HTTP status (null: no answer), what went wrong, how long it took.</summary>
public sealed record WebhookAttemptDto(DateTimeOffset At, int? StatusCode, string? Error, int DurationMs);

/// <summary>One event for one endpoint, with every attempt (newest last).</summary>
public sealed record WebhookDeliveryDto(
    Guid Id,
    Guid EventId,
    string EventType,
    DateTimeOffset CreatedAt,
    WebhookDeliveryStatus Status,
    int? LastStatusCode,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<WebhookAttemptDto> Attempts);

/// <summary>The <c>data</c> of <c>show.started</c> and <c>show.ended</c>.</summary>
public sealed record WebhookShowDto(
    Guid Id,
    Guid ShopId,
    string Title,
    ShowStatus Status,
    DateTimeOffset ScheduledStart,
    DateTimeOffset? WentLiveAt,
    DateTimeOffset? EndedAt);
