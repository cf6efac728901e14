using System.Collections.Concurrent;
using LiveShop.Server.Features.Common;
using Microsoft.AspNetCore.SignalR;

namespace LiveShop.Server.Hubs;

/// <summary>
/// The signed-in users' hub connections on this server, so that a change of access (removed from a
/// shop's team, demoted, suspended) closes them at once. One server's connections only: with several
/// instances, each closes its own when told (see docs/decisions.md).
/// </summary>
public sealed class UserConnections : IUserConnections
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _byUser = new();

    private readonly Lock _gate = new();

    public void Add(Guid userId, HubCallerContext context)
    {
        lock (_gate)
        {
            _byUser.GetOrAdd(userId, _ => new ConcurrentDictionary<string, HubCallerContext>())[context.ConnectionId] = context;
        }
    }

    public void Remove(Guid userId, string connectionId)
    {
        lock (_gate)
        {
            if (_byUser.TryGetValue(userId, out var connections) && connections.TryRemove(connectionId, out _) && connections.IsEmpty)
            {
                _byUser.TryRemove(userId, out _);
            }
        }
    }

    public void Close(Guid userId)
    {
        List<HubCallerContext> toAbort;
        lock (_gate)
        {
            if (!_byUser.TryRemove(userId, out var connections))
            {
                return;
            }

            toAbort = [.. connections.Values];
        }

        foreach (var context in toAbort)
        {
            context.Abort();
        }
    }
}
