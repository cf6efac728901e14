using System.Globalization;
using System.Security.Claims;
using System.Text;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Resources;
using LiveShop.Shared;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Creators;

/// <summary>
/// A creator selling: the brands' shows they may share, their share links (a show, or one product in it), and their
/// results at any time — per brand, show, link and product, with commission pending and confirmed, and a CSV of
/// every credited line. A creator sees their own numbers and the brands' products opened to them, never a buyer's
/// name or address, another creator's results, or a brand's other orders.
/// </summary>
public sealed class CreatorSales(
    LiveShopDbContext db,
    IOptions<AttributionOptions> attribution,
    IOptions<CreatorOptions> options,
    IStringLocalizer<ReportText> T,
    TimeProvider clock)
{
    /// <summary>
    /// The approved brands' shows — live, scheduled (not left unstarted for longer than the replay days), or ended
    /// within the replay days — with the products in them opened to the caller.
    /// </summary>
    public async Task<List<CreatorShowDto>> ShowsAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var brands = await ApprovedAsync(caller.RequireUserId(), null, cancellationToken);
        var shopIds = brands.Keys.ToList();
        var since = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.ReplayDays);
        var shows = await ShareableShows.ListAsync(db, shopIds, since, cancellationToken);
        return [.. shows
            .Select(s =>
            {
                var brand = brands[s.ShopId];
                var products = s.Lineup.OrderBy(l => l.Position)
                    .Where(l => l.Product!.ArchivedAt is null && l.Product.ShopId == s.ShopId)
                    .Select(l => brand.Program.RateFor(l.ProductId, brand.RateOverride) is { } rate ? new CreatorShowProductDto(l.ProductId, l.Product!.Name, rate) : null)
                    .OfType<CreatorShowProductDto>()
                    .ToList();
                return new CreatorShowDto(s.Id, s.Title, s.ShopId, brand.Name, s.Status, s.ScheduledStart, s.Currency, products);
            })
            .Where(s => s.Products.Count > 0)];
    }

    /// <summary>
    /// Makes a link for a brand's show (or one product in it) that approved the caller: the product must be in the
    /// lineup and opened to them; a show with nothing opened to them cannot be shared (it would earn nothing).
    /// </summary>
    public async Task<CreatorLinkResultDto> CreateLinkAsync(ClaimsPrincipal caller, CreatorLinkRequest? request, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        if (request is null)
        {
            throw DomainException.Invalid(ProblemCodes.CreatorLinkInvalid, "Choose the show, and the product if the link is for one.");
        }

        var show = await db.Shows.AsNoTracking().Include(s => s.Lineup).ThenInclude(l => l.Product)
            .SingleOrDefaultAsync(s => s.Id == request.ShowId, cancellationToken)
            ?? throw DomainException.ShowNotFound();
        var brand = (await ApprovedAsync(userId, show.ShopId, cancellationToken)).GetValueOrDefault(show.ShopId)
            ?? throw DomainException.Forbidden(ProblemCodes.CreatorNotApproved, "This brand has not approved you as a creator: join its program first.");
        // Only the brand's own products in its show: another brand's in a creator's show are not this program's to open.
        var opened = show.Lineup.Where(l => l.Product!.ArchivedAt is null && l.Product.ShopId == show.ShopId && brand.Program.RateFor(l.ProductId, brand.RateOverride) is not null).Select(l => l.ProductId).ToHashSet();
        if (request.ProductId is { } productId && !opened.Contains(productId))
        {
            throw DomainException.Invalid(ProblemCodes.CreatorLinkInvalid, "That product is not in this show or not open to you.");
        }

        if (opened.Count == 0)
        {
            throw DomainException.Invalid(ProblemCodes.CreatorLinkInvalid, "None of this show's products is open to you.");
        }

        if (show.Status == ShowStatus.Ended && show.EndedAt < clock.GetUtcNow() - TimeSpan.FromDays(options.Value.ReplayDays))
        {
            throw DomainException.Conflict(ProblemCodes.CreatorLinkInvalid, "This show ended more than {0} days ago.", options.Value.ReplayDays);
        }

        var link = new ShareLink(OrderNumbers.Next(), show.Id, request.ProductId, userId, clock.GetUtcNow().ToMilliseconds(), byCreator: true);
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        var product = request.ProductId is { } id ? show.Lineup.Single(l => l.ProductId == id).Product!.Name : null;
        return new CreatorLinkResultDto(link.Code, ApiRoutes.ShareLink(link.Code), show.Id, show.Title, brand.Name, link.ProductId, product, show.Currency, link.CreatedAt, 0, 0, 0, 0, 0);
    }

    public async Task<CreatorResultsDto> ResultsAsync(ClaimsPrincipal caller, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var (start, end) = CreatorPeriod.Of(from, to, clock);
        var userId = caller.RequireUserId();
        var book = await BookAsync(userId, start, end, cancellationToken);
        var model = attribution.Value.Model;
        var now = clock.GetUtcNow();
        var confirmAfter = options.Value.ConfirmAfter;

        // A link to the creator's own show (in their channel) is no brand's: its orders count under each brand sold.
        var ownShops = await db.ShopMembers.Where(m => m.UserId == userId).Select(m => m.ShopId).ToListAsync(cancellationToken);
        var brands = book.Links.Values.Where(l => !ownShops.Contains(l.ShopId)).Select(l => (l.ShopId, l.Currency))
            .Concat(book.Sales.Select(s => (s.Order.ShopId, s.Order.Currency)))
            .Distinct()
            .Select(key =>
            {
                var codes = book.Links.Values.Where(l => l.ShopId == key.ShopId && l.Currency == key.Currency).Select(l => l.Code).ToHashSet();
                var sales = book.Sales.Where(s => s.Order.ShopId == key.ShopId && s.Order.Currency == key.Currency).ToList();
                var visitors = book.Touches.Where(t => codes.Contains(t.Code)).Select(t => t.VisitorId).Distinct().Count();
                return new CreatorBrandResultDto(key.ShopId, book.BrandNames.GetValueOrDefault(key.ShopId, ""), key.Currency,
                    book.Touches.Count(t => codes.Contains(t.Code)), visitors, sales.Count, sales.Sum(s => s.Share.Opened.Sum(l => l.Units)),
                    sales.Sum(s => s.Share.OpenedGmv), Rate(sales.Count, visitors),
                    sales.Where(s => !CreatorLedger.IsConfirmed(s.Order, now, confirmAfter)).Sum(s => s.Share.Commission),
                    sales.Where(s => CreatorLedger.IsConfirmed(s.Order, now, confirmAfter)).Sum(s => s.Share.Commission));
            })
            .OrderByDescending(b => b.Gmv).ThenBy(b => b.BrandName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

        var shows = book.Links.Values.GroupBy(l => l.ShowId)
            .Select(g =>
            {
                var codes = g.Select(l => l.Code).ToHashSet();
                var sales = book.Sales.Where(s => s.Order.ShowId == g.Key).ToList();
                var first = g.First();
                return new CreatorShowResultDto(g.Key, first.ShowTitle, book.BrandNames.GetValueOrDefault(first.ShopId, ""), first.Currency,
                    book.Touches.Count(t => codes.Contains(t.Code)), book.Touches.Where(t => codes.Contains(t.Code)).Select(t => t.VisitorId).Distinct().Count(),
                    sales.Count, sales.Sum(s => s.Share.OpenedGmv), sales.Sum(s => s.Share.Commission));
            })
            .OrderByDescending(s => s.Gmv).ThenBy(s => s.Title, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

        var links = book.Links.Values
            .Select(l =>
            {
                var sales = book.Sales.Where(s => s.Share.Links.ContainsKey(l.Code)).ToList();
                return new CreatorLinkResultDto(l.Code, ApiRoutes.ShareLink(l.Code), l.ShowId, l.ShowTitle, book.BrandNames.GetValueOrDefault(l.ShopId, ""),
                    l.ProductId, l.ProductName, l.Currency, l.CreatedAt,
                    book.Touches.Count(t => t.Code == l.Code), book.Touches.Where(t => t.Code == l.Code).Select(t => t.VisitorId).Distinct().Count(),
                    sales.Count, sales.Sum(s => s.Share.Links[l.Code].Gmv), sales.Sum(s => s.Share.Links[l.Code].Commission));
            })
            .OrderByDescending(l => l.CreatedAt)
            .ToList();

        var products = book.Sales.SelectMany(s => s.Share.Opened.Select(l => (Sale: s, Line: l)))
            .GroupBy(x => (x.Line.Line.ProductId, x.Sale.Order.Currency))
            .Select(g => new CreatorProductResultDto(g.Key.ProductId, g.First().Line.Line.Name, book.BrandNames.GetValueOrDefault(g.First().Sale.Order.ShopId, ""),
                g.Key.Currency, g.Sum(x => x.Line.Units), g.Sum(x => x.Line.Gmv), g.Sum(x => x.Line.Commission)))
            .OrderByDescending(p => p.Gmv).ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();

        return new CreatorResultsDto(start, end, model, options.Value.ConfirmAfterDays, brands, shows, links, products);
    }

    /// <summary>The CSV's columns (English keys; a caller in another language reads them in theirs).</summary>
    private static readonly string[] CsvColumns =
    [
        "order_number", "placed_at_utc", "status", "brand", "show", "link", "product", "quantity", "currency", "credited_gmv", "commission_rate", "commission", "commission_state",
    ];

    /// <summary>
    /// Every credited line opened to the creator in the period, one row each: the order's number (not the buyer), the brand, show, the link
    /// that got the most credit, the product, the units not refunded, the credited GMV, the rate and the commission.
    /// </summary>
    public async Task<string> CsvAsync(ClaimsPrincipal caller, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var (start, end) = CreatorPeriod.Of(from, to, clock);
        var book = await BookAsync(caller.RequireUserId(), start, end, cancellationToken);
        var now = clock.GetUtcNow();
        var csv = new StringBuilder();
        csv.AppendJoin(',', CsvColumns.Select(c => OrderQueries.Field(T[c]))).Append("\r\n");
        foreach (var sale in book.Sales.OrderBy(s => s.Order.PlacedAt))
        {
            var code = sale.Share.Links.MaxBy(l => l.Value.Gmv).Key;
            var state = CreatorLedger.IsConfirmed(sale.Order, now, options.Value.ConfirmAfter) ? T["confirmed"] : T["pending"];
            foreach (var line in sale.Share.Opened)
            {
                csv.AppendJoin(',',
                    OrderQueries.Field(sale.Order.Number),
                    OrderQueries.Field(sale.Order.PlacedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                    OrderQueries.Field(sale.Order.Status.ToString()),
                    OrderQueries.Field(book.BrandNames.GetValueOrDefault(sale.Order.ShopId, "")),
                    OrderQueries.Field(book.ShowTitles.GetValueOrDefault(sale.Order.ShowId, "")),
                    OrderQueries.Field(code),
                    OrderQueries.Field(line.Line.Name),
                    line.Units.ToString(CultureInfo.InvariantCulture),
                    OrderQueries.Field(sale.Order.Currency),
                    line.Gmv.ToString("0.00", CultureInfo.InvariantCulture),
                    line.Rate.ToString("0.####", CultureInfo.InvariantCulture),
                    line.Commission.ToString("0.00", CultureInfo.InvariantCulture),
                    OrderQueries.Field(state));
                csv.Append("\r\n");
            }
        }

        return csv.ToString();
    }

    private static decimal Rate(int orders, int visitors) => visitors == 0 ? 0 : decimal.Round((decimal)Math.Min(orders, visitors) / visitors, 4);

    private sealed record Brand(string Name, CreatorProgram Program, decimal? RateOverride);

    private sealed record LinkRow(string Code, Guid ShowId, string ShowTitle, Guid ShopId, string Currency, Guid? ProductId, string? ProductName, DateTimeOffset CreatedAt);

    private sealed record Touch(string Code, Guid VisitorId);

    private sealed record Sale(Order Order, CreatorShare Share);

    private sealed record Book(
        IReadOnlyDictionary<string, LinkRow> Links,
        IReadOnlyList<Touch> Touches,
        IReadOnlyList<Sale> Sales,
        IReadOnlyDictionary<Guid, string> BrandNames,
        IReadOnlyDictionary<Guid, string> ShowTitles);

    /// <summary>The brands (of active shops) that approved the creator, with their programs; one brand when <paramref name="shopId"/> is given.</summary>
    private async Task<Dictionary<Guid, Brand>> ApprovedAsync(Guid userId, Guid? shopId, CancellationToken cancellationToken)
    {
        var rows = await db.CreatorEnrollments.AsNoTracking()
            .Where(e => e.CreatorId == userId && e.Status == CreatorStatus.Approved && (shopId == null || e.ShopId == shopId)
                && !db.ShopMembers.Any(m => m.ShopId == e.ShopId && m.UserId == userId))
            .Join(db.CreatorPrograms, e => e.ShopId, p => p.ShopId, (e, p) => new { e.RateOverride, Program = p })
            .Join(db.Shops.Where(s => s.SuspendedAt == null), x => x.Program.ShopId, s => s.Id, (x, s) => new { x.RateOverride, x.Program, s.Name })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Program.ShopId, r => new Brand(r.Name, r.Program, r.RateOverride));
    }

    /// <summary>The creator's links, their openings in the period, and their shares of the orders placed in it that count as sales.</summary>
    private async Task<Book> BookAsync(Guid userId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var links = await db.ShareLinks.AsNoTracking()
            .Where(l => l.CreatedById == userId && l.ByCreator)
            .Join(db.Shows, l => l.ShowId, s => s.Id, (l, s) => new { l.Code, l.ShowId, s.Title, s.ShopId, s.Currency, l.ProductId, l.CreatedAt })
            .ToListAsync(cancellationToken);
        var productIds = links.Where(l => l.ProductId != null).Select(l => l.ProductId!.Value).Distinct().ToList();
        var productNames = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var rows = links.ToDictionary(
            l => l.Code,
            l => new LinkRow(l.Code, l.ShowId, l.Title, l.ShopId, l.Currency, l.ProductId, l.ProductId is { } p ? productNames.GetValueOrDefault(p) : null, l.CreatedAt),
            StringComparer.Ordinal);

        var touches = await db.LinkTouches.AsNoTracking()
            .Where(t => t.CreditedToId == userId && t.At >= start && t.At < end)
            .Select(t => new Touch(t.Code, t.VisitorId))
            .ToListAsync(cancellationToken);
        touches = [.. touches.Where(t => rows.ContainsKey(t.Code))];

        var codes = rows.Keys.ToHashSet(StringComparer.Ordinal);
        var codeList = codes.ToList();
        var orders = codeList.Count == 0 ? [] : await db.Orders.AsNoTracking()
            .Where(o => o.Touches.Any(t => t.CreditedToId == userId && codeList.Contains(t.Code)) && OrderStatuses.CountedAsSale.Contains(o.Status) && o.PlacedAt >= start && o.PlacedAt < end)
            .ToListAsync(cancellationToken);
        var sales = orders
            .Select(o => CreatorLedger.Shares(o, attribution.Value.Model, attribution.Value.HalfLife, codes).FirstOrDefault(s => s.CreatorId == userId) is { Opened.Count: > 0 } share ? new Sale(o, share) : null)
            .OfType<Sale>()
            .ToList();

        var shopIds = rows.Values.Select(r => r.ShopId).Concat(sales.Select(s => s.Order.ShopId)).Distinct().ToList();
        var brandNames = await db.Shops.Where(s => shopIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var showTitles = rows.Values.GroupBy(r => r.ShowId).ToDictionary(g => g.Key, g => g.First().ShowTitle);
        return new Book(rows, touches, sales, brandNames, showTitles);
    }
}

/// <summary>A report's period: [from, to), by default the last 30 days, at most a year.</summary>
internal static class CreatorPeriod
{
    public static (DateTimeOffset Start, DateTimeOffset End) Of(DateTimeOffset? from, DateTimeOffset? to, TimeProvider clock)
    {
        var end = (to ?? clock.GetUtcNow()).ToMilliseconds();
        var start = (from ?? end.AddDays(-30)).ToMilliseconds();
        if (start >= end || end - start > TimeSpan.FromDays(366))
        {
            throw DomainException.Invalid(ProblemCodes.PeriodInvalid, "Choose a period that starts before it ends, at most a year long.");
        }

        return (start, end);
    }
}
