using LiveShop.Server.Data;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Realtime;

/// <summary>
/// Once a second: writes the hearts counted since the last tick as one <see cref="ReactionsEvent"/>
/// per show, keeps each show's stored peak of viewers, and pushes <see cref="RoomStats"/> to a show's
/// group when its counters changed. Presence is therefore pushed at most once a second.
/// </summary>
public sealed partial class RoomStatsPublisher(
    IServiceScopeFactory scopes,
    RoomPresence presence,
    RoomActivity activity,
    ILiveClients clients,
    ILogger<RoomStatsPublisher> logger,
    Scaleout.RoomViewerTotals? totals = null) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<Guid, RoomStats> _lastPushed = [];
    private readonly Dictionary<Guid, int> _storedPeaks = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogTickFailed(logger, e);
            }
        }
    }

    internal async Task TickAsync(CancellationToken cancellationToken)
    {
        foreach (var (showId, count) in activity.DrainReactions())
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await WriteReactionsAsync(scope.ServiceProvider, showId, count, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogShowFailed(logger, showId, e);
            }
        }

        if (totals is not null)
        {
            try
            {
                await totals.ExchangeAsync(presence.Shows, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogTickFailed(logger, e);
            }
        }

        // Each show on its own (its own scope, its own failure): one bad show never stops the others' numbers.
        foreach (var showId in presence.Shows.Concat(_lastPushed.Keys).Distinct().ToList())
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await TickShowAsync(scope.ServiceProvider, showId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogShowFailed(logger, showId, e);
            }
        }

        activity.Prune();
    }

    private async Task TickShowAsync(IServiceProvider services, Guid showId, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<LiveShopDbContext>();
        var queries = services.GetRequiredService<RoomQueries>();
        // Whether anyone is here decides whether the room stays; the pushed numbers count every instance.
        var viewers = presence.CountHere(showId);
        var peak = presence.Peak(showId);
        if (peak > _storedPeaks.GetValueOrDefault(showId))
        {
            // Conditional: another instance (or a restart) may have stored a higher peak.
            await db.Shows.Where(s => s.Id == showId && s.PeakViewers < peak)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.PeakViewers, peak), cancellationToken);
            _storedPeaks[showId] = peak;
        }

        if (await queries.TryStatsAsync(showId, cancellationToken) is not { } stats)
        {
            // Not a show (cannot happen through the hub, which checks first): nothing to keep.
            presence.Forget(showId, evenIfOccupied: true);
            _lastPushed.Remove(showId);
            _storedPeaks.Remove(showId);
            return;
        }

        if (_lastPushed.TryGetValue(showId, out var last) && last with { ServerTime = stats.ServerTime } == stats)
        {
            if (viewers == 0)
            {
                Drop(showId);
            }

            return;
        }

        if (totals is null || totals.Pushes(showId))
        {
            await clients.Room(showId).RoomStats(stats);
            _lastPushed[showId] = stats;
        }

        if (viewers == 0)
        {
            // Nobody counted, and the peak is stored: once no connection is left either, the room goes (the next viewer opens it again).
            Drop(showId);
        }
    }

    private void Drop(Guid showId)
    {
        if (presence.Forget(showId))
        {
            totals?.Forget(showId);
            _lastPushed.Remove(showId);
            _storedPeaks.Remove(showId);
        }
    }

    private static async Task WriteReactionsAsync(IServiceProvider services, Guid showId, int count, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<LiveShopDbContext>();
        await services.GetRequiredService<RoomWriter>().WriteAsync(showId, async room =>
        {
            var show = await db.Shows.FindAsync([showId], cancellationToken);
            if (show is null || show.Status != ShowStatus.Live)
            {
                return false;
            }

            show.AddReactions(count);
            room.Emit((seq, at) => new ReactionsEvent(seq, at, count, show.ReactionTotal));
            return true;
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The room stats tick failed for show {ShowId}.")]
    private static partial void LogShowFailed(ILogger logger, Guid showId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The room stats tick failed.")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
