using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Realtime;

/// <summary>
/// Told of every committed room change, in order, before it is broadcast: how a feature keeps an
/// in-memory view of the room (e.g. which flash prices ended) without the engine knowing the feature.
/// Must be quick and must not throw.
/// </summary>
public interface IRoomObserver
{
    void Observe(Guid showId, IReadOnlyList<RoomEvent> events);
}
