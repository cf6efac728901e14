using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Shows;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Sales;

/// <summary>
/// The host's numbers: GMV and friends, top products, flash results, the per-minute chart,
/// attribution under every model and the commission. Sums are done in decimal in memory (SQLite
/// cannot add decimals), over the orders that count as sales (paid, cash on delivery, packed, shipped,
/// delivered), net of refunds: an order counts its <see cref="Order.NetTotal"/> and each line its units not
/// refunded, so a partial refund lowers every figure to the cent and a fully refunded order counts zero.
/// </summary>
public sealed class SalesQueries(LiveShopDbContext db, IOptions<AttributionOptions> attribution, TimeProvider clock)
{
    public async Task<SalesSummaryDto> SummaryAsync(Guid showId, CancellationToken cancellationToken = default)
    {
        var currency = await db.Shows.Where(s => s.Id == showId).Select(s => s.Currency).SingleOrDefaultAsync(cancellationToken) ?? "";
        return Summarize(showId, currency, await CountedOrdersAsync(showId, cancellationToken), await UniqueViewersAsync(showId, cancellationToken));
    }

    public async Task<SalesDashboardDto> DashboardAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        var show = await OrderQueries.LoadPresentedAsync(db, caller, showId, cancellationToken);
        var orders = await CountedOrdersAsync(showId, cancellationToken);
        var summary = Summarize(showId, show.Currency, orders, await UniqueViewersAsync(showId, cancellationToken));

        var topProducts = orders.SelectMany(o => o.Lines).Where(l => NetUnits(l) > 0)
            .GroupBy(l => l.ProductId)
            .Select(g => new TopProductDto(g.Key, g.First().Name, g.First().ImageUrl, g.Sum(NetUnits), g.Sum(NetRevenue)))
            .OrderByDescending(p => p.Revenue).ThenByDescending(p => p.Units).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Take(10)
            .ToList();

        var names = await db.ShowProducts.Where(p => p.ShowId == showId).Select(p => new { p.ProductId, p.Product!.Name }).ToDictionaryAsync(p => p.ProductId, p => p.Name, cancellationToken);
        var sales = await db.FlashSales.AsNoTracking().Where(s => s.ShowId == showId).ToListAsync(cancellationToken);
        var flashUnits = orders.SelectMany(o => o.Lines).Where(l => l.FlashSaleId is not null).GroupBy(l => l.FlashSaleId!.Value).ToDictionary(g => g.Key, g => g.Sum(NetUnits));
        var flash = sales.OrderBy(s => s.StartsAt).Select(s => new FlashSaleResultDto(
            s.Id, s.ProductId, names.GetValueOrDefault(s.ProductId, ""), s.Price, s.ListPrice, s.QuantityCap, s.PerBuyerCap,
            flashUnits.GetValueOrDefault(s.Id), s.StartsAt, s.EndsAt, s.EndedAt, s.EndReason,
            s.EndReason == FlashSaleEndReason.SoldOut ? s.EndedAt : null)).ToList();

