using System.Globalization;
using LiveShop.Server.Features.Common;
using StackExchange.Redis;

namespace LiveShop.Server.Realtime.Scaleout;

/// <summary>
/// Adds up a room's numbers across instances. Once a second each instance writes, for each show it holds a room
/// of, its own count of people and chat lines a minute into a Redis hash (<c>liveshop:room:{show}</c>, one field per
/// instance, each stamped with when it goes stale) and reads the others' back: <see cref="RoomPresence"/> then counts
/// everyone, and the instance with the first name among those in the room is the one that pushes the room's
/// numbers (SignalR's group spans the instances), so a viewer gets one <c>RoomStats</c> a second, not one per
/// instance. An instance that stops writing (killed) drops out after <see cref="Stale"/>. With Redis down each
/// instance keeps the others' last numbers until they go stale, then counts its own.
/// <para>People with a connection on two instances count twice (rare: a phone and a laptop of one account).</para>
/// </summary>
public sealed partial class RoomViewerTotals(IConnectionMultiplexer redis, RoomPresence presence, RoomActivity activity, InstanceIdentity instance, ILogger<RoomViewerTotals> logger)
{
    /// <summary>An instance's numbers count this long after it wrote them.</summary>
    public static readonly TimeSpan Stale = TimeSpan.FromSeconds(5);

    /// <summary>A stale instance's numbers are deleted this long after they went stale.</summary>
    public static readonly TimeSpan Forgotten = TimeSpan.FromMinutes(1);

    /// <summary>A Redis round trip that takes longer is given up for this tick (the stats loop runs once a second).</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static readonly TimeProvider Clock = TimeProvider.System;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Elsewhere> _elsewhere = [];

    public static RedisKey Key(Guid showId) => "liveshop:room:" + showId.ToString("N");

    /// <summary>Chat lines a minute posted through the other instances.</summary>
    public int ChatElsewhere(Guid showId)
    {
        lock (_gate)
        {
            return _elsewhere.TryGetValue(showId, out var e) && e.FreshUntil > Clock.GetUtcNow() ? e.ChatPerMinute : 0;
        }
    }

    /// <summary>True when this instance pushes the show's numbers to the room (see the class summary).</summary>
    public bool Pushes(Guid showId)
    {
        lock (_gate)
        {
            return !_elsewhere.TryGetValue(showId, out var e) || e.FreshUntil <= Clock.GetUtcNow() || e.FirstInstance is null
                || string.CompareOrdinal(instance.Name, e.FirstInstance) <= 0;
        }
    }

    /// <summary>Writes this instance's numbers of each show and reads the others'.</summary>
    public async Task ExchangeAsync(IReadOnlyCollection<Guid> shows, CancellationToken cancellationToken)
    {
        if (shows.Count == 0)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        var staleAt = (now + Stale).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var batch = redis.GetDatabase().CreateBatch();
        List<(Guid ShowId, Task<HashEntry[]> Read)> reads = [];
        foreach (var showId in shows)
        {
            var key = Key(showId);
            var mine = string.Create(CultureInfo.InvariantCulture, $"{presence.CountHere(showId)}|{activity.ChatPerMinute(showId)}|{staleAt}");
            _ = batch.HashSetAsync(key, instance.Name, mine, flags: CommandFlags.FireAndForget);
            _ = batch.KeyExpireAsync(key, TimeSpan.FromMinutes(1), flags: CommandFlags.FireAndForget);
            reads.Add((showId, batch.HashGetAllAsync(key)));
        }

        batch.Execute();
        foreach (var (showId, read) in reads)
        {
            try
            {
                Apply(showId, await read.WaitAsync(Timeout, cancellationToken), now);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogExchangeFailed(logger, showId, e.Message);
                Forget(showId);
                return;
            }
        }
    }

    private void Apply(Guid showId, HashEntry[] entries, DateTimeOffset now)
    {
        var people = 0;
        var chat = 0;
        var first = instance.Name;
        foreach (var entry in entries)
        {
            var name = (string)entry.Name!;
            var parts = ((string?)entry.Value ?? "").Split('|');
            if (name == instance.Name)
            {
                continue;
            }

            var valid = parts.Length == 3
                & int.TryParse(parts.ElementAtOrDefault(0), CultureInfo.InvariantCulture, out var theirPeople)
                & int.TryParse(parts.ElementAtOrDefault(1), CultureInfo.InvariantCulture, out var theirChat)
                & long.TryParse(parts.ElementAtOrDefault(2), CultureInfo.InvariantCulture, out var staleAt);
            if (!valid || DateTimeOffset.FromUnixTimeMilliseconds(staleAt) <= now)
            {
                // A stopped or killed instance's numbers: not counted; deleted once well past (a restarted process has
                // a new name). Kept a while so a late tick is not mistaken for a death (the camera's sessions read them).
                if (!valid || DateTimeOffset.FromUnixTimeMilliseconds(staleAt) <= now - Forgotten)
                {
                    _ = redis.GetDatabase().HashDeleteAsync(Key(showId), entry.Name, CommandFlags.FireAndForget);
                }

                continue;
            }

            people += theirPeople;
            chat += theirChat;
            if (string.CompareOrdinal(name, first) < 0)
            {
                first = name;
            }
        }

        presence.SetElsewhere(showId, people);
        lock (_gate)
        {
            _elsewhere[showId] = new Elsewhere(chat, first, now + Stale);
        }
    }

    /// <summary>Forgets what the other instances said of a show once it is stale (call when the room here is gone).</summary>
    public void Forget(Guid showId)
    {
        lock (_gate)
        {
            if (_elsewhere.TryGetValue(showId, out var e) && e.FreshUntil <= Clock.GetUtcNow())
            {
                _elsewhere.Remove(showId);
                presence.SetElsewhere(showId, 0);
            }
        }
    }

    private sealed record Elsewhere(int ChatPerMinute, string FirstInstance, DateTimeOffset FreshUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exchanging room numbers of show {ShowId} with the other instances failed ({Reason}).")]
    private static partial void LogExchangeFailed(ILogger logger, Guid showId, string reason);
}
