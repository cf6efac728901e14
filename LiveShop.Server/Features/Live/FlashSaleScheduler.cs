using System.Collections.Concurrent;
using LiveShop.Server.Data;
using LiveShop.Server.Realtime;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// Ends flash sales at their end time, on the injected clock (a fake one in tests). On start it
/// picks up the sales that were running before a restart: those already due end at once (at their
/// own end time), the others get a timer for the time they have left. It also watches the room events
/// (<see cref="IRoomObserver"/>), so a sale started on another instance has a timer here too: if that
/// instance dies the sale still ends on time (whichever instance ends it first, the others find it ended).
/// </summary>
public sealed partial class FlashSaleScheduler(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FlashSaleScheduler> logger) : IHostedService, IRoomObserver, IDisposable
{
    private readonly ConcurrentDictionary<Guid, ITimer> _timers = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        var running = await db.FlashSales.AsNoTracking().Where(s => s.EndedAt == null)
            .Select(s => new { s.Id, s.ShowId, s.EndsAt })
            .ToListAsync(cancellationToken);
        foreach (var sale in running)
        {
            Schedule(sale.ShowId, sale.Id, sale.EndsAt);
        }
    }

    public void Observe(Guid showId, IReadOnlyList<RoomEvent> events)
    {
        foreach (var roomEvent in events)
        {
            switch (roomEvent)
            {
                case FlashSaleStartedEvent started:
                    Schedule(showId, started.Sale.Id, started.Sale.EndsAt);
                    break;
                case FlashSaleReopenedEvent reopened:
                    Schedule(showId, reopened.Sale.Id, reopened.Sale.EndsAt);
                    break;
                case FlashSaleEndedEvent ended when _timers.TryRemove(ended.SaleId, out var timer):
                    timer.Dispose();
                    break;
            }
        }
    }

    /// <summary>Ends the sale at <paramref name="endsAt"/> (or now, if that has passed).</summary>
    public void Schedule(Guid showId, Guid saleId, DateTimeOffset endsAt)
    {
        var due = endsAt - clock.GetUtcNow();
        var timer = clock.CreateTimer(_ => _ = ExpireAsync(showId, saleId), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        if (_timers.TryRemove(saleId, out var previous))
        {
            previous.Dispose();
        }

        _timers[saleId] = timer;
    }

    private async Task ExpireAsync(Guid showId, Guid saleId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var notYetDue = await scope.ServiceProvider.GetRequiredService<FlashSales>().ExpireAsync(showId, saleId);
            if (notYetDue is { } endsAt)
            {
                // The timer fired a little early (timers round and use a coarser clock): try again at the end time.
                Schedule(showId, saleId, endsAt.AddMilliseconds(2));
            }
            else if (_timers.TryRemove(saleId, out var timer))
            {
                await timer.DisposeAsync();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Try again shortly: a sale must never stay open past its time.
            LogExpireFailed(logger, e, saleId);
            if (_timers.TryGetValue(saleId, out var timer))
            {
                timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Dispose();
        }

        _timers.Clear();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ending flash sale {SaleId} failed; retrying in a second.")]
    private static partial void LogExpireFailed(ILogger logger, Exception exception, Guid saleId);
}
