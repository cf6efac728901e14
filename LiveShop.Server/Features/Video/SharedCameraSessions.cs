using System.Collections.Concurrent;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Realtime.Scaleout;
using LiveShop.Shared;
using LiveShop.Shared.Video;
using StackExchange.Redis;

namespace LiveShop.Server.Features.Video;

/// <summary>
/// The camera sessions of a site with several instances (docs/instances.md): one Redis hash per show
/// (<c>liveshop:camera:{show}</c>) holds the camera's connection and instance, the cap, the refusals, the number of
/// direct viewers and, per viewer, its stage, candidates spent and instance. Every change is one Lua script, so the
/// cap holds when viewers on several instances ask at once. The signalling messages go to the named connection,
/// wherever it is, through SignalR's Redis backplane.
/// <para>
/// An instance that dies cannot say goodbye for its connections. Its viewers' places are freed when the cap is
/// reached and their instance has not written its numbers of the room (<see cref="RoomViewerTotals"/>, each second)
/// for <see cref="DeadAfter"/>. A camera whose instance died stays the camera until its console, reconnected to
/// another instance, starts it again (viewers asking meanwhile wait for an offer; the restart tells them to ask
/// again). A leave that Redis does not answer is tried again in the background for a minute.
/// Keys are not hash-tagged: one Redis server (or a primary with replicas), not Redis Cluster.
/// </para>
/// </summary>
public sealed partial class SharedCameraSessions(IConnectionMultiplexer redis, InstanceIdentity instance, TimeProvider clock, ILogger<SharedCameraSessions> logger)
    : ICameraSessions
{
    /// <summary>
    /// An instance whose numbers of the room are this much past going stale is taken for dead (its stats tick may run
    /// late under load; a viewer wrongly freed would lose its video).
    /// </summary>
    public static readonly TimeSpan DeadAfter = TimeSpan.FromSeconds(15);

    /// <summary>A session outlives a forgotten stop by at most this long.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    // Is the instance that wrote the room's numbers as `inst` still alive? A session younger than the grace counts
    // as alive (its instance may not have written the room's numbers yet), and so does an instance whose numbers
    // went stale less than the grace ago (its stats tick may be late). ARGV[2] is the caller's own instance.
    private const string Alive = """
        local function alive(room, inst, since, now, grace)
          if inst == ARGV[2] or since > now - grace then return true end
          local v = redis.call('HGET', room, inst)
          if not v then return false end
          local at = tonumber(string.match(v, '|(%d+)$'))
          return at ~= nil and at > now - grace
        end
        local function viewers(key)
          local found = {}
          for _, f in ipairs(redis.call('HKEYS', key)) do
            if string.sub(f, 1, 2) == 'v:' then table.insert(found, string.sub(f, 3)) end
          end
          return found
        end
        """;

    // KEYS: camera. ARGV: connection, instance, now, cap, lifetime s.
    private const string StartScript = """
        local previous = redis.call('HGET', KEYS[1], 'host')
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'host', ARGV[1], 'hi', ARGV[2], 'since', ARGV[3], 'cap', ARGV[4], 'n', 0, 'refused', 0)
        redis.call('EXPIRE', KEYS[1], ARGV[5])
        return previous
        """;

    // KEYS: camera. ARGV: connection. Nil: not the camera.
    private const string StopScript = Alive + "\n" + """
        if redis.call('HGET', KEYS[1], 'host') ~= ARGV[1] then return false end
        local served = viewers(KEYS[1])
        redis.call('DEL', KEYS[1])
        return served
        """;

    // KEYS: camera, room. ARGV: viewer, instance, now, grace ms, lifetime s.
    // Returns {outcome, host, viewers, cap, refused, freed...}.
    private const string RequestScript = Alive + "\n" + """
        local host = redis.call('HGET', KEYS[1], 'host')
        if not host then return {'none'} end
        if host == ARGV[1] then return {'self', host} end
        local now = tonumber(ARGV[3])
        local stale = tonumber(ARGV[4])
        local cap = tonumber(redis.call('HGET', KEYS[1], 'cap'))
        local n = tonumber(redis.call('HGET', KEYS[1], 'n'))
        local freed = {}
        if redis.call('HEXISTS', KEYS[1], 'v:' .. ARGV[1]) == 0 then
          if n >= cap then
            local all = redis.call('HGETALL', KEYS[1])
            for i = 1, #all, 2 do
              if string.sub(all[i], 1, 2) == 'i:' then
                local inst, since = string.match(all[i + 1], '^(.*)|(%d+)$')
                if not alive(KEYS[2], inst, tonumber(since), now, stale) then
                  local gone = string.sub(all[i], 3)
                  redis.call('HDEL', KEYS[1], 'v:' .. gone, 'c:' .. gone, 'i:' .. gone)
                  n = n - 1
                  table.insert(freed, gone)
                end
              end
            end
            redis.call('HSET', KEYS[1], 'n', n)
          end
          if n >= cap then
            local refused = redis.call('HINCRBY', KEYS[1], 'refused', 1)
            local full = {'full', host, n, cap, refused}
            for _, gone in ipairs(freed) do table.insert(full, gone) end
            return full
          end
          n = redis.call('HINCRBY', KEYS[1], 'n', 1)
        end
        redis.call('HSET', KEYS[1], 'v:' .. ARGV[1], 0, 'c:' .. ARGV[1], 0, 'i:' .. ARGV[1], ARGV[2] .. '|' .. ARGV[3])
        redis.call('EXPIRE', KEYS[1], ARGV[5])
        local ok = {'ok', host, n, cap, tonumber(redis.call('HGET', KEYS[1], 'refused'))}
        for _, gone in ipairs(freed) do table.insert(ok, gone) end
        return ok
        """;

    // KEYS: camera. ARGV: host, viewer, stage.
    private const string AdvanceScript = """
        if redis.call('HGET', KEYS[1], 'host') ~= ARGV[1] or redis.call('HEXISTS', KEYS[1], 'v:' .. ARGV[2]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 'v:' .. ARGV[2], ARGV[3])
        return 1
        """;

    // KEYS: camera. ARGV: viewer, budget.
    private const string SpendScript = """
        local spent = redis.call('HGET', KEYS[1], 'c:' .. ARGV[1])
        if not spent or tonumber(spent) >= tonumber(ARGV[2]) then return 0 end
        redis.call('HINCRBY', KEYS[1], 'c:' .. ARGV[1], 1)
        return 1
        """;

    // KEYS: camera. ARGV: connection. Returns {'none'}, {'camera', viewers...} or {'viewer', host, viewers, cap, refused}.
    private const string LeaveScript = Alive + "\n" + """
        local host = redis.call('HGET', KEYS[1], 'host')
        if not host then return {'none'} end
        if host == ARGV[1] then
          local served = viewers(KEYS[1])
          redis.call('DEL', KEYS[1])
          table.insert(served, 1, 'camera')
          return served
        end
        if redis.call('HDEL', KEYS[1], 'v:' .. ARGV[1], 'c:' .. ARGV[1], 'i:' .. ARGV[1]) == 0 then return {'none'} end
        local n = redis.call('HINCRBY', KEYS[1], 'n', -1)
        return {'viewer', host, n, tonumber(redis.call('HGET', KEYS[1], 'cap')), tonumber(redis.call('HGET', KEYS[1], 'refused'))}
        """;

    // The shows in which each of this instance's connections is a camera or a direct viewer: what to leave when it disconnects.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, byte>> _involved = new();

    private static RedisKey Key(Guid showId) => "liveshop:camera:" + showId.ToString("N");

    public async ValueTask<(string? Replaced, CameraViewersDto Viewers)> StartAsync(Guid showId, string connectionId, int cap)
    {
        Involve(connectionId, showId);
        var previous = await RunAsync(StartScript, [Key(showId)], [connectionId, instance.Name, Now(), cap, (long)Lifetime.TotalSeconds]);
        var replaced = previous.IsNull ? null : (string?)previous;
        return (replaced == connectionId ? null : replaced, new CameraViewersDto(showId, 0, cap, 0));
    }

    public async ValueTask<IReadOnlyList<string>?> StopAsync(Guid showId, string connectionId)
    {
        var served = await RunAsync(StopScript, [Key(showId)], [connectionId, instance.Name]);
        if (served.IsNull)
        {
            return null;
        }

        Uninvolve(connectionId, showId);
        return [.. ((RedisResult[])served!).Select(v => (string)v!)];
    }

    public async ValueTask<CameraRequest> RequestAsync(Guid showId, string viewerConnectionId)
    {
        // Noted before asking: if the answer is lost (a timeout after the script ran), leaving still clears the place.
        Involve(viewerConnectionId, showId);
        var reply = (RedisResult[])(await RunAsync(RequestScript, [Key(showId), RoomViewerTotals.Key(showId)],
            [viewerConnectionId, instance.Name, Now(), (long)DeadAfter.TotalMilliseconds, (long)Lifetime.TotalSeconds]))!;
        var outcome = (string)reply[0]!;
        if (outcome == "none")
        {
            return new CameraRequest(CameraRequestOutcome.NotStarted, null, null, []);
        }

        var host = (string)reply[1]!;
        if (outcome == "self")
        {
            return new CameraRequest(CameraRequestOutcome.IsTheCamera, host, null, []);
        }

        var viewers = new CameraViewersDto(showId, (int)reply[2], (int)reply[3], (int)reply[4]);
        IReadOnlyList<string> freed = [.. reply.Skip(5).Select(v => (string)v!)];
        if (outcome == "full")
        {
            return new CameraRequest(CameraRequestOutcome.CapReached, host, viewers, freed);
        }

        return new CameraRequest(CameraRequestOutcome.Accepted, host, viewers, freed);
    }

    public async ValueTask<string?> CameraOfAsync(Guid showId)
    {
        var host = await CallAsync(db => db.HashGetAsync(Key(showId), "host"));
        return host.IsNull ? null : (string?)host;
    }

    public async ValueTask<CameraStage?> StageOfAsync(Guid showId, string viewerConnectionId)
    {
        var stage = await CallAsync(db => db.HashGetAsync(Key(showId), "v:" + viewerConnectionId));
        return stage.IsNull ? null : (CameraStage)(int)stage;
    }

    public async ValueTask<bool> AdvanceAsync(Guid showId, string host, string viewerConnectionId, CameraStage stage) =>
        (int)await RunAsync(AdvanceScript, [Key(showId)], [host, viewerConnectionId, (int)stage]) == 1;

    public async ValueTask<bool> SpendCandidateAsync(Guid showId, string viewerConnectionId) =>
        (int)await RunAsync(SpendScript, [Key(showId)], [viewerConnectionId, ICameraSessions.CandidateBudget]) == 1;

    public async ValueTask<IReadOnlyList<CameraDeparture>> LeaveAsync(string connectionId, Guid? showId = null)
    {
        // Only shows in which this connection asked for or started the camera (every leave of a room comes here).
        IEnumerable<Guid> shows = !_involved.TryGetValue(connectionId, out var all) ? []
            : showId is { } one ? all.ContainsKey(one) ? [one] : []
            : [.. all.Keys];
        var departures = new List<CameraDeparture>();
        foreach (var id in shows)
        {
            Uninvolve(connectionId, id);
            RedisResult[] reply;
            try
            {
                reply = (RedisResult[])(await RunAsync(LeaveScript, [Key(id)], [connectionId, instance.Name]))!;
            }
            catch (DomainException)
            {
                // Redis away: leaving never fails the caller; the place is freed when Redis answers again (nobody is
                // told then: the host's peer to a viewer that left fails by itself).
                _ = LeaveLaterAsync(connectionId, id);
                continue;
            }

            switch ((string)reply[0]!)
            {
                case "camera":
                    departures.Add(new CameraDeparture(id, null, [.. reply.Skip(1).Select(v => (string)v!)], null));
                    break;
                case "viewer":
                    departures.Add(new CameraDeparture(id, (string)reply[1]!, [], new CameraViewersDto(id, (int)reply[2], (int)reply[3], (int)reply[4])));
                    break;
            }
        }

        return departures;
    }

    /// <summary>Tries a lost leave again every few seconds for a minute.</summary>
    private async Task LeaveLaterAsync(string connectionId, Guid showId)
    {
        for (var attempt = 0; attempt < 12; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            try
            {
                await redis.GetDatabase().ScriptEvaluateAsync(LeaveScript, [Key(showId)], [connectionId, instance.Name]);
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogRedisFailed(logger, e.Message);
            }
            catch (ObjectDisposedException)
            {
                return;   // the server is stopping
            }
        }
    }

    private void Involve(string connectionId, Guid showId) =>
        _involved.GetOrAdd(connectionId, _ => new ConcurrentDictionary<Guid, byte>())[showId] = 0;

    private void Uninvolve(string connectionId, Guid showId)
    {
        if (_involved.TryGetValue(connectionId, out var shows) && shows.TryRemove(showId, out _) && shows.IsEmpty)
        {
            _involved.TryRemove(KeyValuePair.Create(connectionId, shows));
        }
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<RedisResult> RunAsync(string script, RedisKey[] keys, RedisValue[] values) =>
        CallAsync(db => db.ScriptEvaluateAsync(script, keys, values));

    /// <summary>One Redis call; Redis away or slow is a clear 503 to the caller (the camera's pages retry), not a 500.</summary>
    private async Task<T> CallAsync<T>(Func<IDatabase, Task<T>> call)
    {
        try
        {
            return await call(redis.GetDatabase());
        }
        catch (Exception e) when (e is RedisException and not RedisServerException or TimeoutException)
        {
            // (A RedisServerException is a script's or a command's own error: a bug to see, not an outage to retry.)
            LogRedisFailed(logger, e.Message);
            throw DomainException.Unavailable(ProblemCodes.CameraRelayUnavailable,
                "The host's camera cannot be reached right now. Please try again in a few seconds.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera sessions: Redis did not answer ({Reason})")]
    private static partial void LogRedisFailed(ILogger logger, string reason);
}
