using System.Collections.Concurrent;
using LiveShop.Server.Features.Common;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Realtime;

/// <summary>
/// Fan-out of stored room events, as <see cref="RoomFrame"/>s written to each connection of the show's
/// room on this instance (<see cref="RoomMembers"/>):
/// <list type="bullet">
/// <item>Commerce first: anything but chat and running counters (status, pins, flash prices starting and
/// ending, answers, moderation) wakes the loop at once; chat and the counters that change with every order
/// or tap (stock left, flash units sold, hearts) go at most once per <see cref="RoomOptions.FrameMilliseconds"/>, so
/// a sell-out of 100 orders is a few frames to the room, not 100.</item>
/// <item>Big rooms (<see cref="RoomOptions.BigRoomViewers"/>): each viewer is sent a sample of the chat
/// (<see cref="ChatSampler"/>) plus, always, their own lines and lines that mention them; the host and staff
/// get every line. Every line is stored either way and can be read back.</item>
/// <item>Bounded: a connection that cannot keep up is told to catch up instead of queueing frames
/// (<see cref="RoomConnection"/>); a frame is serialized once for everyone who gets the same one.</item>
/// <item>Only the sender gets its line's <c>clientMessageId</c> (it confirms the sender's own copy).</item>
/// </list>
/// Events must be queued in sequence order per show (the writer queues under the show's lock).
/// </summary>
public sealed partial class RoomBroadcaster(RoomMembers members, IOptions<RoomOptions> options, ILogger<RoomBroadcaster> logger, Features.Common.LiveShopMetrics? metrics = null) : BackgroundService
{
    /// <summary>Frames and chat budgets run on real time, whatever clock the shop's business runs on (tests fake that one).</summary>
    private static readonly TimeProvider Clock = TimeProvider.System;

    /// <summary>Rooms of this many connections are written to from several threads.</summary>
    private const int ParallelFanoutFrom = 2048;

    private readonly Lock _gate = new();
    private readonly WakeSignal _signal = new();
    private readonly WakeSignal _urgent = new();
    private readonly Dictionary<Guid, ShowFanout> _shows = [];
    private Dictionary<Guid, List<RoomEvent>> _pending = [];
    private bool _hasUrgent;

    /// <summary>Shows whose fan-out state this instance keeps (for tests and diagnostics): only shows with someone in the room.</summary>
    internal int ShowsTracked
    {
        get
        {
            lock (_gate)
            {
                return _shows.Count;
            }
        }
    }

