using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Sales;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Creators;

/// <summary>
/// A brand's creators side by side (owners and managers): each creator's clicks, visitors, orders, units, GMV and
/// commission in the period, their credit under all four models, and the products each sold. Per currency, the
/// creators' credits plus the rest (the team's links, orders with no link) sum to the brand's GMV net of refunds to
/// the cent under every model. Only this brand's orders and creators: a brand never sees another's.
/// </summary>
public sealed class BrandCreatorResults(
    LiveShopDbContext db,
    ShopAccess access,
    IOptions<AttributionOptions> attribution,
    IOptions<CreatorOptions> options,
    TimeProvider clock)
{
    public async Task<BrandCreatorResultsDto> ResultsAsync(ClaimsPrincipal caller, Guid shopId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, ShopPermissions.CanManageCreators, "see the creators' results", cancellationToken);
        var (start, end) = CreatorPeriod.Of(from, to, clock);
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.ShopId == shopId && OrderStatuses.CountedAsSale.Contains(o.Status) && o.PlacedAt >= start && o.PlacedAt < end)
            .ToListAsync(cancellationToken);
        orders = [.. orders.Where(o => o.NetTotal > 0)];

        // The creators' links that earn from this brand (its shows, and creators' shows with its products), and their openings in the period.
        var brandLinks = CreatorCatalog.LinksForBrand(db, shopId);
        var links = await brandLinks.AsNoTracking()
            .Select(l => new { l.Code, l.CreatedById })
            .ToListAsync(cancellationToken);
        var codes = links.Select(l => l.Code).ToHashSet(StringComparer.Ordinal);
        var touches = await db.LinkTouches.AsNoTracking()
            .Where(t => t.At >= start && t.At < end && brandLinks.Any(l => l.Code == t.Code))
            .Select(t => new { t.CreditedToId, t.VisitorId })
            .ToListAsync(cancellationToken);

        var models = Enum.GetValues<AttributionModel>();
        var halfLife = attribution.Value.HalfLife;
        var model = attribution.Value.Model;
        var now = clock.GetUtcNow();

        // Per (creator, currency): credit under each model; under the platform's model the shares (lines, commission).
        var credits = new Dictionary<(Guid, string), decimal[]>();
        var shares = new List<(Order Order, CreatorShare Share)>();
        var totals = new Dictionary<string, CurrencyTotal>(StringComparer.Ordinal);
        foreach (var order in orders)
        {
            var total = totals.TryGetValue(order.Currency, out var t) ? t : totals[order.Currency] = new CurrencyTotal(new decimal[models.Length]);
            total.Gmv += order.NetTotal;
            total.Orders++;
            for (var m = 0; m < models.Length; m++)
            {
                foreach (var share in CreatorLedger.Shares(order, models[m], halfLife, codes))
                {
                    var row = credits.TryGetValue((share.CreatorId, order.Currency), out var r) ? r : credits[(share.CreatorId, order.Currency)] = new decimal[models.Length];
                    row[m] += share.Gmv;
                    total.Creators[m] += share.Gmv;
                    if (models[m] == model)
                    {
                        shares.Add((order, share));
                    }
                }
            }
        }

        var creatorIds = links.Select(l => l.CreatedById).Concat(credits.Keys.Select(k => k.Item1)).Distinct().ToList();
        var people = await db.CreatorProfiles.AsNoTracking().Where(p => creatorIds.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, p => new { p.Handle, p.DisplayName }, cancellationToken);
        var statuses = await db.CreatorEnrollments.AsNoTracking().Where(e => e.ShopId == shopId && creatorIds.Contains(e.CreatorId))
            .ToDictionaryAsync(e => e.CreatorId, e => e.Status, cancellationToken);
        var shopCurrency = await db.Shops.Where(s => s.Id == shopId).Select(s => s.DefaultCurrency).SingleAsync(cancellationToken);

        // A creator with links but no credit yet still gets a row (in the shop's currency), so clicks show before sales.
        var keys = credits.Keys.ToList();
        keys.AddRange(links.Select(l => l.CreatedById).Distinct().Where(id => !credits.Keys.Any(k => k.Item1 == id)).Select(id => (id, shopCurrency)));
        // Clicks are not in a currency: they go on the creator's row in the shop's currency, else on their first row.
        var carriesClicks = keys.GroupBy(k => k.Item1).Select(g => g.Any(k => k.Item2 == shopCurrency) ? (g.Key, shopCurrency) : g.First()).ToHashSet();
        var rows = keys
            .Select(k =>
            {
                var (creatorId, currency) = k;
                var person = people.GetValueOrDefault(creatorId);   // null: the creator deleted their account (their credit still counts)
                var mine = shares.Where(s => s.Share.CreatorId == creatorId && s.Order.Currency == currency).ToList();
                var row = credits.GetValueOrDefault(k) ?? new decimal[models.Length];
                var clicks = touches.Where(t => t.CreditedToId == creatorId).ToList();
                var withClicks = carriesClicks.Contains(k);
                return new BrandCreatorResultDto(creatorId, person?.Handle ?? "", person?.DisplayName ?? "",
                    statuses.GetValueOrDefault(creatorId, CreatorStatus.Removed), currency,
                    withClicks ? clicks.Count : 0, withClicks ? clicks.Select(c => c.VisitorId).Distinct().Count() : 0,
                    mine.Count, mine.Sum(s => s.Share.Lines.Sum(l => l.Units)), mine.Sum(s => s.Share.Gmv), Credits(row),
                    mine.Where(s => !CreatorLedger.IsConfirmed(s.Order, now, options.Value.ConfirmAfter)).Sum(s => s.Share.Commission),
                    mine.Where(s => CreatorLedger.IsConfirmed(s.Order, now, options.Value.ConfirmAfter)).Sum(s => s.Share.Commission));
            })
            .OrderByDescending(r => r.Gmv).ThenByDescending(r => r.Clicks).ThenBy(r => r.Handle, StringComparer.Ordinal)
            .ToList();

        var products = shares.SelectMany(s => s.Share.Lines.Select(l => (s.Share.CreatorId, s.Order.Currency, Line: l)))
            .GroupBy(x => (x.CreatorId, x.Line.Line.ProductId, x.Currency))
            .Select(g => new BrandCreatorProductDto(g.Key.CreatorId, g.Key.ProductId, g.First().Line.Line.Name, g.Key.Currency, g.Sum(x => x.Line.Units), g.Sum(x => x.Line.Gmv)))
            .OrderByDescending(p => p.Gmv)
            .ToList();

        var currencyTotals = totals
            .Select(kv => new BrandCurrencyTotalDto(kv.Key, kv.Value.Gmv, kv.Value.Orders, Credits([.. kv.Value.Creators.Select(c => kv.Value.Gmv - c)])))
            .OrderByDescending(c => c.Gmv)
            .ToList();
        return new BrandCreatorResultsDto(start, end, model, currencyTotals, rows, products);
    }

    private sealed class CurrencyTotal(decimal[] creators)
    {
        public decimal Gmv { get; set; }

        public int Orders { get; set; }

        /// <summary>What the creators are credited with, per model.</summary>
        public decimal[] Creators { get; } = creators;
    }

    private static ModelCreditsDto Credits(decimal[] byModel) =>
        new(byModel[(int)AttributionModel.LastTouch], byModel[(int)AttributionModel.FirstTouch], byModel[(int)AttributionModel.Linear], byModel[(int)AttributionModel.TimeDecay]);
}
