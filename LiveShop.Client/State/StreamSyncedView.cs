using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.State;

/// <summary>
/// The room's commerce (pins and flash sales) as of the moment the viewer's video is showing. An HLS
/// stream runs seconds behind real time, so a pin applied the instant it happens would appear before the
/// viewer sees the host talk about it. While the player reports a playing date (the stream's
/// <c>EXT-X-PROGRAM-DATE-TIME</c>), pin and flash-sale events (starts, updates and ends, so their order
/// is kept) are held until that date reaches the event's server time, or for <see cref="Cap"/> at most.
/// Everything else (chat, questions, reactions, status) is never held: <see cref="ShowState"/> applies
/// it at once, as before. Without a playing date (MP4, camera, a stream without dates) this view passes
/// the room through unchanged.
/// </summary>
/// <remarks>
/// <see cref="ShowState"/> still applies every event strictly in sequence; this is only a view over it
/// and never changes it. A flash price is shown only while it runs by the server's clock, even if its
/// end is still held: a viewer is never offered a price the server would refuse.
/// </remarks>
public sealed class StreamSyncedView : IDisposable
{
    /// <summary>The longest an event is held, however far behind the video is.</summary>
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    private readonly ShowState _state;
    private readonly TimeProvider _time;
    private readonly Queue<RoomEvent> _held = new();
    private readonly RoomCommerce _commerce = new();
    private ITimer? _capTimer;

    public StreamSyncedView(ShowState state, TimeProvider time)
    {
        _state = state;
        _time = time;
        _state.EventApplied += OnEventApplied;
        _state.Rebased += Rebase;
        Rebase();
    }

    /// <summary>Raised when what this view shows changed on its own (held events released by time or by the video).</summary>
    public event Action? Changed;

    /// <summary>The date of the frame the viewer sees (server clock), or null when the stream carries none.</summary>
    public DateTimeOffset? PlayingDate { get; private set; }

    /// <summary>How far the video runs behind the room (server now − playing date), measured at the last report.</summary>
    public TimeSpan? Delay { get; private set; }

    /// <summary>Events waiting for the video to catch up.</summary>
    public int HeldCount => _held.Count;

    /// <summary>The pinned products as of the playing date, in pin order.</summary>
    public IReadOnlyList<Guid> Pinned => _commerce.Pinned;

    /// <summary>The pinned products as lineup items, in pin order.</summary>
    public IEnumerable<LineupItemDto> PinnedItems => _commerce.Pinned.Select(_state.ItemFor).OfType<LineupItemDto>();

    /// <summary>The running sale on a product as of the playing date, if it still runs by the server's clock.</summary>
    public FlashSaleDto? SaleFor(Guid productId, DateTimeOffset deviceNow) => _commerce.RunningSale(productId, _state.ServerNow(deviceNow));

    /// <summary>
    /// The player's playing date (device-independent: the stream's own clock, assumed to be the server's),
    /// or null when it has none (no dates in the stream, player stopped): then nothing is held.
    /// </summary>
    public void SetPlayingDate(DateTimeOffset? playingDate)
    {
        PlayingDate = playingDate;
        Delay = playingDate is { } date ? _state.ServerNow(_time.GetUtcNow()) - date : null;
        if (Release())
        {
            Changed?.Invoke();
        }
    }

    /// <summary>True for the events this view holds until the video shows them.</summary>
    public static bool IsHeld(RoomEvent roomEvent) => RoomCommerce.Handles(roomEvent);

    private void OnEventApplied(RoomEvent roomEvent)
    {
        if (roomEvent is ShowStatusEvent { Status: ShowStatus.Ended })
        {
            // The show is over: the video stops, nothing is worth waiting for.
            Rebase();
            return;
        }

        if (!IsHeld(roomEvent))
        {
            return;
        }

        _held.Enqueue(roomEvent);
        Release();
        ArmCapTimer();
    }

    /// <summary>Applies the held events that are due, in order; the first one not due stops the rest.</summary>
    private bool Release()
    {
        var serverNow = _state.ServerNow(_time.GetUtcNow());
        var released = false;
        while (_held.TryPeek(out var next) && IsDue(next, serverNow))
        {
            _commerce.Apply(_held.Dequeue());
            released = true;
        }

        if (_held.Count == 0)
        {
            DisarmCapTimer();
        }

        return released;
    }

    private bool IsDue(RoomEvent roomEvent, DateTimeOffset serverNow) =>
        PlayingDate is not { } playing || playing >= roomEvent.At || serverNow >= roomEvent.At + Cap;

    /// <summary>Starts over from the room as it is now (a snapshot is the present: nothing in it is held).</summary>
    private void Rebase()
    {
        _held.Clear();
        DisarmCapTimer();
        _commerce.Reset(_state.Pinned, _state.Sales.Values);
    }

    /// <summary>Releases the oldest held event when its cap runs out, even if the video stalls meanwhile.</summary>
    private void ArmCapTimer()
    {
        if (!_held.TryPeek(out var oldest))
        {
            return;
        }

        var due = oldest.At + Cap - _state.ServerNow(_time.GetUtcNow());
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        _capTimer ??= _time.CreateTimer(_ => OnCapElapsed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _capTimer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void OnCapElapsed()
    {
        if (Release())
        {
            Changed?.Invoke();
        }

        ArmCapTimer();
    }

    private void DisarmCapTimer() => _capTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _state.EventApplied -= OnEventApplied;
        _state.Rebased -= Rebase;
        _capTimer?.Dispose();
    }
}
