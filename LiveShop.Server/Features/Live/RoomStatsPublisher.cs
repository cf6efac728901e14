using LiveShop.Server.Data;
using LiveShop.Server.Hubs;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// Once a second: writes the hearts counted since the last tick as one <see cref="ReactionsEvent"/>
/// per show, keeps each show's stored peak of viewers, and pushes <see cref="RoomStats"/> to a show's
/// group when its counters changed. Presence is therefore pushed at most once a second.
/// </summary>
public sealed partial class RoomStatsPublisher(
    IServiceScopeFactory scopes,
    RoomPresence presence,
    RoomActivity activity,
    IHubContext<LiveShowHub, ILiveShowClient> hub,
    ILogger<RoomStatsPublisher> logger) : BackgroundService
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
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        foreach (var (showId, count) in activity.DrainReactions())
        {
            await WriteReactionsAsync(services, showId, count, cancellationToken);
        }

        var db = services.GetRequiredService<LiveShopDbContext>();
        var queries = services.GetRequiredService<RoomQueries>();
        foreach (var showId in presence.Shows.Concat(_lastPushed.Keys).Distinct().ToList())
        {
            var viewers = presence.Count(showId);
            if (viewers > _storedPeaks.GetValueOrDefault(showId))
            {
                // Conditional: another instance (or a restart) may have stored a higher peak.
                await db.Shows.Where(s => s.Id == showId && s.PeakViewers < viewers)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.PeakViewers, viewers), cancellationToken);
                _storedPeaks[showId] = viewers;
            }

            var stats = await queries.StatsAsync(showId, cancellationToken);
            if (_lastPushed.TryGetValue(showId, out var last) && last with { ServerTime = stats.ServerTime } == stats)
            {
                continue;
            }

            await hub.Clients.Group(ShowGroups.Room(showId)).RoomStats(stats);
            if (viewers == 0)
            {
                _lastPushed.Remove(showId);
                _storedPeaks.Remove(showId);
            }
            else
            {
                _lastPushed[showId] = stats;
            }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The room stats tick failed.")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