        return new SalesDashboardDto(show.Id, show.Title, show.Status, show.WentLiveAt, show.EndedAt, summary, topProducts, flash,
            await PerMinuteAsync(show, orders, cancellationToken), await AttributionAsync(orders, summary.Gmv, cancellationToken), await EarningsAsync(show, orders.Where(o => o.ShopId == show.ShopId).Sum(o => o.NetTotal), cancellationToken));
    }

    /// <summary>A host's earnings for [from, to): every show they host or co-host, by the order's time.</summary>
    public async Task<EarningsReportDto> EarningsReportAsync(ClaimsPrincipal caller, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        var userId = caller.RequireUserId();
        var end = (to ?? clock.GetUtcNow()).ToMilliseconds();
        var start = (from ?? end.AddDays(-30)).ToMilliseconds();
        if (start >= end || end - start > TimeSpan.FromDays(366))
        {
            throw DomainException.Invalid(ProblemCodes.PeriodInvalid, "Choose a period that starts before it ends, at most a year long.");
        }

        var shows = await db.Shows.AsNoTracking().Where(s => s.HostId == userId || s.CoHostId == userId).ToListAsync(cancellationToken);
        var showIds = shows.Select(s => s.Id).ToList();
        var orders = Counted(await db.Orders.AsNoTracking()
            .Where(o => showIds.Contains(o.ShowId) && OrderStatuses.CountedAsSale.Contains(o.Status) && o.PlacedAt >= start && o.PlacedAt < end)
            .ToListAsync(cancellationToken));
        var lines = new List<ShowEarningsDto>();
        foreach (var show in shows)
        {
            // A creator's show may sell brands' products: the show's shop pays its hosts on its own orders only.
            var gmv = orders.Where(o => o.ShowId == show.Id && o.ShopId == show.ShopId).Sum(o => o.NetTotal);
            if (gmv == 0)
            {
                continue;
            }

            var (_, hostPart, coHostPart) = Commission.Split(gmv, show.CommissionRate, show.CoHostShare);
            var isHost = show.HostId == userId;
            lines.Add(new ShowEarningsDto(show.Id, show.Title, show.WentLiveAt, isHost ? "Host" : "Co-host", show.Currency, gmv, show.CommissionRate, isHost ? hostPart : coHostPart));
        }

        var ordered = lines.OrderByDescending(l => l.WentLiveAt).ToList();
        return new EarningsReportDto(start, end, ordered, ordered.GroupBy(l => l.Currency).ToDictionary(g => g.Key, g => g.Sum(l => l.Earned)));
    }

    private async Task<List<Order>> CountedOrdersAsync(Guid showId, CancellationToken cancellationToken) =>
        Counted(await db.Orders.AsNoTracking().Where(o => o.ShowId == showId && OrderStatuses.CountedAsSale.Contains(o.Status)).ToListAsync(cancellationToken));

    /// <summary>Orders that still sell something: one whose every unit was refunded counts zero, whatever its status.</summary>
    private static List<Order> Counted(List<Order> orders) => [.. orders.Where(o => o.Lines.Any(l => NetUnits(l) > 0))];

    /// <summary>A line's units not refunded.</summary>
    private static int NetUnits(OrderLine line) => line.Quantity - line.RefundedQuantity;

    /// <summary>What a line still earns: its unit price × units not refunded (refunds are Σ unit price × units, so these add up to the orders' net totals).</summary>
    private static decimal NetRevenue(OrderLine line) => line.UnitPrice * NetUnits(line);

    /// <summary>
    /// Unique viewers: the distinct signed-in users (guests included) other than the show's host and
    /// co-host, plus the browsers (visitor ids) that only ever watched anonymously. A browser seen
    /// signed in at any time merges into that user, so one person in one browser counts once before and
    /// after "continue as guest"; a user on two browsers is one. Bare connections (neither a user nor a
    /// visitor id: rows stored as <c>c:</c> before they stopped being recorded) and crawlers are not
    /// viewers (docs/metrics.md).
    /// </summary>
    private async Task<int> UniqueViewersAsync(Guid showId, CancellationToken cancellationToken)
    {
        var staff = await db.Shows.Where(s => s.Id == showId).Select(s => new[] { s.HostId, s.CoHostId ?? Guid.Empty }).SingleOrDefaultAsync(cancellationToken) ?? [];
        var seen = db.ShowViewers.Where(v => v.ShowId == showId);
        var users = await seen.Where(v => v.UserId != null && !staff.Contains(v.UserId.Value)).Select(v => v.UserId).Distinct().CountAsync(cancellationToken);
        var anonymous = await seen.Where(v => v.UserId == null && v.VisitorId != null && !seen.Any(s => s.UserId != null && s.VisitorId == v.VisitorId))
            .CountAsync(cancellationToken);
        return users + anonymous;
    }

    private static SalesSummaryDto Summarize(Guid showId, string currency, IReadOnlyList<Order> orders, int uniqueViewers)
    {
        var gmv = orders.Sum(o => o.NetTotal);
        var buyers = orders.Select(o => o.BuyerId).Distinct().Count();
        var conversion = uniqueViewers == 0 ? 0 : decimal.Round((decimal)Math.Min(buyers, uniqueViewers) / uniqueViewers, 4);
        var aov = orders.Count == 0 ? 0 : decimal.Round(gmv / orders.Count, 2, MidpointRounding.AwayFromZero);
        return new SalesSummaryDto(showId, currency, gmv, orders.Count, orders.Sum(o => o.Lines.Sum(NetUnits)), buyers, uniqueViewers, conversion, aov);
    }

    private async Task<IReadOnlyList<MinutePointDto>> PerMinuteAsync(Show show, IReadOnlyList<Order> orders, CancellationToken cancellationToken)
    {
        if (show.WentLiveAt is not { } start)
        {
            return [];
        }

        var first = start.ToMinute();
        var last = (show.EndedAt ?? clock.GetUtcNow()).ToMinute();
        if (last - first > TimeSpan.FromHours(12))
        {
            first = last - TimeSpan.FromHours(12);
        }

        var peaks = await db.ShowMinutes.AsNoTracking().Where(m => m.ShowId == show.Id).ToDictionaryAsync(m => m.Minute, m => m.Viewers, cancellationToken);
        var ordersPerMinute = orders.GroupBy(o => o.PlacedAt.ToMinute()).ToDictionary(g => g.Key, g => g.Count());
        var points = new List<MinutePointDto>();
        for (var minute = first; minute <= last; minute = minute.AddMinutes(1))
        {
            points.Add(new MinutePointDto(minute, peaks.GetValueOrDefault(minute), ordersPerMinute.GetValueOrDefault(minute)));
        }

        return points;
    }

    private async Task<AttributionReportDto> AttributionAsync(IReadOnlyList<Order> orders, decimal gmv, CancellationToken cancellationToken)
    {
        var options = attribution.Value;
        var credit = new Dictionary<string, decimal[]>(StringComparer.Ordinal);
        const string direct = "";
        var models = Enum.GetValues<AttributionModel>();
        foreach (var order in orders)
        {
            if (order.Touches.Count == 0)
            {
                Add(direct, models.Select(_ => order.NetTotal).ToArray());
                continue;
            }

            for (var m = 0; m < models.Length; m++)
            {
                foreach (var (code, amount) in order.Credits(models[m], options.HalfLife))
                {
                    var row = credit.TryGetValue(code, out var r) ? r : credit[code] = new decimal[models.Length];
                    row[m] += amount;
                }
            }
        }

        var codes = credit.Keys.Where(k => k != direct).ToList();
        var links = await db.ShareLinks.AsNoTracking().Where(l => codes.Contains(l.Code))
            .Select(l => new { l.Code, l.ProductId, l.CreatedById }).ToListAsync(cancellationToken);
        var people = links.Select(l => l.CreatedById).Distinct().ToList();
        var names = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var productIds = links.Where(l => l.ProductId != null).Select(l => l.ProductId!.Value).ToList();
        var products = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);

        var rows = credit.Select(kv =>
        {
            var link = links.FirstOrDefault(l => l.Code == kv.Key);
            var label = kv.Key == direct ? "Direct (no share link)"
                : $"{kv.Key} · {(link?.ProductId is { } p ? products.GetValueOrDefault(p, "product") : "whole show")}";
            var to = kv.Key == direct ? "Show host" : names.GetValueOrDefault(link?.CreatedById ?? Guid.Empty, "");
            return new AttributionRowDto(kv.Key == direct ? null : kv.Key, label, to, kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3]);
        })
        .OrderBy(r => r.Code is null).ThenByDescending(r => r.LastTouch).ThenBy(r => r.Code, StringComparer.Ordinal)
        .ToList();
        return new AttributionReportDto(options.Model, options.WindowDays, options.HalfLifeHours, gmv, rows);

        void Add(string code, decimal[] amounts)
        {
            var row = credit.TryGetValue(code, out var r) ? r : credit[code] = new decimal[models.Length];
            for (var i = 0; i < amounts.Length; i++)
            {
                row[i] += amounts[i];
            }
        }
    }

    private async Task<EarningsDto> EarningsAsync(Show show, decimal gmv, CancellationToken cancellationToken)
    {
        var ids = new[] { show.HostId, show.CoHostId ?? Guid.Empty };
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var (commission, hostPart, coHostPart) = Commission.Split(gmv, show.CommissionRate, show.CoHostShare);
        return new EarningsDto(show.Currency, gmv, show.CommissionRate, commission,
            new EarningShareDto(show.HostId, names.GetValueOrDefault(show.HostId, ""), 1 - show.CoHostShare, hostPart),
            show.CoHostId is { } co ? new EarningShareDto(co, names.GetValueOrDefault(co, ""), show.CoHostShare, coHostPart) : null);
    }
}

/// <summary>
/// The commission on a GMV, to the cent: rate × GMV rounded half away from zero, then split between
/// host and co-host by the largest-remainder rule so the two parts add up to the commission exactly.
/// </summary>
public static class Commission
{
    public static (decimal Commission, decimal Host, decimal CoHost) Split(decimal gmv, decimal rate, decimal coHostShare)
    {
        var commission = decimal.Round(gmv * rate, 2, MidpointRounding.AwayFromZero);
        if (coHostShare == 0 || commission == 0)
        {
            return (commission, commission, 0);
        }

        var parts = AttributionMath.Allocate(commission, [(double)(1 - coHostShare), (double)coHostShare]);
        return (commission, parts[0], parts[1]);
    }
}
