using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// Stock belongs to the shop, not the show: when an order (or a declined card) changes a product's
/// stock, the show it happened in tells its own room in the same change; this tells every other live
/// show whose lineup holds the product, each through its own <see cref="RoomWriter"/> (a sequenced
/// <see cref="Shared.Realtime.ProductStockEvent"/>, and the end of its running flash sale of the
/// product when stock is 0). It runs after the order's commit, off the buyer's request, and coalesces:
/// while one round runs, further changes to a product wait and go out as one event with the stock then.
/// Scheduled and ended shows are not told: a page that loads or joins one gets the stock in the snapshot.
/// </summary>
public sealed partial class StockFanout(IServiceScopeFactory scopes, ILogger<StockFanout> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly WakeSignal _signal = new();

    /// <summary>Product → the one show already told in its own change (null: tell them all).</summary>
    private Dictionary<Guid, Guid?> _pending = [];

    /// <summary>Call after the commit: <paramref name="toldShowId"/> already carries the new stock of these products.</summary>
    public void Changed(Guid toldShowId, IEnumerable<Guid> productIds)
    {
        lock (_gate)
        {
            foreach (var productId in productIds)
            {
                // Two shows changed it before the round ran: tell all (one more event with the same stock is harmless).
                _pending[productId] = _pending.TryGetValue(productId, out var told) && told != toldShowId ? null : toldShowId;
            }
        }

        _signal.Set();
    }

    /// <summary>Call after the commit of a change made outside any show (a stock adjustment in the back office): every live show carrying the products is told.</summary>
    public void ChangedOutsideShows(IEnumerable<Guid> productIds)
    {
        lock (_gate)
        {
            foreach (var productId in productIds)
            {
                _pending[productId] = null;
            }
        }

        _signal.Set();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _signal.WaitAsync(stoppingToken);
                Dictionary<Guid, Guid?> batch;
                lock (_gate)
                {
                    batch = _pending;
                    _pending = [];
                }

                foreach (var (productId, told) in batch)
                {
                    try
                    {
                        await TellAsync(productId, told, stoppingToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                    {
                        // The loop must outlive one product's failure, a cancellation that is not the host stopping included;
                        // the next change to it (or a rejoin's snapshot) carries the stock.
                        LogFailed(logger, e, productId, null);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TellAsync(Guid productId, Guid? told, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<RoomWriter>();
        // Only live shows: a scheduled or ended show's page gets the stock in its join snapshot, and a write
        // per such show (there are many, and they only grow) would queue behind the live shows' locks.
        var shows = await db.ShowProducts.AsNoTracking()
            .Where(l => l.ProductId == productId && l.ShowId != told)
            .Join(db.Shows.Where(s => s.Status == ShowStatus.Live), l => l.ShowId, s => s.Id, (l, _) => l.ShowId)
            .ToListAsync(cancellationToken);

        foreach (var showId in shows)
        {
            try
            {
                await writer.WriteAsync(showId, room => ProductStock.EmitAsync(db, room, showId, productId, cancellationToken), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One show's failure (a cancellation that is not the host stopping included) must not keep the others
                // uninformed; its next change (or a rejoin's snapshot) carries the stock.
                LogFailed(logger, e, productId, showId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Telling show {ShowId} the stock of product {ProductId} failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid productId, Guid? showId);
}
