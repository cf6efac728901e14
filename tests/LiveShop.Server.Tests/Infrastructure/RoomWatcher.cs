using System.Net;
using System.Threading.Channels;
using LiveShop.Client.State;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>
/// A real SignalR client in a show's room, like a viewer's page: it joins, keeps every pushed frame,
/// and applies everything through the client's own <see cref="ShowState"/>.
/// </summary>
public sealed class RoomWatcher : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<RoomEvent> _events = Channel.CreateUnbounded<RoomEvent>();
    private readonly Channel<RoomStats> _stats = Channel.CreateUnbounded<RoomStats>();

    /// <summary>The highest sequence a join has brought into the state: pushed events up to it are old news.</summary>
    private long _joinedThrough;

    private RoomWatcher(HubConnection connection, ShowState state)
    {
        Connection = connection;
        State = state;
        connection.On<Guid, RoomFrame>(nameof(ILiveShowClient.RoomEvents), (_, frame) =>
        {
            lock (State)
            {
                RoomFrames.Add(frame);
                Frames.Add(frame.Events);
                State.ApplyFrame(frame);
            }

            foreach (var roomEvent in frame.Events)
            {
                _events.Writer.TryWrite(roomEvent);
            }
        });
        connection.On<RoomStats>(nameof(ILiveShowClient.RoomStats), stats => _stats.Writer.TryWrite(stats));
    }

    public HubConnection Connection { get; }

    /// <summary>The client's room state, fed with joins and pushes.</summary>
    public ShowState State { get; }

    /// <summary>The events of every pushed frame, as received.</summary>
    public List<IReadOnlyList<RoomEvent>> Frames { get; } = [];

    /// <summary>Every pushed frame, as received.</summary>
    public List<RoomFrame> RoomFrames { get; } = [];

    public JoinResult? LastJoin { get; private set; }

    public static async Task<RoomWatcher> JoinAsync(LiveShopFactory factory, ShowDetailDto show, CookieContainer? cookies = null, ShowState? state = null)
    {
        state ??= new ShowState();
        if (state.Show is null)
        {
            state.Load(show);
        }

        var watcher = new RoomWatcher(await factory.ConnectAsync(cookies), state);
        await watcher.JoinAgainAsync();
        return watcher;
    }

    /// <summary>A connected page that has not joined yet (call <see cref="JoinAgainAsync"/>): for bursts of joins that should land together.</summary>
    public static async Task<RoomWatcher> ConnectAsync(LiveShopFactory factory, ShowDetailDto show, CookieContainer? cookies = null)
    {
        var state = new ShowState();
        state.Load(show);
        return new RoomWatcher(await factory.ConnectAsync(cookies), state);
    }

    /// <summary>(Re)joins with the last sequence the state applied, as the page does after a reconnect.</summary>
    public async Task<JoinResult> JoinAgainAsync()
    {
        long? after = State.LastSequence > 0 ? State.LastSequence : null;
        var join = await Connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), State.Show!.Id, after);
        lock (State)
        {
            State.ApplyJoin(join, DateTimeOffset.UtcNow);
        }

        LastJoin = join;
        _joinedThrough = Math.Max(_joinedThrough, State.LastSequence);
        return join;
    }

    /// <summary>
    /// The next pushed event of type <typeparamref name="T"/> (others are skipped), newer than what a join
    /// already brought: a frame fanned out just after the join can repeat events the join's snapshot holds.
    /// </summary>
    public async Task<T> NextAsync<T>(Func<T, bool>? match = null)
        where T : RoomEvent
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var next = await _events.Reader.ReadAsync(timeout.Token);
            if (next is T typed && next.Sequence > _joinedThrough && (match is null || match(typed)))
            {
                return typed;
            }
        }
    }

    /// <summary>The next stats push that satisfies <paramref name="match"/>.</summary>
    public async Task<RoomStats> StatsAsync(Func<RoomStats, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var stats = await _stats.Reader.ReadAsync(timeout.Token);
            if (match(stats))
            {
                return stats;
            }
        }
    }

    /// <summary>A stats push received and not yet read, if any.</summary>
    public bool TryReadStats(out RoomStats stats) => _stats.Reader.TryRead(out stats!);

    /// <summary>Waits until the state has applied everything up to <paramref name="sequence"/>.</summary>
    public async Task WaitForSequenceAsync(long sequence)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (State.LastSequence < sequence)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Applied up to {State.LastSequence}, expected {sequence}.");
            await Task.Delay(20);
        }
    }

    public bool HasPendingEvents => _events.Reader.TryPeek(out _);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
