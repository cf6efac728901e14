using LiveShop.Shared.Sales;

namespace LiveShop.Client.Services;

/// <summary>
/// The show's headline sales as the server pushes them to its host and co-host. A seam over
/// <see cref="LiveShowConnection"/> so the sales dashboard can be tested with pushes of its own.
/// </summary>
public interface ISalesFeed : IAsyncDisposable
{
    /// <summary>New headline numbers (at most one a second while orders come in).</summary>
    event Func<SalesSummaryDto, Task>? SalesUpdated;

    event Func<LiveConnectionState, Task>? StateChanged;

    /// <summary>Follows the show. Call only once the page is interactive.</summary>
    Task StartAsync(Guid showId);
}

/// <summary>The feed over a connection of its own (transient, like the connection), joined to the show.</summary>
public sealed class LiveSalesFeed(LiveShowConnection live) : ISalesFeed
{
    public event Func<SalesSummaryDto, Task>? SalesUpdated
    {
        add => live.SalesUpdated += value;
        remove => live.SalesUpdated -= value;
    }

    public event Func<LiveConnectionState, Task>? StateChanged
    {
        add => live.StateChanged += value;
        remove => live.StateChanged -= value;
    }

    public Task StartAsync(Guid showId) => live.StartAsync(showId, () => null);

    public ValueTask DisposeAsync() => live.DisposeAsync();
}