    /// <summary>Queues events (already stored, in sequence order) for the show's room.</summary>
    public void Enqueue(Guid showId, IReadOnlyList<RoomEvent> events)
    {
        metrics?.RoomEvents(events.Count);
        var urgent = false;
        lock (_gate)
        {
            if (!_pending.TryGetValue(showId, out var queue))
            {
                _pending[showId] = queue = [];
            }

            queue.AddRange(events);
            foreach (var roomEvent in events)
            {
                urgent |= roomEvent is not (ChatPostedEvent or ProductStockEvent or FlashSaleUpdatedEvent or ReactionsEvent);
            }

            _hasUrgent |= urgent;
        }

        _signal.Set();
        if (urgent)
        {
            _urgent.Set();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var window = TimeSpan.FromMilliseconds(options.Value.FrameMilliseconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _signal.WaitAsync(stoppingToken);
                Flush();

                // Chat waits out the window; anything else queued meanwhile ends the wait.
                bool urgentQueued;
                lock (_gate)
                {
                    urgentQueued = _hasUrgent;
                }

                if (!urgentQueued)
                {
                    using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    var delay = Task.Delay(window, wake.Token);
                    var urgent = _urgent.WaitAsync(wake.Token);
                    await Task.WhenAny(delay, urgent);
                    await wake.CancelAsync();
                    await Task.WhenAll(delay, urgent).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Flush();
        }
    }

    /// <summary>Sends everything queued now (the loop calls it; tests may too).</summary>
    internal void Flush()
    {
        Dictionary<Guid, List<RoomEvent>> batch;
        lock (_gate)
        {
            _hasUrgent = false;
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = [];
        }

        Dictionary<Guid, List<RoomEvent>>? deferred = null;
        foreach (var (showId, events) in batch)
        {
            if (WaitsForBigRoomWindow(showId, events))
            {
                (deferred ??= [])[showId] = events;
                continue;
            }

            try
            {
                Send(showId, events);
            }
            catch (Exception e)
            {
                // The events are stored: the next frame starts after them, so every page sees a gap and resyncs.
                LogSendFailed(logger, e, showId, events.Count);
                lock (_gate)
                {
                    if (_shows.TryGetValue(showId, out var show))
                    {
                        show.After = Math.Max(show.After, events[^1].Sequence);
                        show.Through = Math.Max(show.Through, events[^1].Sequence);
                    }
                }
            }
        }

        if (deferred is not null)
        {
            // Back in front of anything queued meanwhile, in order; the loop comes round again after its window.
            lock (_gate)
            {
                foreach (var (showId, events) in deferred)
                {
                    if (_pending.TryGetValue(showId, out var newer))
                    {
                        events.AddRange(newer);
                    }

                    _pending[showId] = events;
                }
            }

            _signal.Set();
        }
    }

    private void Send(Guid showId, List<RoomEvent> events)
    {
        var room = members.In(showId);
        ShowFanout show;
        lock (_gate)
        {
            if (room.Count == 0)
            {
                // Nobody to send to: keep nothing for the show, or every show that ever had an event (stock
                // changes reach live shows nobody watches) stays for the life of the process. A page that joins
                // later reads these events itself; the next frame starts from them (see below).
                _shows.Remove(showId);
                return;
            }

            if (!_shows.TryGetValue(showId, out show!))
            {
                // Every page that joined before now holds at least everything before this batch.
                _shows[showId] = show = new ShowFanout(events[0].Sequence - 1, new ChatSampler(options.Value.ChatLinesPerSecond, Clock.GetUtcNow()));
            }
        }

        var through = events[^1].Sequence;
        var big = room.Count >= options.Value.BigRoomViewers;
        List<RoomEvent> common = [];
        List<RoomEvent> all = [];
        List<ChatPostedEvent> candidates = [];
        var staffLines = 0;
        Dictionary<Guid, List<ChatPostedEvent>>? own = null;
        foreach (var roomEvent in events)
        {
            if (roomEvent is not ChatPostedEvent chat)
            {
                common.Add(roomEvent);
                all.Add(roomEvent);
                continue;
            }

            var shared = chat.Message.ClientMessageId is null ? chat : chat with { Message = chat.Message with { ClientMessageId = null } };
            all.Add(shared);
            own ??= [];
            if (!own.TryGetValue(chat.Message.AuthorId, out var lines))
            {
                own[chat.Message.AuthorId] = lines = [];
            }

            lines.Add(chat);
            if (!big || chat.Message.AuthorRole is ChatAuthorRole.Host or ChatAuthorRole.Moderator)
            {
                common.Add(shared);
                staffLines++;
            }
            else
            {
                candidates.Add(shared);
            }
        }

        Dictionary<string, List<RoomEvent>>? mentions = null;
        if (big)
        {
            var picked = show.Sampler.Pick(candidates, staffLines, Clock.GetUtcNow(), Random.Shared);
            if (picked.Count > 0)
            {
                common.AddRange(picked);
                common.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
            }

            var pickedIds = picked.Select(p => p.Sequence).ToHashSet();
            foreach (var line in candidates)
            {
                if (pickedIds.Contains(line.Sequence))
                {
                    continue;
                }

                foreach (var mentioned in members.MentionedIn(showId, line.Message.Text))
                {
                    mentions ??= [];
                    if (!mentions.TryGetValue(mentioned.ConnectionId, out var list))
                    {
                        mentions[mentioned.ConnectionId] = list = [];
                    }

                    list.Add(line);
                }
            }
        }

        var after = show.After;
        // Built before the writes: everyone who gets the same frame shares one message (one serialization).
        var commonMessage = common.Count > 0 ? Message(showId, new RoomFrame(after, through, common)) : null;
        var allMessage = all.Count > 0 ? Message(showId, new RoomFrame(after, through, all)) : null;
        var maxQueued = options.Value.MaxQueuedFramesPerConnection;
        Func<SerializedHubMessage> catchUp = () => Message(showId, new RoomFrame(show.Through, show.Through, []));

        void SendTo(RoomMember member)
        {
            if (member.Connection is not { } connection)
            {
                return;
            }

            List<ChatPostedEvent>? mine = null;
            if (member.UserId is { } userId && own is not null)
            {
                own.TryGetValue(userId, out mine);
            }

            List<RoomEvent>? mentioned = null;
            mentions?.TryGetValue(member.ConnectionId, out mentioned);
            SerializedHubMessage? message;
            if (mine is null && mentioned is null)
            {
                message = member.SeesAllChat ? allMessage : commonMessage;
            }
            else
            {
                // Their own lines (with their clientMessageId) and lines that mention them, in order.
                var personal = new SortedDictionary<long, RoomEvent>();
                foreach (var roomEvent in member.SeesAllChat ? all : common)
                {
                    personal[roomEvent.Sequence] = roomEvent;
                }

                foreach (var line in (IEnumerable<RoomEvent>?)mentioned ?? [])
                {
                    personal[line.Sequence] = line;
                }

                foreach (var line in mine ?? [])
                {
                    personal[line.Sequence] = line;
                }

                message = Message(showId, new RoomFrame(after, through, [.. personal.Values]));
            }

            if (message is not null)
            {
                connection.Send(message, maxQueued, catchUp);
            }
        }

        if (room.Count >= ParallelFanoutFrom)
        {
            // Thousands of writes: spread over the cores (each connection is still written by one thread at a time).
            Parallel.ForEach(Partitioner.Create(0, room.Count, ParallelFanoutFrom / 2), range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    SendTo(room[i]);
                }
            });
        }
        else
        {
            foreach (var member in room)
            {
                SendTo(member);
            }
        }

        // Frames follow on from the last one everyone was sent: a batch everyone skipped (chat nobody was
        // sent) is covered by the next frame's range, so no page takes it for a gap.
        if (common.Count > 0)
        {
            show.After = through;
            show.LastSentAt = Clock.GetTimestamp();
        }

        show.Through = through;
    }

