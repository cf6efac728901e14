using System.Text.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace LiveShop.Server.Realtime.Scaleout;

/// <summary>
/// Carries committed room events between instances: each instance publishes what it committed on one Redis
/// channel and fans out to its own members both its own events and the others' (<see cref="RoomBroadcaster"/>),
/// in sequence order per show. Redis is fast, not trusted:
/// <list type="bullet">
/// <item>Events that arrive ahead of a missing one wait for it <see cref="GapWait"/>, then the missing ones are read
/// from the database (they are committed: the show's row lock lets a change commit only after the one before).</item>
/// <item>Once a <see cref="CheckInterval"/> every show with members here is compared with the database's last
/// sequence and caught up from it, so a room converges within about a second even while Redis is down, and
/// whatever was published while it was down is never needed.</item>
/// </list>
/// Observers (<see cref="IRoomObserver"/>) see every instance's events, in the same order, before the broadcast.
/// </summary>
public sealed partial class RoomRelay(
    IConnectionMultiplexer redis,
    RoomBroadcaster broadcaster,
    IEnumerable<IRoomObserver> observers,
    RoomMembers members,
    IServiceScopeFactory scopes,
    InstanceIdentity instance,
    ILogger<RoomRelay> logger) : BackgroundService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("liveshop:room-events");

    /// <summary>How long events that came ahead of a missing one wait for it before it is read from the database.</summary>
    public static readonly TimeSpan GapWait = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the rooms of this instance are checked against the database.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>Events held for a missing one, per show; more, and the show is caught up from the database instead.</summary>
    private const int MaxWaiting = 2000;

    /// <summary>Events read from the database at once while catching a room up.</summary>
    private const int CatchUpPage = 500;

    /// <summary>State of a show nobody here watches is dropped after this long without an event.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeProvider Clock = TimeProvider.System;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, ShowState> _shows = [];
    private readonly IRoomObserver[] _observers = [.. observers];

    /// <summary>Events delivered after being read from the database rather than received (for tests and diagnostics).</summary>
    internal long CaughtUpFromDatabase;

    /// <summary>The last sequence this instance has delivered for the show (0 when none).</summary>
    internal long Delivered(Guid showId)
    {
        lock (_gate)
        {
            return _shows.TryGetValue(showId, out var show) ? show.Through : 0;
        }
    }

    /// <summary>
    /// A page joined the show's room here with everything up to <paramref name="through"/> (read from the database):
    /// a show this instance knew nothing of is delivered from there on, so nothing after the join is skipped.
    /// </summary>
    public void Joined(Guid showId, long through)
    {
        lock (_gate)
        {
            if (!_shows.ContainsKey(showId))
            {
                _shows[showId] = new ShowState(through);
            }
        }
    }

    /// <summary>Called by the writer after its commit, in sequence order for this instance: delivers here, then tells the others.</summary>
    public void Committed(Guid showId, IReadOnlyList<RoomEvent> events)
    {
        Deliver(showId, events);
        try
        {
            var message = JsonSerializer.SerializeToUtf8Bytes(new RelayMessage(instance.Name, showId, [.. events]), Json);
            redis.GetSubscriber().Publish(Channel, message, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            // The other instances read these from the database within a second (see the class summary).
            LogPublishFailed(logger, showId, e.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await SubscribeAsync();
        using var timer = new PeriodicTimer(CheckInterval / 4);
        var lastCheck = Clock.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var full = Clock.GetElapsedTime(lastCheck) >= CheckInterval;
                    await CheckAsync(full, stoppingToken);
                    if (full)
                    {
                        lastCheck = Clock.GetTimestamp();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogCheckFailed(logger, e.GetType().Name, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Subscribes once. The client keeps the subscription and makes it again whenever it (re)connects, even when this
    /// first attempt fails because Redis is away; the rooms catch up from the database meanwhile.
    /// </summary>
    private async Task SubscribeAsync()
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Received(message));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogSubscribeFailed(logger, e.Message);
        }
    }

    private void Received(RedisValue value)
    {
        RelayMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<RelayMessage>((byte[])value!, Json);
        }
        catch (JsonException e)
        {
            LogBadMessage(logger, e.Message);
            return;
        }

        if (message is null || message.Instance == instance.Name || message.Events.Length == 0)
        {
            return;
        }

        Deliver(message.ShowId, message.Events);
    }

    private void Deliver(Guid showId, IReadOnlyList<RoomEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (!_shows.TryGetValue(showId, out var show))
            {
                // First news of the show here: its members (if any) joined with a snapshot from the database, so
                // whatever came before is theirs already; if something just before is missing, pages resync.
                _shows[showId] = show = new ShowState(events[0].Sequence - 1);
            }

            foreach (var roomEvent in events)
            {
                if (roomEvent.Sequence > show.Through)
                {
                    show.Waiting[roomEvent.Sequence] = roomEvent;
                }
            }

            if (show.Waiting.Count > MaxWaiting)
            {
                // Far ahead of what this instance has (or nonsense): keep nothing, the database has it all.
                show.Waiting.Clear();
                show.CatchUpNow = true;
            }

            DrainLocked(showId, show);
        }
    }

    /// <summary>Sends on whatever follows on from the last delivered event; notes when a gap started.</summary>
    private void DrainLocked(Guid showId, ShowState show)
    {
        List<RoomEvent>? run = null;
        while (show.Waiting.Remove(show.Through + 1, out var next))
        {
            (run ??= []).Add(next);
            show.Through = next.Sequence;
        }

        // Anything older than the last delivered (a duplicate, or read from the database meanwhile) goes.
        foreach (var stale in show.Waiting.Keys.Where(k => k <= show.Through).ToList())
        {
            show.Waiting.Remove(stale);
        }

        show.GapSince = show.Waiting.Count == 0 ? null : show.GapSince ?? Clock.GetTimestamp();
        show.LastEventAt = Clock.GetTimestamp();
        if (run is null)
        {
            return;
        }

        foreach (var observer in _observers)
        {
            observer.Observe(showId, run);
        }

        broadcaster.Enqueue(showId, run);
    }

    /// <summary>
    /// Fills gaps that waited long enough; on a full check also catches up every room with members here from
    /// the database, and forgets shows nobody here watches.
    /// </summary>
    internal async Task CheckAsync(bool full, CancellationToken cancellationToken)
    {
        List<Guid> behind = [];
        var watched = full ? members.Shows.ToHashSet() : [];
        lock (_gate)
        {
            foreach (var (showId, show) in _shows)
            {
                if (show.CatchUpNow || (show.GapSince is { } since && Clock.GetElapsedTime(since) >= GapWait))
                {
                    show.CatchUpNow = false;
                    behind.Add(showId);
                }
            }

            if (full)
            {
                foreach (var showId in _shows.Keys.ToList())
                {
                    if (!watched.Contains(showId) && Clock.GetElapsedTime(_shows[showId].LastEventAt) > Idle)
                    {
                        _shows.Remove(showId);
                    }
                }
            }
        }

        bool anyState;
        lock (_gate)
        {
            anyState = _shows.Count > 0;
        }

        if (behind.Count == 0 && watched.Count == 0 && !(full && anyState))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        List<Guid> ids;
        lock (_gate)
        {
            ids = full ? [.. watched.Union(_shows.Keys)] : [];
        }

        if (ids.Count > 0)
        {
            var last = await db.RoomEvents.AsNoTracking()
                .Where(e => ids.Contains(e.ShowId))
                .GroupBy(e => e.ShowId)
                .Select(g => new { ShowId = g.Key, Last = g.Max(e => e.Sequence) })
                .ToListAsync(cancellationToken);
            lock (_gate)
            {
                foreach (var row in last)
                {
                    if (!_shows.TryGetValue(row.ShowId, out var show))
                    {
                        // Members here but no state (they joined before it was kept): deliver from the stored room on.
                        _shows[row.ShowId] = new ShowState(row.Last);
                    }
                    else if (row.Last > show.Through && !behind.Contains(row.ShowId))
                    {
                        behind.Add(row.ShowId);
                    }
                }
            }
        }

        foreach (var showId in behind)
        {
            await CatchUpAsync(db, showId, cancellationToken);
        }
    }

    private async Task CatchUpAsync(LiveShopDbContext db, Guid showId, CancellationToken cancellationToken)
    {
        while (true)
        {
            long through;
            lock (_gate)
            {
                if (!_shows.TryGetValue(showId, out var show))
                {
                    return;
                }

                through = show.Through;
            }

            var records = await db.RoomEvents.AsNoTracking()
                .Where(e => e.ShowId == showId && e.Sequence > through)
                .OrderBy(e => e.Sequence)
                .Take(CatchUpPage)
                .ToListAsync(cancellationToken);
            if (records.Count == 0)
            {
                return;
            }

            Interlocked.Add(ref CaughtUpFromDatabase, records.Count);
            Deliver(showId, [.. records.Select(r => r.ToEvent())]);
            if (records.Count < CatchUpPage)
            {
                return;
            }
        }
    }

    private sealed record RelayMessage(string Instance, Guid ShowId, RoomEvent[] Events);

    private sealed class ShowState(long through)
    {
        /// <summary>The last sequence delivered to this instance's room.</summary>
        public long Through { get; set; } = through;

        /// <summary>Events received ahead of a missing one.</summary>
        public SortedDictionary<long, RoomEvent> Waiting { get; } = [];

        /// <summary>Since when events have been waiting for a missing one (<see cref="TimeProvider.GetTimestamp"/>), or null.</summary>
        public long? GapSince { get; set; }

        /// <summary>Too much came ahead of a missing event: read the room from the database at the next check.</summary>
        public bool CatchUpNow { get; set; }

        public long LastEventAt { get; set; } = Clock.GetTimestamp();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing room events of show {ShowId} to the other instances failed ({Reason}); they catch up from the database.")]
    private static partial void LogPublishFailed(ILogger logger, Guid showId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to the other instances' room events failed ({Reason}); the client subscribes when Redis is back. Rooms catch up from the database meanwhile.")]
    private static partial void LogSubscribeFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A room event message from Redis could not be read ({Reason}); rooms catch up from the database.")]
    private static partial void LogBadMessage(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the rooms against the database failed: {Kind} {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string kind, string reason);
}
