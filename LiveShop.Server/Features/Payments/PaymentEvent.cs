namespace LiveShop.Server.Features.Payments;

/// <summary>
/// A processor's event (a Stripe webhook) this server has applied, kept by its id so that the same event delivered
/// again (Stripe retries until it gets a 2xx, and may deliver twice) is answered and changes nothing.
/// </summary>
public sealed class PaymentEvent
{
    public const int EventIdMaxLength = 255;

    public const int TypeMaxLength = 100;

    private PaymentEvent()
    {
    }

    public PaymentEvent(Guid shopId, string eventId, string type, DateTimeOffset receivedAt)
    {
        Id = Guid.CreateVersion7();
        ShopId = shopId;
        EventId = eventId;
        Type = type;
        ReceivedAt = receivedAt;
    }

    public Guid Id { get; private set; }

    public Guid ShopId { get; private set; }

    /// <summary>The processor's id of the event (<c>evt_…</c>); unique.</summary>
    public string EventId { get; private set; } = "";

    public string Type { get; private set; } = "";

    public DateTimeOffset ReceivedAt { get; private set; }
}
