namespace LiveShop.Server.Realtime.Scaleout;

/// <summary>
/// Whether this instance shares its rooms with other instances: true when <c>ConnectionStrings:Redis</c> is set
/// (docs/instances.md). Then each room change takes the show's row lock in the database and reads the last
/// sequence there (never a cached one), committed events reach the other instances over Redis
/// (<see cref="RoomRelay"/>), SignalR's groups and users span the instances (its Redis backplane), and viewer
/// counts add up across them (<see cref="RoomViewerTotals"/>).
/// </summary>
public sealed class RoomScaleout(bool shared)
{
    public const string RedisConnectionName = "Redis";

    public bool Shared { get; } = shared;
}
