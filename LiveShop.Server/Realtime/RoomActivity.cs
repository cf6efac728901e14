using System.Collections.Concurrent;
using LiveShop.Shared;

namespace LiveShop.Server.Realtime;

/// <summary>
/// Counters that move too fast to store one by one: chat lines in the last minute, hearts not yet
/// written, and the per-user chat and per-connection reaction rate limits (token buckets).
/// Everything here expires: <see cref="Prune"/> (run by the stats loop) drops buckets that have filled up
/// again (a full bucket is the same as none), slow-mode times once they can no longer hold anyone back,
/// and empty chat counters, so a crowd that came and went leaves nothing behind.
/// </summary>
public sealed class RoomActivity(TimeProvider clock)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>How often <see cref="Prune"/> does its work at most.</summary>
    private static readonly TimeSpan PruneEvery = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<DateTimeOffset>> _chat = new();
    private readonly ConcurrentDictionary<Guid, int> _pendingReactions = new();
    private readonly ConcurrentDictionary<(Guid Show, Guid User), Bucket> _chatBuckets = new();
    private readonly ConcurrentDictionary<string, Bucket> _reactionBuckets = new();
    private readonly ConcurrentDictionary<(Guid Show, Guid User), Bucket> _questionBuckets = new();
    private readonly ConcurrentDictionary<(Guid Show, Guid User), Bucket> _voteBuckets = new();
    private readonly ConcurrentDictionary<(Guid Show, Guid User), LastLine> _lastLine = new();
    private DateTimeOffset _lastPruned = DateTimeOffset.MinValue;

    /// <summary>Entries held across all maps (for tests and diagnostics).</summary>
    internal int EntryCount =>
        _chat.Count + _pendingReactions.Count + _chatBuckets.Count + _reactionBuckets.Count + _questionBuckets.Count + _voteBuckets.Count + _lastLine.Count;

    /// <summary>Counts a posted line for chat-per-minute.</summary>
    public void ChatPosted(Guid showId, DateTimeOffset at) => _chat.GetOrAdd(showId, _ => new()).Enqueue(at);

    /// <summary>
    /// Remembers when a viewer last sent a line, posted or held (slow mode). Called under the room lock.
    /// Kept for the slow-mode interval, and at least a minute (slow mode turned on just after a line still counts it).
    /// </summary>
    public void LineSent(Guid showId, Guid userId, DateTimeOffset at, int slowModeSeconds) =>
        _lastLine[(showId, userId)] = new LastLine(at, at + TimeSpan.FromSeconds(Math.Max(60, slowModeSeconds)));

    /// <summary>Under slow mode, how long the user must still wait before their next line (null: they may post now).</summary>
    public TimeSpan? SlowModeWait(Guid showId, Guid userId, int slowModeSeconds)
    {
        if (slowModeSeconds <= 0 || !_lastLine.TryGetValue((showId, userId), out var last))
        {
            return null;
        }

        var wait = last.At + TimeSpan.FromSeconds(slowModeSeconds) - clock.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Takes one vote token for the user in this show: a burst of <see cref="Limits.VoteBurst"/>, then one per <see cref="Limits.VoteRefill"/>.</summary>
    public bool TryTakeVoteToken(Guid showId, Guid userId) =>
        _voteBuckets.GetOrAdd((showId, userId), _ => new Bucket(Limits.VoteBurst, Limits.VoteRefill, clock.GetUtcNow())).TryTake(clock.GetUtcNow());

    /// <summary>Takes one question token for the user in this show: a burst of <see cref="Limits.QuestionBurst"/>, then one per <see cref="Limits.QuestionRefill"/>.</summary>
    public bool TryTakeQuestionToken(Guid showId, Guid userId) =>
        _questionBuckets.GetOrAdd((showId, userId), _ => new Bucket(Limits.QuestionBurst, Limits.QuestionRefill, clock.GetUtcNow())).TryTake(clock.GetUtcNow());

    public int ChatPerMinute(Guid showId)
    {
        if (!_chat.TryGetValue(showId, out var times))
        {
            return 0;
        }

        var since = clock.GetUtcNow() - Minute;
        while (times.TryPeek(out var oldest) && oldest < since)
        {
            times.TryDequeue(out _);
        }

        return times.Count;
    }

    /// <summary>Takes one chat token for the user in this show: a burst of <see cref="Limits.ChatBurst"/>, then one a second.</summary>
    public bool TryTakeChatToken(Guid showId, Guid userId) =>
        _chatBuckets.GetOrAdd((showId, userId), _ => new Bucket(Limits.ChatBurst, Limits.ChatRefill, clock.GetUtcNow())).TryTake(clock.GetUtcNow());

    /// <summary>
    /// Counts a heart unless the connection sends more than <see cref="Limits.ReactionsPerSecond"/> a second,
    /// or <paramref name="addressAllows"/> (all connections of the caller's address) says no.
    /// </summary>
    public bool TryReact(Guid showId, string connectionId, Func<bool>? addressAllows = null)
    {
        var bucket = _reactionBuckets.GetOrAdd(connectionId, _ => new Bucket(Limits.ReactionsPerSecond, TimeSpan.FromSeconds(1.0 / Limits.ReactionsPerSecond), clock.GetUtcNow()));
        if (!bucket.TryTake(clock.GetUtcNow()) || addressAllows?.Invoke() == false)
        {
            return false;
        }

        _pendingReactions.AddOrUpdate(showId, 1, (_, n) => n + 1);
        return true;
    }

    /// <summary>Takes the hearts counted since the last call, per show.</summary>
    public IReadOnlyList<(Guid ShowId, int Count)> DrainReactions()
    {
        var drained = new List<(Guid, int)>();
        foreach (var showId in _pendingReactions.Keys)
        {
            if (_pendingReactions.TryRemove(showId, out var count) && count > 0)
            {
                drained.Add((showId, count));
            }
        }

        return drained;
    }

    public void ConnectionClosed(string connectionId) => _reactionBuckets.TryRemove(connectionId, out _);

    /// <summary>Drops what has expired (at most every few seconds; <paramref name="force"/> for tests).</summary>
    public void Prune(bool force = false)
    {
        var now = clock.GetUtcNow();
        if (!force && now - _lastPruned < PruneEvery)
        {
            return;
        }

        _lastPruned = now;
        PruneFull(_chatBuckets, now);
        PruneFull(_questionBuckets, now);
        PruneFull(_voteBuckets, now);
        PruneFull(_reactionBuckets, now);
        foreach (var (key, line) in _lastLine)
        {
            if (line.Until <= now)
            {
                _lastLine.TryRemove(new KeyValuePair<(Guid, Guid), LastLine>(key, line));
            }
        }

        foreach (var showId in _chat.Keys)
        {
            if (ChatPerMinute(showId) == 0 && _chat.TryGetValue(showId, out var times) && times.IsEmpty)
            {
                _chat.TryRemove(new KeyValuePair<Guid, ConcurrentQueue<DateTimeOffset>>(showId, times));
            }
        }
    }

    private static void PruneFull<TKey>(ConcurrentDictionary<TKey, Bucket> buckets, DateTimeOffset now)
        where TKey : notnull
    {
        foreach (var (key, bucket) in buckets)
        {
            if (bucket.IsFullAt(now))
            {
                // Only this very bucket: one taken from meanwhile is replaced by a full one at worst, which is what it was.
                buckets.TryRemove(new KeyValuePair<TKey, Bucket>(key, bucket));
            }
        }
    }

    private readonly record struct LastLine(DateTimeOffset At, DateTimeOffset Until);

    /// <summary>A token bucket; thread-safe.</summary>
    private sealed class Bucket(int capacity, TimeSpan refill, DateTimeOffset now)
    {
        private readonly Lock _gate = new();
        private double _tokens = capacity;
        private DateTimeOffset _updated = now;

        public bool TryTake(DateTimeOffset at)
        {
            lock (_gate)
            {
                if (at > _updated)
                {
                    _tokens = Math.Min(capacity, _tokens + ((at - _updated) / refill));
                    _updated = at;
                }

                if (_tokens < 1)
                {
                    return false;
                }

                _tokens -= 1;
                return true;
            }
        }

        public bool IsFullAt(DateTimeOffset at)
        {
            lock (_gate)
            {
                return _tokens + (at > _updated ? (at - _updated) / refill : 0) >= capacity;
            }
        }
    }
}
