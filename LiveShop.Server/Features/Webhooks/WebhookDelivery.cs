using LiveShop.Server.Features.Common;
using LiveShop.Shared.Shops;

namespace LiveShop.Server.Features.Webhooks;

/// <summary>
/// One event (an <see cref="OutboxMessage"/>) for one endpoint, with every attempt to POST it. Pending while
/// it waits for <see cref="NextAttemptAt"/>; delivered on a 2xx; failed when the retries of
/// <see cref="WebhookOptions.RetryForHours"/> ran out. The dispatcher claims a due delivery by moving
/// <see cref="NextAttemptAt"/> past the attempt's timeout, so a server that dies mid-attempt leaves it due again.
/// </summary>
public sealed class WebhookDelivery
{
    private readonly List<WebhookAttempt> _attempts = [];

    private WebhookDelivery()
    {
    }

    public WebhookDelivery(Guid endpointId, Guid messageId, string eventType, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        EndpointId = endpointId;
        MessageId = messageId;
        EventType = eventType;
        CreatedAt = at.ToMilliseconds();
        RetryFrom = CreatedAt;
        NextAttemptAt = CreatedAt;
        Status = WebhookDeliveryStatus.Pending;
    }

    public Guid Id { get; private set; }

    public Guid EndpointId { get; private set; }

    /// <summary>The event's id (its <see cref="OutboxMessage"/>): the same in every attempt and every resend.</summary>
    public Guid MessageId { get; private set; }

    public string EventType { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the current run of retries began (made, or resent): they stop <see cref="WebhookOptions.RetryForHours"/> after it.</summary>
    public DateTimeOffset RetryFrom { get; private set; }

    public WebhookDeliveryStatus Status { get; private set; }

    /// <summary>When it is due (pending only); null once delivered or given up.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public IReadOnlyList<WebhookAttempt> Attempts => _attempts;

    /// <summary>Records an attempt: delivered on 2xx; otherwise retried at <paramref name="retryAt"/>, or failed when that is null (out of time).</summary>
    public void Record(DateTimeOffset at, int? statusCode, string? error, TimeSpan took, DateTimeOffset? retryAt)
    {
        var success = statusCode is >= 200 and < 300;
        _attempts.Add(new WebhookAttempt(_attempts.Count + 1, at.ToMilliseconds(), statusCode, error, (int)Math.Min(took.TotalMilliseconds, int.MaxValue)));
        LastStatusCode = statusCode;
        if (success)
        {
            Status = WebhookDeliveryStatus.Delivered;
            DeliveredAt = at.ToMilliseconds();
            NextAttemptAt = null;
        }
        else if (retryAt is { } next)
        {
            Status = WebhookDeliveryStatus.Pending;
            NextAttemptAt = next.ToMilliseconds();
        }
        else
        {
            Status = WebhookDeliveryStatus.Failed;
            NextAttemptAt = null;
        }
    }

    /// <summary>The shop asks for it again (the same event id and body): due now, with a fresh run of retries.</summary>
    public void Resend(DateTimeOffset at)
    {
        Status = WebhookDeliveryStatus.Pending;
        RetryFrom = at.ToMilliseconds();
        NextAttemptAt = RetryFrom;
    }
}

/// <summary>One POST of a delivery: when, the HTTP status (null: no answer), the error, how long it took.</summary>
public sealed class WebhookAttempt(int number, DateTimeOffset at, int? statusCode, string? error, int durationMs)
{
    public int Number { get; private set; } = number;

    public DateTimeOffset At { get; private set; } = at;

    public int? StatusCode { get; private set; } = statusCode;

    public string? Error { get; private set; } = error;

    public int DurationMs { get; private set; } = durationMs;
}
