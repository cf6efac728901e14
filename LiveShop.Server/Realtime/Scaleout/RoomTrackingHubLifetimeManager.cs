using Microsoft.AspNetCore.SignalR;

namespace LiveShop.Server.Realtime.Scaleout;

/// <summary>
/// Another lifetime manager (SignalR's Redis backplane) with <see cref="RoomConnections"/> told of every connection
/// of this instance that comes and goes. A push it cannot make because Redis is away is logged and dropped, as a
/// push to a closed page is: pushes are a courtesy (what matters is stored, and pages catch up by sequence), and an
/// order must not fail after its commit because the backplane blinked. Everything else is the inner manager's.
/// </summary>
public sealed partial class RoomTrackingHubLifetimeManager<THub>(HubLifetimeManager<THub> inner, RoomConnections connections, ILogger<RoomTrackingHubLifetimeManager<THub>> logger)
    : HubLifetimeManager<THub>, IDisposable
    where THub : Hub
{
    /// <summary>The manager that carries the connections (for tests and diagnostics).</summary>
    internal HubLifetimeManager<THub> Inner => inner;

    /// <summary>A page that connects while Redis is away is served by this instance (its room, its own calls); only pushes addressed to it from other instances miss it until it reconnects.</summary>
    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        connections.Add(connection);
        return Tolerate(inner.OnConnectedAsync(connection), "connect");
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        connections.Remove(connection.ConnectionId);
        return Tolerate(inner.OnDisconnectedAsync(connection), "disconnect");
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Tolerate(inner.SendAllAsync(methodName, args, cancellationToken), methodName);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        Tolerate(inner.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken), methodName);

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Tolerate(inner.SendConnectionAsync(connectionId, methodName, args, cancellationToken), methodName);

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Tolerate(inner.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken), methodName);

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Tolerate(inner.SendGroupAsync(groupName, methodName, args, cancellationToken), methodName);

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Tolerate(inner.SendGroupsAsync(groupNames, methodName, args, cancellationToken), methodName);

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        Tolerate(inner.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken), methodName);

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Tolerate(inner.SendUserAsync(userId, methodName, args, cancellationToken), methodName);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Tolerate(inner.SendUsersAsync(userIds, methodName, args, cancellationToken), methodName);

    /// <summary>Joining a group while Redis is away joins it on this instance only (the room's own events still reach the connection).</summary>
    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        Tolerate(inner.AddToGroupAsync(connectionId, groupName, cancellationToken), "join group");

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default) =>
        Tolerate(inner.RemoveFromGroupAsync(connectionId, groupName, cancellationToken), "leave group");

    public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken) =>
        inner.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken);

    public override Task SetConnectionResultAsync(string connectionId, Microsoft.AspNetCore.SignalR.Protocol.CompletionMessage result) =>
        inner.SetConnectionResultAsync(connectionId, result);

    public override bool TryGetReturnType(string invocationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
        inner.TryGetReturnType(invocationId, out type);

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private async Task Tolerate(Task send, string what)
    {
        try
        {
            await send;
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            LogBackplaneAway(logger, what, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SignalR's Redis backplane is away: {What} was not sent to the other instances ({Reason}).")]
    private static partial void LogBackplaneAway(ILogger logger, string what, string reason);
}
