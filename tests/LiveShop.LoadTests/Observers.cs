using System.Diagnostics;

namespace LiveShop.LoadTests;

/// <summary>Fan-out: for every sequence number, when each viewer first received it.</summary>
public sealed class FanoutObserver(int viewers) : IRoomObserver
{
    private const int MaxSequence = 4096;

    private readonly Slot?[] _slots = new Slot?[MaxSequence];

    public void OnFrame(int viewer, ScannedFrame frame, long receivedAt, bool resync)
    {
        foreach (var sequence in frame.Sequences)
        {
            if (sequence is > 0 and < MaxSequence)
            {
                Get(sequence).Receive(viewer, receivedAt);
            }
        }
    }

    public Slot Get(long sequence)
    {
        var slot = Volatile.Read(ref _slots[sequence]);
        if (slot is null)
        {
            Interlocked.CompareExchange(ref _slots[sequence], new Slot(viewers), null);
            slot = Volatile.Read(ref _slots[sequence])!;
        }

        return slot;
    }

    public sealed class Slot(int viewers)
    {
        private readonly long[] _receivedAt = new long[viewers];
        private int _count;

        public int Count => Volatile.Read(ref _count);

        /// <summary>One viewer's frames arrive one after another, so only the first copy counts.</summary>
        public void Receive(int viewer, long at)
        {
            if (_receivedAt[viewer] == 0)
            {
                _receivedAt[viewer] = at;
                Interlocked.Increment(ref _count);
            }
        }

        /// <summary>Milliseconds from <paramref name="start"/> for each viewer that received it.</summary>
        public List<double> LatenciesMs(long start) =>
            [.. _receivedAt.Where(t => t != 0).Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds)];
    }
}

/// <summary>
/// Chat storm: message <c>i</c> carries <c>LT#i#</c> in its text; its send time is known, so every
/// delivery gives a latency. Deliveries go into a 1 ms histogram until <see cref="Close"/>. Per viewer it
/// counts the lines pushed to it (the big-room bound) and per message the viewers it reached (to check
/// that every line the policy sends arrives); commerce events (anything but chat) are timed per viewer by
/// sequence, like <see cref="FanoutObserver"/>.
/// </summary>
public sealed class ChatObserver : IRoomObserver
{
    private readonly long[] _sentAt;
    private readonly int[] _deliveredPerMessage;
    private readonly long[] _histogram;
    private readonly int[] _pushedPerViewer;
    private readonly int[] _pushedReach;
    private readonly long[] _seen;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, FanoutObserver.Slot> _commerce = new();
    private readonly int _viewers;
    private long _delivered;
    private long _late;
    private long _lastDeliveryAt;
    private long _resyncLines;
    private volatile bool _closed;

    public ChatObserver(int messages, int viewers, TimeSpan longest)
    {
        _sentAt = new long[messages];
        _deliveredPerMessage = new int[messages];
        _histogram = new long[(int)longest.TotalMilliseconds + 2];
        _pushedPerViewer = new int[viewers];
        _pushedReach = new int[messages];
        // One bit per (message, viewer): a line counts once per viewer (a resync's answer may repeat one).
        _seen = new long[(((long)messages * viewers) + 63) / 64];
        _viewers = viewers;
    }

    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Deliveries after <see cref="Close"/> (not counted).</summary>
    public long Late => Interlocked.Read(ref _late);

    /// <summary>Lines viewers got from a resync's answer rather than a pushed frame.</summary>
    public long ResyncLines => Interlocked.Read(ref _resyncLines);

    public long LastDeliveryAt => Interlocked.Read(ref _lastDeliveryAt);

    public void Sent(int message, long at) => Volatile.Write(ref _sentAt[message], at);

    public void Close() => _closed = true;

