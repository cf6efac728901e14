using Microsoft.AspNetCore.SignalR;

namespace LiveShop.Server.Realtime;

/// <summary>
/// One hub connection as the room engine writes to it: a frame is written at once when the connection
/// keeps up; while a write is still flushing, a few more wait (<see cref="RoomOptions.MaxQueuedFramesPerConnection"/>);
/// past that the connection is behind, its queue is dropped, and once it drains it is told to catch up
/// by sequence. So no connection ever holds more than a few frames of server memory.
/// </summary>
public sealed class RoomConnection(HubConnectionContext context)
{
    private readonly Lock _gate = new();
    private readonly Queue<SerializedHubMessage> _queue = new();
    private bool _writing;
    private bool _behind;
    private Func<SerializedHubMessage>? _catchUp;

    /// <summary>Ends the connection (the instance is stopping); the client sees it close and reconnects.</summary>
    public void Close() => context.Abort();

    /// <summary>Times this connection fell behind and was sent to catch up (for tests and diagnostics).</summary>
    public int CatchUps { get; private set; }

    /// <summary>Sends a frame, or queues it behind one still being written; false when the connection is behind (the frame is not kept).</summary>
    /// <param name="message">The frame.</param>
    /// <param name="maxQueued">Frames that may wait behind a write in progress.</param>
    /// <param name="catchUp">Builds the frame that tells the connection to catch up, once it drains (called then, so it says where the room is by then).</param>
    public bool Send(SerializedHubMessage message, int maxQueued, Func<SerializedHubMessage> catchUp)
    {
        lock (_gate)
        {
            if (_behind)
            {
                _catchUp = catchUp;
                return false;
            }

            if (_writing)
            {
                if (_queue.Count >= maxQueued)
                {
                    // Too slow to keep up: drop what waits, and catch up from the stored events once the socket drains.
                    _queue.Clear();
                    _behind = true;
                    _catchUp = catchUp;
                    CatchUps++;
                    return false;
                }

                _queue.Enqueue(message);
                return true;
            }

            _writing = true;
        }

        Write(message);
        return true;
    }

    private void Write(SerializedHubMessage message)
    {
        ValueTask write;
        try
        {
            write = context.WriteAsync(message);
        }
        catch (Exception)
        {
            // A closing connection: its own teardown removes it.
            Done();
            return;
        }

        if (write.IsCompletedSuccessfully)
        {
            Next();
        }
        else
        {
            _ = AwaitAsync(write);
        }
    }

    private async Task AwaitAsync(ValueTask write)
    {
        try
        {
            await write;
        }
        catch (Exception)
        {
            Done();
            return;
        }

        Next();
    }

    /// <summary>Writes what waits, one at a time; the catch-up notice when the connection was behind.</summary>
    private void Next()
    {
        while (true)
        {
            SerializedHubMessage next;
            lock (_gate)
            {
                if (_queue.TryDequeue(out var queued))
                {
                    next = queued;
                }
                else if (_behind && _catchUp is { } catchUp)
                {
                    _behind = false;
                    _catchUp = null;
                    next = catchUp();
                }
                else
                {
                    _writing = false;
                    return;
                }
            }

            ValueTask write;
            try
            {
                write = context.WriteAsync(next);
            }
            catch (Exception)
            {
                Done();
                return;
            }

            if (!write.IsCompletedSuccessfully)
            {
                _ = AwaitAsync(write);
                return;
            }
        }
    }

    private void Done()
    {
        lock (_gate)
        {
            _queue.Clear();
            _writing = false;
        }
    }
}
