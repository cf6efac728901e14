using LiveShop.Server.Data;
using LiveShop.Server.Features.Shows;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Attribution;

/// <summary>The shows that people outside a shop's team (creators, store staff) may make share links for.</summary>
public static class ShareableShows
{
    /// <summary>The most shows one list holds (live ones first).</summary>
    public const int Max = 200;

    /// <summary>
    /// The shops' live shows, scheduled ones (not left unstarted since before <paramref name="since"/>) and those
    /// ended since then, with their lineup and products: live first, then the coming ones soonest first, then the
    /// replays latest first.
    /// </summary>
    public static async Task<List<Show>> ListAsync(LiveShopDbContext db, IReadOnlyCollection<Guid> shopIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var shows = await db.Shows.AsNoTracking()
            .Include(s => s.Lineup).ThenInclude(l => l.Product)
            .Where(s => shopIds.Contains(s.ShopId)
                && (s.Status == ShowStatus.Live || (s.Status == ShowStatus.Scheduled && s.ScheduledStart >= since) || (s.Status == ShowStatus.Ended && s.EndedAt >= since)))
            .OrderBy(s => s.Status == ShowStatus.Live ? 0 : 1).ThenByDescending(s => s.ScheduledStart)
            .Take(Max)
            .ToListAsync(cancellationToken);
        return [.. shows
            .OrderBy(s => s.Status switch { ShowStatus.Live => 0, ShowStatus.Scheduled => 1, _ => 2 })
            .ThenBy(s => s.Status == ShowStatus.Ended ? -s.ScheduledStart.UtcTicks : s.ScheduledStart.UtcTicks)];
    }
}
