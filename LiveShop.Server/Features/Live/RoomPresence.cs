using System.Collections.Concurrent;

namespace LiveShop.Server.Features.Live;

/// <summary>Which connections are in which show's room, for "viewers now" and "peak".</summary>
public sealed class RoomPresence
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, byte>> _rooms = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, byte>> _connections = new();
    private readonly ConcurrentDictionary<Guid, int> _peaks = new();

    public void Join(Guid showId, string connectionId)
    {
        _rooms.GetOrAdd(showId, _ => new()).TryAdd(connectionId, 0);
        _connections.GetOrAdd(connectionId, _ => new()).TryAdd(showId, 0);
        var now = Count(showId);
        _peaks.AddOrUpdate(showId, now, (_, peak) => Math.Max(peak, now));
    }

    public void Leave(Guid showId, string connectionId)
    {
        if (_rooms.TryGetValue(showId, out var room))
        {
            room.TryRemove(connectionId, out _);
        }

        if (_connections.TryGetValue(connectionId, out var shows))
        {
            shows.TryRemove(showId, out _);
        }
    }

    public void Disconnected(string connectionId)
    {
        if (_connections.TryRemove(connectionId, out var shows))
        {
            foreach (var showId in shows.Keys)
            {
                if (_rooms.TryGetValue(showId, out var room))
                {
                    room.TryRemove(connectionId, out _);
                }
            }
        }
    }

    public bool IsIn(Guid showId, string connectionId) => _rooms.TryGetValue(showId, out var room) && room.ContainsKey(connectionId);

    public int Count(Guid showId) => _rooms.TryGetValue(showId, out var room) ? room.Count : 0;

    /// <summary>The most connections seen at once since this server started (the stored peak is kept by the stats loop).</summary>
    public int Peak(Guid showId) => _peaks.GetValueOrDefault(showId);

    public IReadOnlyCollection<Guid> Shows => [.. _rooms.Where(r => !r.Value.IsEmpty).Select(r => r.Key)];
}
