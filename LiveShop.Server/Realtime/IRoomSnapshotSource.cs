using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Realtime;

/// <summary>
/// Builds a show's room snapshot from the features' data (the engine knows no feature). Read the last
/// stored sequence first, then the state: the state is at least as new as the number it carries.
/// </summary>
public interface IRoomSnapshotSource
{
    Task<RoomSnapshot> SnapshotAsync(Guid showId, CancellationToken cancellationToken = default);
}
