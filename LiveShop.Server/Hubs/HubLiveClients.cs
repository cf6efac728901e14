using LiveShop.Server.Realtime;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace LiveShop.Server.Hubs;

/// <summary>The push port over SignalR: audiences are the hub's groups (see <see cref="ShowGroups"/>).</summary>
public sealed class HubLiveClients(IHubContext<LiveShowHub, ILiveShowClient> hub) : ILiveClients
{
    public ILiveShowClient Room(Guid showId) => hub.Clients.Group(ShowGroups.Room(showId));

    public ILiveShowClient RoomExcept(Guid showId, string connectionId) => hub.Clients.GroupExcept(ShowGroups.Room(showId), [connectionId]);

    public ILiveShowClient Hosts(Guid showId) => hub.Clients.Group(ShowGroups.Hosts(showId));

    public ILiveShowClient Staff(Guid showId) => hub.Clients.Group(ShowGroups.Staff(showId));

    public ILiveShowClient User(Guid userId) => hub.Clients.User(userId.ToString());

    public ILiveShowClient Connection(string connectionId) => hub.Clients.Client(connectionId);

    public ILiveShowClient Connections(IReadOnlyList<string> connectionIds) => hub.Clients.Clients(connectionIds);

    public Task RemoveFromStaffAsync(string connectionId, Guid showId, CancellationToken cancellationToken = default) =>
        hub.Groups.RemoveFromGroupAsync(connectionId, ShowGroups.Staff(showId), cancellationToken);
}
