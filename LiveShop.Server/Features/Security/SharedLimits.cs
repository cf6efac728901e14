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
    // One round trip: count the permit; the window starts with its first permit and ends when the key expires.
    private const string CountScript = """
        local c = redis.call('INCR', KEYS[1])
        if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
        return {c, ttl}
        """;

    private static readonly TimeProvider Clock = TimeProvider.System;

    /// <summary>Keys whose last count is remembered before the ended windows are swept.</summary>
    private const int RememberedKeys = 10_000;

    /// <summary>What Redis last said of each key's window (for <see cref="TryTake"/>).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<RedisKey, Count> _counts = new();

    public bool TryTake(string name, WindowLimit limit, string key, out TimeSpan retryAfter)
    {
        var (redisKey, windowMs) = Window(name, limit, key);
        var now = Clock.GetUtcNow();
        if (_counts.TryGetValue(redisKey, out var known) && known.Ends > now && known.Value >= limit.Permits)
        {
            retryAfter = known.Ends - now;
            return false;
        }

        retryAfter = TimeSpan.Zero;
        _ = CountAsync(name, redisKey, windowMs);
        return true;
    }

    private async Task CountAsync(string name, RedisKey redisKey, long windowMs)
    {
        try
        {
            var count = await CountInRedisAsync(redisKey, windowMs);
            if (_counts.Count >= RememberedKeys)
            {
                var now = Clock.GetUtcNow();
                foreach (var ended in _counts.Where(c => c.Value.Ends <= now).Select(c => c.Key).ToList())
                {
                    _counts.TryRemove(ended, out _);
                }
            }

            // Answers may come back out of order: within one window the higher count is the newer.
            _counts.AddOrUpdate(redisKey, count, (_, old) => count.Ends > old.Ends + TimeSpan.FromSeconds(1) || count.Value > old.Value ? count : old);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogAway(logger, name, e.Message);
        }
    }

    public async Task<(bool Allowed, TimeSpan RetryAfter)> TryTakeAsync(string name, WindowLimit limit, string key)
    {
        var (redisKey, windowMs) = Window(name, limit, key);
        try
        {
            var count = await CountInRedisAsync(redisKey, windowMs);
            return count.Value <= limit.Permits ? (true, TimeSpan.Zero) : (false, count.Ends - Clock.GetUtcNow());
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogAway(logger, name, e.Message);
            return (true, TimeSpan.Zero);
        }
    }

    private async Task<Count> CountInRedisAsync(RedisKey redisKey, long windowMs)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(CountScript, [redisKey], [windowMs]))!;
        return new Count((long)result[0], Clock.GetUtcNow().AddMilliseconds((long)result[1]));
    }

    private static (RedisKey Key, long WindowMs) Window(string name, WindowLimit limit, string key)
    {
        var windowMs = Math.Max(1000L, (long)limit.Window.TotalMilliseconds);
        var hashed = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 16);
        return ($"liveshop:limit:{name}:{windowMs}:{hashed}", windowMs);
    }

    /// <summary>Permits counted in a key's window, and when the window ends.</summary>
    private sealed record Count(long Value, DateTimeOffset Ends);

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
