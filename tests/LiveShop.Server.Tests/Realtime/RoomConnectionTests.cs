using LiveShop.Server.Realtime;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveShop.Server.Tests.Realtime;

/// <summary>
/// A connection whose socket stops draining must not hold frames without a bound: past
/// <see cref="RoomOptions.MaxQueuedFramesPerConnection"/> it is "behind", its queue is dropped, and once the
/// socket drains it is sent one empty frame saying where the room is, so the page resyncs by sequence.
/// A real socket is hard to stall, so the connection here is a hub connection whose writes wait until told.
/// </summary>
public class RoomConnectionTests
{
    private static readonly Guid Show = Guid.NewGuid();
    private const int MaxQueued = 3;

    [Fact]
    public async Task Send_SocketStalled_QueueIsBoundedThenOneCatchUpFrameAfterTheDrain()
    {
        var socket = new StallingConnection();
        var connection = new RoomConnection(socket);
        var roomIsAt = 0L;
        SerializedHubMessage CatchUp() => Frame(roomIsAt, roomIsAt);

        // The first frame is being written (stalled); three more may wait behind it.
        Assert.True(connection.Send(Frame(0, 1), MaxQueued, CatchUp));
        for (var through = 2; through <= 1 + MaxQueued; through++)
        {
            Assert.True(connection.Send(Frame(through - 1, through), MaxQueued, CatchUp));
        }

        Assert.Equal(0, connection.CatchUps);

        // One more is one too many: the connection is behind, and what waited is dropped.
        Assert.False(connection.Send(Frame(4, 5), MaxQueued, CatchUp));
        Assert.Equal(1, connection.CatchUps);
        for (var through = 6; through <= 40; through++)
        {
            roomIsAt = through;
            Assert.False(connection.Send(Frame(through - 1, through), MaxQueued, CatchUp));
        }

        Assert.Equal(1, connection.CatchUps);
        Assert.Equal([1L], socket.Written.Select(f => f.Through));

        socket.Drain();
        await socket.WaitForAsync(2);

        // Nothing that was dropped is written after all: the next frame says "the room is at 40", with no events,
        // which a page that stands at 1 takes for a gap (After 40 > 1) and answers by resyncing.
        var catchUp = socket.Written[1];
        Assert.Equal(40, catchUp.After);
        Assert.Equal(40, catchUp.Through);
        Assert.Empty(catchUp.Events);
        Assert.Equal(2, socket.Written.Count);

        // Caught up, it is sent frames again at once.
        Assert.True(connection.Send(Frame(40, 41), MaxQueued, CatchUp));
        await socket.WaitForAsync(3);
        Assert.Equal(41, socket.Written[2].Through);
        Assert.Equal(1, connection.CatchUps);
    }

    [Fact]
    public async Task Send_SocketSlowButDraining_EveryFrameWrittenInOrder()
    {
        var socket = new StallingConnection();
        var connection = new RoomConnection(socket);
        SerializedHubMessage CatchUp() => throw new InvalidOperationException("A connection that keeps up is never told to catch up.");

        Assert.True(connection.Send(Frame(0, 1), MaxQueued, CatchUp));
        Assert.True(connection.Send(Frame(1, 2), MaxQueued, CatchUp));
        Assert.True(connection.Send(Frame(2, 3), MaxQueued, CatchUp));
        socket.Drain();
        await socket.WaitForAsync(3);
        for (var through = 4; through <= 50; through++)
        {
            Assert.True(connection.Send(Frame(through - 1, through), MaxQueued, CatchUp));
        }

        await socket.WaitForAsync(50);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), socket.Written.Select(f => f.Through));
        Assert.Equal(0, connection.CatchUps);
    }

    [Fact]
    public async Task Send_BehindTwice_CountsTwoCatchUps()
    {
        var socket = new StallingConnection();
        var connection = new RoomConnection(socket);
        var roomIsAt = 0L;
        SerializedHubMessage CatchUp() => Frame(roomIsAt, roomIsAt);

        for (var round = 1; round <= 2; round++)
        {
            socket.Stall();
            for (var i = 0; i < MaxQueued + 3; i++)
            {
                roomIsAt++;
                connection.Send(Frame(roomIsAt - 1, roomIsAt), MaxQueued, CatchUp);
            }

            Assert.Equal(round, connection.CatchUps);
            var written = socket.Written.Count;
            socket.Drain();
            await socket.WaitForAsync(written + 1);
            Assert.Equal(roomIsAt, socket.Written[^1].Through);
            Assert.Empty(socket.Written[^1].Events);
        }
    }

    private static SerializedHubMessage Frame(long after, long through) =>
        new(new InvocationMessage(nameof(ILiveShowClient.RoomEvents), [Show, new RoomFrame(after, through, [])]));

    /// <summary>A hub connection whose writes hang (like a socket whose peer stopped reading) until <see cref="Drain"/>.</summary>
    private sealed class StallingConnection() : HubConnectionContext(new DefaultConnectionContext("stalled-" + Guid.NewGuid().ToString("N")), new HubConnectionContextOptions(), NullLoggerFactory.Instance)
    {
        private readonly Lock _gate = new();
        private readonly List<RoomFrame> _written = [];
        private TaskCompletionSource? _flushing;
        private bool _stalled = true;

        public IReadOnlyList<RoomFrame> Written
        {
            get
            {
                lock (_gate)
                {
                    return [.. _written];
                }
            }
        }

        public override ValueTask WriteAsync(SerializedHubMessage message, CancellationToken cancellationToken = default)
        {
            var frame = (RoomFrame)((InvocationMessage)message.Message!).Arguments[1]!;
            lock (_gate)
            {
                _written.Add(frame);
                if (!_stalled)
                {
                    return ValueTask.CompletedTask;
                }

                _flushing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return new ValueTask(_flushing.Task);
            }
        }

        public void Stall()
        {
            lock (_gate)
            {
                _stalled = true;
            }
        }

        public void Drain()
        {
            TaskCompletionSource? flushing;
            lock (_gate)
            {
                _stalled = false;
                flushing = _flushing;
            }

            flushing?.TrySetResult();
        }

        public async Task WaitForAsync(int count)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (Written.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{Written.Count} frames written, expected {count}.");
                await Task.Delay(10);
            }

            // Anything more would be written right behind: give it a moment to show up in the assertions.
            await Task.Delay(50);
        }
    }
}
