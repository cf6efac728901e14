using System.Text.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shops;

namespace LiveShop.Server.Features.Webhooks;

/// <summary>
/// An event for a shop's other systems (its warehouse, its other channels' order management), written in the
/// same transaction as the change it reports, so a crash after the commit still delivers it. The webhook
/// dispatcher delivers it at least once to every endpoint of the shop subscribed to its type.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public OutboxMessage(Guid id, Guid shopId, string type, DateTimeOffset occurredAt, string payloadJson)
    {
        Id = id;
        ShopId = shopId;
        Type = type;
        OccurredAt = occurredAt.ToMilliseconds();
        PayloadJson = payloadJson;
    }

    /// <summary>The event's id, unique: receivers use it to ignore a second delivery.</summary>
    public Guid Id { get; private set; }

    public Guid ShopId { get; private set; }

    /// <summary>One of <see cref="ShopEventTypes"/>.</summary>
    public string Type { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The object the event is about (an order, a show), as JSON.</summary>
    public string PayloadJson { get; private set; } = "";

    /// <summary>When the dispatcher made this message's deliveries (one per subscribed endpoint); null: not yet.</summary>
    public DateTimeOffset? FannedOutAt { get; set; }
}

/// <summary>The events a shop's webhook endpoint can subscribe to (the same strings as <see cref="WebhookEventTypes"/>, which the client reads).</summary>
public static class ShopEventTypes
{
    public const string OrderCreated = WebhookEventTypes.OrderCreated;
    public const string OrderPaid = WebhookEventTypes.OrderPaid;
    public const string OrderCancelled = WebhookEventTypes.OrderCancelled;
    public const string OrderRefunded = WebhookEventTypes.OrderRefunded;
    public const string OrderShipped = WebhookEventTypes.OrderShipped;
    public const string OrderDelivered = WebhookEventTypes.OrderDelivered;
    public const string ShowStarted = WebhookEventTypes.ShowStarted;
    public const string ShowEnded = WebhookEventTypes.ShowEnded;

    public static readonly string[] All = [.. WebhookEventTypes.All];
}

/// <summary>
/// Adds an event to the outbox in the context's pending changes: it is stored by the same <c>SaveChanges</c>
/// (so in the same transaction) as the change it reports. Call it before saving.
/// </summary>
public static class ShopEvents
{
    public static void Order(LiveShopDbContext db, string type, OrderDto order, DateTimeOffset at) =>
        Add(db, order.ShopId ?? throw new InvalidOperationException("An order event needs the order's shop."), type, JsonSerializer.Serialize(order, LiveShopJsonContext.Default.OrderDto), at);

    public static void Add(LiveShopDbContext db, Guid shopId, string type, string payloadJson, DateTimeOffset at) =>
        db.Outbox.Add(new OutboxMessage(Guid.CreateVersion7(), shopId, type, at, payloadJson));
}
