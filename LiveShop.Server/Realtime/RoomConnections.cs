using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace LiveShop.Server.Realtime;

/// <summary>This instance's hub connections, so the room engine can write frames to each directly (see <see cref="RoomConnection"/>).</summary>
public sealed class RoomConnections
{
    private readonly ConcurrentDictionary<string, RoomConnection> _connections = new();

    public void Add(HubConnectionContext context) => _connections[context.ConnectionId] = new RoomConnection(context);

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    public RoomConnection? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    /// <summary>Closes every hub connection of this instance (it is stopping): each client reconnects, through the load balancer to another instance, and catches up by sequence.</summary>
    public int CloseAll()
    {
        var closed = 0;
        foreach (var connection in _connections.Values)
        {
            connection.Close();
            closed++;
        }

        return closed;
    }
}

/// <summary>SignalR's own in-process lifetime manager, telling <see cref="RoomConnections"/> of every connection that comes and goes.</summary>
public sealed class RoomTrackingLifetimeManager<THub>(RoomConnections connections, ILogger<DefaultHubLifetimeManager<THub>> logger)
    : DefaultHubLifetimeManager<THub>(logger)
    where THub : Hub
{
    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        connections.Add(connection);
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        connections.Remove(connection.ConnectionId);
        return base.OnDisconnectedAsync(connection);
    }
}