    /// <summary>
    /// A big room's chat-only batch waits until <see cref="RoomOptions.BigRoomFrameMilliseconds"/> after the
    /// room's last frame: ten thousand viewers cost a write each per frame, and a sampled chat reads as well
    /// in four frames a second as in twenty. Anything but chat never waits.
    /// </summary>
    private bool WaitsForBigRoomWindow(Guid showId, List<RoomEvent> events)
    {
        if (events.Any(e => e is not ChatPostedEvent) || members.Count(showId) < options.Value.BigRoomViewers)
        {
            return false;
        }

        lock (_gate)
        {
            return _shows.TryGetValue(showId, out var show)
                && Clock.GetElapsedTime(show.LastSentAt) < TimeSpan.FromMilliseconds(options.Value.BigRoomFrameMilliseconds);
        }
    }

    private static SerializedHubMessage Message(Guid showId, RoomFrame frame) =>
        new(new InvocationMessage(nameof(ILiveShowClient.RoomEvents), [showId, frame]));

    private sealed class ShowFanout(long after, ChatSampler sampler)
    {
        /// <summary>When the room was last sent a frame (<see cref="TimeProvider.GetTimestamp"/>).</summary>
        public long LastSentAt { get; set; }

        /// <summary>The end of the last frame the whole room was sent: the next frame follows on from it.</summary>
        public long After { get; set; } = after;

        /// <summary>The last sequence any frame covered.</summary>
        public long Through { get; set; } = after;

        public ChatSampler Sampler { get; } = sampler;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} room events of show {ShowId} failed; clients will resync.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid showId, int count);
}
