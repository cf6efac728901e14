using LiveShop.Shared.Orders;

namespace LiveShop.Client.Services;

/// <summary>
/// The signed-in buyer's order changes, pushed by the server (<see cref="LiveShowConnection"/> without
/// joining a show). What the orders page needs, and all it needs, of the live connection.
/// </summary>
public interface IOrderUpdates : IAsyncDisposable
{
    /// <summary>One of the user's orders changed (status, usually).</summary>
    event Func<OrderDto, Task>? OrderUpdated;

    /// <summary>The connection dropped, is trying again, or is back: pushes sent meanwhile were missed.</summary>
    event Func<LiveConnectionState, Task>? StateChanged;

    /// <summary>Connects; pushes arrive from then on.</summary>
    Task StartWithoutShowAsync();
}
