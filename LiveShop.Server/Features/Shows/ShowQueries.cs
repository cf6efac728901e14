using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Media;
using LiveShop.Shared;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Shows;

/// <summary>Read models of shows for pages and the API.</summary>
public sealed class ShowQueries(LiveShopDbContext db)
{
    private const int UpcomingLimit = 24;
    private const int EndedLimit = 6;

    public async Task<ShowDetailDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var show = await db.Shows.AsNoTracking()
            .Include(s => s.Host)
            .Include(s => s.CoHost)
            .Include(s => s.Lineup).ThenInclude(l => l.Product!).ThenInclude(p => p.Variants)
            .AsSplitQuery()
            .SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw DomainException.ShowNotFound();

        // A creator's show may carry brands' products: each is labelled with the brand that sells it.
        var brandIds = show.Lineup.Select(l => l.Product!.ShopId).Where(id => id != show.ShopId).Distinct().ToList();
        var brands = brandIds.Count == 0
            ? []
            : await db.Shops.AsNoTracking().Where(s => brandIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return ToDetail(show, brands);
    }

    public async Task<ShowListDto> ListAsync(CancellationToken cancellationToken = default)
    {
        var live = await Summaries(db.Shows.Where(s => s.Status == ShowStatus.Live).OrderByDescending(s => s.WentLiveAt), UpcomingLimit, cancellationToken);
        var upcoming = await Summaries(db.Shows.Where(s => s.Status == ShowStatus.Scheduled).OrderBy(s => s.ScheduledStart), UpcomingLimit, cancellationToken);
        var ended = await Summaries(db.Shows.Where(s => s.Status == ShowStatus.Ended).OrderByDescending(s => s.EndedAt), EndedLimit, cancellationToken);
        return new ShowListDto(live, upcoming, ended);
    }

    /// <summary>A host's own shows, live first, then upcoming, then ended.</summary>
    public async Task<IReadOnlyList<ShowSummaryDto>> ListHostedByAsync(Guid hostId, CancellationToken cancellationToken = default)
    {
        var shows = await Summaries(db.Shows.Where(s => s.HostId == hostId).OrderByDescending(s => s.ScheduledStart), 200, cancellationToken);
        return [.. shows.OrderBy(s => s.Status switch { ShowStatus.Live => 0, ShowStatus.Scheduled => 1, ShowStatus.Ended => 2 })];
    }

    /// <summary>Every show of a shop, live first, then upcoming, then ended.</summary>
    public async Task<IReadOnlyList<ShowSummaryDto>> ListOfShopAsync(Guid shopId, CancellationToken cancellationToken = default)
    {
        var shows = await Summaries(db.Shows.Where(s => s.ShopId == shopId).OrderByDescending(s => s.ScheduledStart), 500, cancellationToken);
        return [.. shows.OrderBy(s => s.Status switch { ShowStatus.Live => 0, ShowStatus.Scheduled => 1, ShowStatus.Ended => 2 })];
    }

    private static async Task<IReadOnlyList<ShowSummaryDto>> Summaries(IQueryable<Show> query, int take, CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking()
            .Take(take)
            .Select(s => new SummaryRow(
                s.Id,
                s.Title,
                new HostDto(s.HostId, s.Host!.DisplayName),
                s.Status,
                s.ScheduledStart,
                s.WentLiveAt,
                s.EndedAt,
                s.Currency,
                s.Lineup.OrderBy(l => l.Position).Select(l => l.Product!.ImageUrl).FirstOrDefault(),
                s.Lineup.Count,
                s.PosterImageId))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToDto())];
    }

    internal static ShowDetailDto ToDetail(Show show, IReadOnlyDictionary<Guid, string> brands) => new(
        show.Id,
        show.Title,
        show.Description,
        new HostDto(show.HostId, show.Host?.DisplayName ?? ""),
        show.Status,
        show.ScheduledStart,
        show.WentLiveAt,
        show.EndedAt,
        show.Currency,
        VideoSource(show),
        [.. show.Lineup.OrderBy(l => l.Position).Select(l => new LineupItemDto(
            l.ProductId, l.Product!.Sku, l.Product.Name, l.Product.ImageUrl, l.Product.PriceIn(show.Currency) ?? l.Product.Price,
            l.Product.SellsIn(show.Currency) ? show.Currency : l.Product.Currency, l.Product.Stock, l.Position,
            l.Product.HasVariants ? l.Product.OptionNames : null, l.Product.VariantDtos(show.Currency), brands.GetValueOrDefault(l.Product.ShopId)))],
        show.CoHostId is { } coHostId ? new HostDto(coHostId, show.CoHost?.DisplayName ?? "") : null,
        show.ShopId,
        PosterUrl(show.PosterImageId, ImageSize.Medium));

    /// <summary>The show's video source as pages get it; an uploaded poster wins over the bundled clip's.</summary>
    internal static VideoSourceDto VideoSource(Show show) =>
        new(show.VideoKind, show.VideoUrl, PosterUrl(show.PosterImageId, ImageSize.Large) ?? PosterFor(show.VideoUrl));

    /// <summary>Where a rendition of the show's uploaded poster is served, or null without one.</summary>
    internal static string? PosterUrl(string? posterImageId, ImageSize size) => posterImageId is null ? null : ImageKeys.Url(posterImageId, size);

    /// <summary>
    /// The bundled clip has a poster next to it (<c>/media/demo.mp4</c> → <c>/media/demo-poster.jpg</c>, and its
    /// HLS variant <c>/media/demo/index.m3u8</c> → the same poster); other URLs show the show's cover instead.
    /// </summary>
    private static string? PosterFor(string? videoUrl)
    {
        if (videoUrl is null || !videoUrl.StartsWith("/media/", StringComparison.Ordinal))
        {
            return null;
        }

        var path = videoUrl.EndsWith("/index.m3u8", StringComparison.Ordinal) ? videoUrl[..^"/index.m3u8".Length] : Path.ChangeExtension(videoUrl, null);
        return path + "-poster.jpg";
    }

    /// <summary>A summary as the database reads it: the cover is the uploaded poster, else the first lineup product's photo.</summary>
    private sealed record SummaryRow(
        Guid Id,
        string Title,
        HostDto Host,
        ShowStatus Status,
        DateTimeOffset ScheduledStart,
        DateTimeOffset? WentLiveAt,
        DateTimeOffset? EndedAt,
        string Currency,
        string? FirstProductImageUrl,
        int LineupCount,
        string? PosterImageId)
    {
        public ShowSummaryDto ToDto() => new(
            Id, Title, Host, Status, ScheduledStart, WentLiveAt, EndedAt, Currency,
            PosterUrl(PosterImageId, ImageSize.Medium) ?? FirstProductImageUrl, LineupCount);
    }
}
