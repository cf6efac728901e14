using LiveShop.Client.Services;
using LiveShop.Shared.Sales;

namespace LiveShop.Client.Tests.TestDoubles;

/// <summary>Stands in for the live connection: the test pushes <c>SalesUpdated</c> itself.</summary>
public sealed class FakeSalesFeed : ISalesFeed
{
    public event Func<SalesSummaryDto, Task>? SalesUpdated;

    public event Func<LiveConnectionState, Task>? StateChanged;

    public Guid? StartedFor { get; private set; }

    public bool Disposed { get; private set; }

    public async Task StartAsync(Guid showId)
    {
        StartedFor = showId;
        if (StateChanged is { } changed)
        {
            await changed(LiveConnectionState.Connected);
        }
    }

    /// <summary>The connection drops (or comes back), as the real one reports it.</summary>
    public Task ChangeStateAsync(LiveConnectionState state) => StateChanged?.Invoke(state) ?? Task.CompletedTask;

    /// <summary>What the server's <c>SalesUpdated</c> push does.</summary>
    public Task PushAsync(SalesSummaryDto summary) => SalesUpdated?.Invoke(summary) ?? Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
