using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace LiveShop.Server.Features.Security;

/// <summary>
/// The rate limits' count across instances (with <c>ConnectionStrings:Redis</c>, docs/instances.md): on top of each
/// instance's own token bucket, every permit is also counted in Redis in a fixed window of the limit's length
/// (<c>Permits</c> per <c>WindowSeconds</c>), so a flood spread over several instances by the load balancer gets
/// one allowance, not one per instance. Keys are hashed (an e-mail address or a client address never reaches Redis
/// as such) and expire with their window. If Redis does not answer, each instance's own limits still apply.
/// <para>
/// Nothing waits on Redis in a synchronous path (a hub call's limit): <see cref="TryTake"/> decides from the count
/// Redis last returned for the key's window and sends the new permit without waiting, so it may let through one
/// round trip's worth more than the limit; the HTTP policies ask Redis asynchronously (<see cref="TryTakeAsync"/>).
/// Blocking request threads on Redis starved the thread pool under a flash-sale burst.
/// </para>
/// </summary>
public sealed partial class SharedLimits(IConnectionMultiplexer redis, ILogger<SharedLimits> logger)
{
    // One round trip: count the permit, and start the window's expiry with its first one.
    private const string CountScript = "local c = redis.call('INCR', KEYS[1]) if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return c";

    private static readonly TimeProvider Clock = TimeProvider.System;

    /// <summary>Keys whose last count is remembered before the old windows' are swept.</summary>
    private const int RememberedKeys = 10_000;

    /// <summary>The count Redis last returned for each key's window (for <see cref="TryTake"/>).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<RedisKey, long> _counts = new();

    public bool TryTake(string name, WindowLimit limit, string key, out TimeSpan retryAfter)
    {
        var (redisKey, windowMs, windowEnds) = Window(name, limit, key);
        var known = _counts.GetValueOrDefault(redisKey);
        if (!Allowed(known + 1, limit, windowEnds, out retryAfter))
        {
            return false;
        }

        _ = CountAsync(name, redisKey, windowMs);
        return true;
    }

    private async Task CountAsync(string name, RedisKey redisKey, long windowMs)
    {
        try
        {
            var count = (long)await redis.GetDatabase().ScriptEvaluateAsync(CountScript, [redisKey], [windowMs * 2]);
            if (_counts.Count >= RememberedKeys)
            {
                _counts.Clear();
            }

            _counts[redisKey] = count;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogAway(logger, name, e.Message);
        }
    }

    public async Task<(bool Allowed, TimeSpan RetryAfter)> TryTakeAsync(string name, WindowLimit limit, string key)
    {
        var (redisKey, windowMs, windowEnds) = Window(name, limit, key);
        try
        {
            var count = (long)await redis.GetDatabase().ScriptEvaluateAsync(CountScript, [redisKey], [windowMs * 2]);
            var allowed = Allowed(count, limit, windowEnds, out var retryAfter);
            return (allowed, retryAfter);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogAway(logger, name, e.Message);
            return (true, TimeSpan.Zero);
        }
    }

    private static bool Allowed(long count, WindowLimit limit, DateTimeOffset windowEnds, out TimeSpan retryAfter)
    {
        retryAfter = count <= limit.Permits ? TimeSpan.Zero : windowEnds - Clock.GetUtcNow();
        return count <= limit.Permits;
    }

    private static (RedisKey Key, long WindowMs, DateTimeOffset Ends) Window(string name, WindowLimit limit, string key)
    {
        var windowMs = Math.Max(1000L, (long)limit.Window.TotalMilliseconds);
        var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var index = now / windowMs;
        var hashed = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 16);
        return ($"liveshop:limit:{name}:{windowMs}:{hashed}:{index}", windowMs, DateTimeOffset.FromUnixTimeMilliseconds((index + 1) * windowMs));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared count of limit {Name} is not available ({Reason}); this instance's own limit applies.")]
    private static partial void LogAway(ILogger logger, string name, string reason);
}

/// <summary>An HTTP policy's limiter with several instances: this instance's token bucket, then the shared count.</summary>
internal sealed class SharedRateLimiter(RateLimiter local, SharedLimits shared, string name, WindowLimit limit, string key) : RateLimiter
{
    public override TimeSpan? IdleDuration => local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    /// <summary>
    /// Never decides here: a refusal without a reason sends the rate-limiting middleware on to
    /// <see cref="AcquireAsyncCore"/>, which asks Redis without holding a thread.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        permitCount == 0 ? local.AttemptAcquire(0) : new Refused(null);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var lease = local.AttemptAcquire(permitCount);
        if (!lease.IsAcquired || permitCount == 0)
        {
            return lease;
        }

        var (allowed, retryAfter) = await shared.TryTakeAsync(name, limit, key);
        if (allowed)
        {
            return lease;
        }

        lease.Dispose();
        return new Refused(retryAfter);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            local.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Refused(TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
