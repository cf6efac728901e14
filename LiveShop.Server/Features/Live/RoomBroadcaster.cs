using LiveShop.Server.Features.Common;
using LiveShop.Server.Hubs;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// Coalesced fan-out. Stored events are queued per show; one loop sends each show's queue to its
/// group as a single <see cref="ILiveShowClient.RoomEvents"/> frame, then waits
/// <see cref="Window"/> before the next frame. The first event after a quiet spell goes out at once;
/// a chat storm becomes one frame per window per show instead of one send per message per viewer.
/// </summary>
public sealed partial class RoomBroadcaster(IHubContext<LiveShowHub, ILiveShowClient> hub, ILogger<RoomBroadcaster> logger) : BackgroundService
{
    /// <summary>At most one frame per show per window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(50);

    private readonly Lock _gate = new();
    private readonly WakeSignal _signal = new();
    private Dictionary<Guid, List<RoomEvent>> _pending = [];

    /// <summary>Queues events (already stored, in sequence order) for the show's group.</summary>
    public void Enqueue(Guid showId, IReadOnlyList<RoomEvent> events)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(showId, out var queue))
            {
                _pending[showId] = queue = [];
            }

            queue.AddRange(events);
        }

        _signal.Set();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _signal.WaitAsync(stoppingToken);
                await FlushAsync();
                await Task.Delay(Window, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FlushAsync();
        }
    }

    private async Task FlushAsync()
    {
        Dictionary<Guid, List<RoomEvent>> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = [];
        }

        foreach (var (showId, events) in batch)
        {
            try
            {
                await hub.Clients.Group(ShowGroups.Room(showId)).RoomEvents(showId, events);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The events are stored: clients that miss this frame get them when they resync.
                LogSendFailed(logger, e, showId, events.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} room events of show {ShowId} failed; clients will resync.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid showId, int count);
}
