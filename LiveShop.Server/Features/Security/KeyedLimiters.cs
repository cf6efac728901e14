using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Security;

/// <summary>
/// Token buckets by key for limits outside the HTTP pipeline (the hub: per address, per show, per guest).
/// Built on System.Threading.RateLimiting's partitioned limiter, which drops a key's bucket once it has
/// refilled and sat idle, so a flood of keys costs memory only while it lasts. With several instances a permit this
/// instance grants is also counted across them (<see cref="SharedLimits"/>).
/// </summary>
public sealed class KeyedLimiters(IOptions<RateLimitOptions> options, SharedLimits? shared = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, PartitionedRateLimiter<string>> _limiters = new();

    public bool Enabled => options.Value.Enabled;

    /// <summary>
    /// Takes one permit from <paramref name="key"/>'s bucket in the limit named <paramref name="name"/>
    /// (one name per kind of limit, e.g. "hearts"). False, with how long to wait, when it is empty.
    /// </summary>
    public bool TryTake(string name, WindowLimit limit, string key, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!options.Value.Enabled)
        {
            return true;
        }

        var limiter = _limiters.GetOrAdd(name, _ => PartitionedRateLimiter.Create<string, string>(k => RateLimitPartition.GetTokenBucketLimiter(k, _ => Bucket(limit))));
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return shared is null || shared.TryTake(name, limit, key, out retryAfter);
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limit.Refill;
        return false;
    }

    /// <summary>A bucket of <see cref="WindowLimit.Permits"/> that gets one permit back every <see cref="WindowLimit.Refill"/>; no queue.</summary>
    internal static TokenBucketRateLimiterOptions Bucket(WindowLimit limit) => new()
    {
        TokenLimit = limit.Permits,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = limit.Refill < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : limit.Refill,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
