using System.Collections.Concurrent;
using LiveShop.Server.Data;
using LiveShop.Server.Realtime;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Sales;

/// <summary>
/// The heartbeat of the sales side, every 250 ms: sends at most one "just bought" toast per show
/// every 2 s (the latest offer wins), pushes the headline sales numbers to a show's host and co-host
/// at most once a second after they changed, stores new unique viewers in batches (then lets the
/// tracker forget shows that ended or went idle), and keeps each minute's peak of viewers for the
/// dashboard chart.
/// </summary>
public sealed partial class SalesPulse(
    IServiceScopeFactory scopes,
    ILiveClients clients,
    RoomPresence presence,
    ViewerTracker viewers,
    TimeProvider clock,
    ILogger<SalesPulse> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, byte> _dirty = new();
    private readonly ConcurrentDictionary<Guid, PurchaseToastDto> _toasts = new();
    private readonly Dictionary<Guid, DateTimeOffset> _lastToast = [];
    private readonly Dictionary<Guid, DateTimeOffset> _lastSummary = [];
    private readonly Dictionary<(Guid, DateTimeOffset), int> _minutePeaks = [];
    private DateTimeOffset _lastPrune;

    public void MarkDirty(Guid showId) => _dirty[showId] = 0;

    public void OfferToast(PurchaseToastDto toast) => _toasts[toast.ShowId] = toast;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PulseAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPulseFailed(logger, e);
            }
        }
    }

    internal async Task PulseAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await SendToastsAsync(now);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        await StoreViewersAsync(db, now, cancellationToken);
        await PruneViewersAsync(db, now, cancellationToken);
        await StoreMinutePeaksAsync(db, now, cancellationToken);

        foreach (var showId in _dirty.Keys)
        {
            if (now - _lastSummary.GetValueOrDefault(showId) < SummaryInterval || !_dirty.TryRemove(showId, out _))
            {
                continue;
            }

            _lastSummary[showId] = now;
            var summary = await scope.ServiceProvider.GetRequiredService<SalesQueries>().SummaryAsync(showId, cancellationToken);
            await clients.Hosts(showId).SalesUpdated(summary);
        }
    }

    private async Task SendToastsAsync(DateTimeOffset now)
    {
        foreach (var (showId, toast) in _toasts)
        {
            if (now - _lastToast.GetValueOrDefault(showId) < Limits.PurchaseToastInterval || !_toasts.TryRemove(new(showId, toast)))
            {
                continue;
            }

            _lastToast[showId] = now;
            await clients.Room(showId).PurchaseToast(toast with { At = now });
        }
    }

    private async Task StoreViewersAsync(LiveShopDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batch = viewers.Drain(2000);
        if (batch.Count == 0)
        {
            return;
        }

        foreach (var group in batch.GroupBy(v => v.ShowId))
        {
            var fresh = group.Select(v => v.Viewer).DistinctBy(v => v.Key).ToList();
            var keys = fresh.Select(v => v.Key).ToList();
            var known = await db.ShowViewers.Where(v => v.ShowId == group.Key && keys.Contains(v.ViewerKey)).Select(v => v.ViewerKey).ToListAsync(cancellationToken);
            var showExists = await db.Shows.AnyAsync(s => s.Id == group.Key, cancellationToken);
            if (showExists)
            {
                db.ShowViewers.AddRange(fresh.Where(v => !known.Contains(v.Key)).Select(v => new ShowViewer(group.Key, v, now.ToMilliseconds())));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        foreach (var showId in batch.Select(v => v.ShowId).Distinct())
        {
            MarkDirty(showId);
        }
    }

    /// <summary>Lets the tracker forget shows that ended or went idle, once their viewers are stored (every few seconds).</summary>
    private async Task PruneViewersAsync(LiveShopDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - _lastPrune < PruneInterval || viewers.Shows.Count == 0)
        {
            return;
        }

        _lastPrune = now;
        var tracked = viewers.Shows.ToList();
        var ended = await db.Shows.Where(s => tracked.Contains(s.Id) && s.Status == Shared.Shows.ShowStatus.Ended).Select(s => s.Id).ToListAsync(cancellationToken);
        viewers.Prune(ended.ToHashSet());
    }

    private async Task StoreMinutePeaksAsync(LiveShopDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var minute = now.ToMinute();
        foreach (var showId in presence.Shows)
        {
            var count = presence.Count(showId);
            if (_minutePeaks.GetValueOrDefault((showId, minute)) >= count)
            {
                continue;
            }

            _minutePeaks[(showId, minute)] = count;
            var raised = await db.ShowMinutes.Where(m => m.ShowId == showId && m.Minute == minute && m.Viewers < count)
                .ExecuteUpdateAsync(m => m.SetProperty(x => x.Viewers, count), cancellationToken);
            if (raised == 0 && !await db.ShowMinutes.AnyAsync(m => m.ShowId == showId && m.Minute == minute, cancellationToken)
                && await db.Shows.AnyAsync(s => s.Id == showId && s.Status == Shared.Shows.ShowStatus.Live, cancellationToken))
            {
                db.ShowMinutes.Add(new ShowMinute(showId, minute, count));
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        foreach (var old in _minutePeaks.Keys.Where(k => k.Item2 < minute).ToList())
        {
            _minutePeaks.Remove(old);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sales pulse failed.")]
    private static partial void LogPulseFailed(ILogger logger, Exception exception);
}
