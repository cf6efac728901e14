using LiveShop.Server.Features.Common;

namespace LiveShop.Server.Features.Webhooks;

/// <summary>
/// A URL of a shop's other system that receives its events (the types it subscribed to), signed with the
/// endpoint's own secret. The secret is stored protected with ASP.NET Core Data Protection
/// (<see cref="WebhookSecrets"/>) and shown to the shop only when it is made or rolled.
/// </summary>
public sealed class WebhookEndpoint
{
    private WebhookEndpoint()
    {
    }

    public WebhookEndpoint(Guid shopId, string url, string description, IEnumerable<string> events, bool active, string secretProtected, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        ShopId = shopId;
        CreatedAt = at.ToMilliseconds();
        SecretProtected = secretProtected;
        Change(url, description, events, active);
    }

    public Guid Id { get; private set; }

    public Guid ShopId { get; private set; }

    public string Url { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>The subscribed event types, comma-separated (a handful of short names; read whole, never queried).</summary>
    public string EventTypes { get; private set; } = "";

    public bool Active { get; private set; }

    /// <summary>The signing secret (<c>whsec_…</c>), protected.</summary>
    public string SecretProtected { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<string> Events => EventTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool Wants(string type) => Active && Events.Contains(type, StringComparer.Ordinal);

    /// <summary>New settings (already checked by <see cref="ShopWebhooks"/>).</summary>
    public void Change(string url, string description, IEnumerable<string> events, bool active)
    {
        Url = url;
        Description = description;
        EventTypes = string.Join(',', events.Distinct(StringComparer.Ordinal));
        Active = active;
    }

    public void RollSecret(string secretProtected) => SecretProtected = secretProtected;
}
