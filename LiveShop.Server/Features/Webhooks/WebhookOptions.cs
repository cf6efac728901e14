namespace LiveShop.Server.Features.Webhooks;

/// <summary>Configuration section <c>Webhooks</c>: how often and how patiently events are delivered (tests shorten these).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>How often the dispatcher looks for new events and due retries when nothing wakes it. Default 5 s.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>How long one POST may take before it counts as a failed attempt. Default 10 s.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>The first retry's delay; each next one is three times longer (10 s, 30 s, 1.5 min, 4.5 min, …), ±20 % jitter. Default 10 s.</summary>
    public double BackoffBaseSeconds { get; set; } = 10;

    /// <summary>No retry waits longer than this. Default 1 hour.</summary>
    public double BackoffCapSeconds { get; set; } = 3600;

    /// <summary>Retries stop this long after the event (or its resend); the delivery is then failed. Default 24 hours.</summary>
    public double RetryForHours { get; set; } = 24;

    /// <summary>At most this many POSTs at once, whatever the number of endpoints. Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// Whether endpoints may be on loopback or private networks (10/8, 172.16/12, 192.168/16, link-local, fc00::/7…),
    /// and may use plain http on loopback. Unset: only in Development. Checked when a URL is saved and again when
    /// connecting (after DNS), so a name that later resolves to an inner address is refused too.
    /// </summary>
    public bool? AllowPrivateNetworks { get; set; }
}