    public void OnFrame(int viewer, ScannedFrame frame, long receivedAt, bool resync)
    {
        foreach (var sequence in frame.CommerceSequences)
        {
            if (viewer < _viewers)
            {
                _commerce.GetOrAdd(sequence, _ => new FanoutObserver.Slot(_viewers)).Receive(viewer, receivedAt);
            }
        }

        foreach (var message in frame.ChatIndexes)
        {
            if ((uint)message >= (uint)_sentAt.Length)
            {
                continue;
            }

            if (_closed)
            {
                Interlocked.Increment(ref _late);
                continue;
            }

            if (viewer < _viewers)
            {
                var bit = ((long)message * _viewers) + viewer;
                var mask = 1L << (int)(bit & 63);
                if ((Interlocked.Or(ref _seen[bit >> 6], mask) & mask) != 0)
                {
                    continue;
                }
            }

            var sentAt = Volatile.Read(ref _sentAt[message]);
            var ms = sentAt == 0 ? 0 : (long)Stopwatch.GetElapsedTime(sentAt, receivedAt).TotalMilliseconds;
            Interlocked.Increment(ref _histogram[Math.Clamp(ms, 0, _histogram.Length - 1)]);
            Interlocked.Increment(ref _deliveredPerMessage[message]);
            Interlocked.Increment(ref _delivered);
            if (resync)
            {
                Interlocked.Increment(ref _resyncLines);
            }
            else if (viewer < _viewers)
            {
                Interlocked.Increment(ref _pushedPerViewer[viewer]);
                Interlocked.Increment(ref _pushedReach[message]);
            }

            if (receivedAt > Interlocked.Read(ref _lastDeliveryAt))
            {
                Interlocked.Exchange(ref _lastDeliveryAt, receivedAt);
            }
        }
    }

    /// <summary>When each viewer received the commerce event <paramref name="sequence"/> (created on first use).</summary>
    public FanoutObserver.Slot Commerce(long sequence) => _commerce.GetOrAdd(sequence, _ => new FanoutObserver.Slot(_viewers));

    /// <summary>Messages (of the first <paramref name="sent"/>) that reached at least <paramref name="viewers"/> viewers.</summary>
    public int MessagesReachingAll(int sent, int viewers) => _deliveredPerMessage.Take(sent).Count(n => n >= viewers);

    /// <summary>
    /// The lines the policy sent: those pushed to any viewer in a frame (a resync's answer carries every
    /// stored line, sampled or not), plus <paramref name="alwaysSent"/> (the host's, which go to everyone). Every viewer here is anonymous and in the room throughout, so each
    /// of them is owed every such line; <c>Missing</c> counts the deliveries owed that never came.
    /// </summary>
    public (int Lines, long Owed, long Missing) PolicyLines(IEnumerable<int> alwaysSent, int viewers)
    {
        var lines = new HashSet<int>(alwaysSent.Where(i => (uint)i < (uint)_sentAt.Length));
        for (var i = 0; i < _deliveredPerMessage.Length; i++)
        {
            if (Volatile.Read(ref _pushedReach[i]) > 0)
            {
                lines.Add(i);
            }
        }

        var missing = lines.Sum(i => (long)Math.Max(0, viewers - Volatile.Read(ref _deliveredPerMessage[i])));
        return (lines.Count, (long)lines.Count * viewers, missing);
    }

    /// <summary>Chat lines pushed to each of the first <paramref name="viewers"/> viewers (not counting resyncs).</summary>
    public IReadOnlyList<int> PushedPerViewer(int viewers) => _pushedPerViewer.Take(viewers).ToArray();

    /// <summary>
    /// The latency (ms, rounded up) at quantile <paramref name="q"/> of <paramref name="expected"/>
    /// deliveries; deliveries that never came count as slower than anything measured (null then).
    /// </summary>
    public long? Percentile(double q, long expected)
    {
        var rank = (long)Math.Ceiling(q * expected);
        long seen = 0;
        for (var ms = 0; ms < _histogram.Length; ms++)
        {
            seen += _histogram[ms];
            if (seen >= rank && rank > 0)
            {
                return ms + 1;
            }
        }

        return null;
    }
}
