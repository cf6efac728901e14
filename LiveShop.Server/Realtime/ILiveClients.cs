using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Realtime;

/// <summary>
/// The push port: how features reach the people in a show's room without knowing the hub. Room events
/// never go this way (they go through <see cref="RoomWriter"/>, which stores and numbers them); this is
/// for what is not part of the room's history: numbers, toasts, a user's own order, staff queues, camera
/// signalling. Implemented over SignalR in Hubs.
/// </summary>
public interface ILiveClients
{
    /// <summary>Everyone in the show's room.</summary>
    ILiveShowClient Room(Guid showId);

    /// <summary>Everyone in the show's room but one connection.</summary>
    ILiveShowClient RoomExcept(Guid showId, string connectionId);

    /// <summary>The show's host and co-host connections.</summary>
    ILiveShowClient Hosts(Guid showId);

    /// <summary>The show's staff connections that opened the moderation desk (or the console's queue).</summary>
    ILiveShowClient Staff(Guid showId);

    /// <summary>Every connection of one signed-in user (or guest).</summary>
    ILiveShowClient User(Guid userId);

    /// <summary>One connection.</summary>
    ILiveShowClient Connection(string connectionId);

    /// <summary>These connections.</summary>
    ILiveShowClient Connections(IReadOnlyList<string> connectionIds);

    /// <summary>Takes a connection out of the show's staff audience (it lost its role).</summary>
    Task RemoveFromStaffAsync(string connectionId, Guid showId, CancellationToken cancellationToken = default);
}
