using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Creators;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Stores;

/// <summary>
/// The shop's stores ranked for a period (owners and managers): per store the openings of its staff's links, the
/// orders they touched and the GMV credited to them under every model; per staff member the same under the platform's
/// model. The stores' credits plus the rest (hosts' and creators' links, orders with no link) sum to the shop's GMV
/// net of refunds to the cent, because each order's credits are one split of its net total over its path.
/// </summary>
public sealed class StoreLeaderboard(LiveShopDbContext db, ShopAccess access, IOptions<AttributionOptions> attribution, TimeProvider clock)
{
    public async Task<StoreLeaderboardDto> ResultsAsync(ClaimsPrincipal caller, Guid shopId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var shop = (await access.RequireAsync(caller, shopId, ShopPermissions.CanManageStores, new("see the store leaderboard"), cancellationToken)).Shop;
        var (start, end) = CreatorPeriod.Of(from, to, clock);
        var stores = await db.Stores.AsNoTracking().Include(s => s.Staff).Where(s => s.ShopId == shopId).ToListAsync(cancellationToken);
        var storeIds = stores.Select(s => s.Id).ToList();
        var links = await db.ShareLinks.AsNoTracking()
            .Where(l => l.StoreId != null && storeIds.Contains(l.StoreId.Value))
            .ToDictionaryAsync(l => l.Code, l => new StoreLink(l.StoreId!.Value, l.CreatedById), StringComparer.Ordinal, cancellationToken);
        var touches = await db.LinkTouches.AsNoTracking()
            .Where(t => t.At >= start && t.At < end && db.ShareLinks.Any(l => l.Code == t.Code && l.StoreId != null && storeIds.Contains(l.StoreId.Value)))
            .Select(t => new { t.Code, t.VisitorId })
            .ToListAsync(cancellationToken);
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.ShopId == shopId && OrderStatuses.CountedAsSale.Contains(o.Status) && o.PlacedAt >= start && o.PlacedAt < end)
            .ToListAsync(cancellationToken);

        var models = Enum.GetValues<AttributionModel>();
        var model = attribution.Value.Model;
        var totals = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var byStore = new Dictionary<(Guid Store, string Currency), Tally>();
        var byStaff = new Dictionary<(Guid User, Guid Store, string Currency), Tally>();
        foreach (var order in orders.Where(o => o.NetTotal > 0))
        {
            var total = Row(totals, order.Currency, models.Length);
            total.Gmv += order.NetTotal;
            total.Orders++;
            foreach (var storeId in order.Touches.Where(t => links.ContainsKey(t.Code)).Select(t => links[t.Code].StoreId).Distinct())
            {
                Row(byStore, (storeId, order.Currency), models.Length).Orders++;
            }

            foreach (var key in order.Touches.Where(t => links.ContainsKey(t.Code)).Select(t => (links[t.Code].UserId, links[t.Code].StoreId)).Distinct())
            {
                Row(byStaff, (key.UserId, key.StoreId, order.Currency), models.Length).Orders++;
            }

            for (var m = 0; m < models.Length; m++)
            {
                foreach (var (code, amount) in order.Credits(models[m], attribution.Value.HalfLife))
                {
                    if (links.TryGetValue(code, out var link))
                    {
                        Row(byStore, (link.StoreId, order.Currency), models.Length).Credits[m] += amount;
                        total.Credits[m] += amount;
                        if (models[m] == model)
                        {
                            Row(byStaff, (link.UserId, link.StoreId, order.Currency), models.Length).Gmv += amount;
                        }
                    }
                }
            }
        }

        // Every store, every current staff member and everyone with a link gets a row (in the shop's currency), so the
        // board shows who has not sold yet.
        var storesWithRows = byStore.Keys.Select(k => k.Store).ToHashSet();
        var staffWithRows = byStaff.Keys.Select(k => (k.User, k.Store)).ToHashSet();
        foreach (var store in stores.Where(s => !storesWithRows.Contains(s.Id)))
        {
            Row(byStore, (store.Id, shop.DefaultCurrency), models.Length);
        }

        var people = stores.SelectMany(s => s.Staff.Select(m => (m.UserId, StoreId: s.Id))).Concat(links.Values.Select(l => (l.UserId, l.StoreId)));
        foreach (var (user, store) in people.Where(p => staffWithRows.Add((p.UserId, p.StoreId))))
        {
            Row(byStaff, (user, store, shop.DefaultCurrency), models.Length);
        }

        // Openings are not in a currency: they go on the row in the shop's currency, else on the first one.
        var storeClicks = touches.GroupBy(t => links[t.Code].StoreId).ToDictionary(g => g.Key, g => (Count: g.Count(), Visitors: g.Select(t => t.VisitorId).Distinct().Count()));
        var staffClicks = touches.GroupBy(t => (links[t.Code].UserId, links[t.Code].StoreId)).ToDictionary(g => g.Key, g => (Count: g.Count(), Visitors: g.Select(t => t.VisitorId).Distinct().Count()));
        var names = stores.ToDictionary(s => s.Id, s => s.Name);
        var userIds = byStaff.Keys.Select(k => k.User).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var storeCurrencies = byStore.Keys.ToLookup(k => k.Store, k => k.Currency);
        var staffCurrencies = byStaff.Keys.ToLookup(k => (k.User, k.Store), k => k.Currency);
        var current = stores.SelectMany(s => s.Staff.Select(m => (m.UserId, s.Id))).ToHashSet();

        var storeRows = byStore
            .Select(kv =>
            {
                var clicks = ClicksFor(storeCurrencies[kv.Key.Store], kv.Key.Currency, shop.DefaultCurrency)
                    ? storeClicks.GetValueOrDefault(kv.Key.Store) : default;
                var m = (int)model;
                return new StoreResultDto(kv.Key.Store, names[kv.Key.Store], kv.Key.Currency, clicks.Count, clicks.Visitors, kv.Value.Orders, kv.Value.Credits[m], Credits(kv.Value.Credits));
            })
            .OrderByDescending(r => r.Gmv).ThenByDescending(r => r.Orders).ThenByDescending(r => r.Clicks).ThenBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
        var staffRows = byStaff
            .Select(kv =>
            {
                var (user, store, currency) = kv.Key;
                var clicks = ClicksFor(staffCurrencies[(user, store)], currency, shop.DefaultCurrency)
                    ? staffClicks.GetValueOrDefault((user, store)) : default;
                return new StaffResultDto(user, users.GetValueOrDefault(user, ""), store, names[store], currency, clicks.Count, clicks.Visitors, kv.Value.Orders, kv.Value.Gmv,
                    !current.Contains((user, store)));
            })
            .OrderByDescending(r => r.Gmv).ThenByDescending(r => r.Orders).ThenByDescending(r => r.Clicks).ThenBy(r => r.DisplayName, StringComparer.CurrentCulture)
            .ToList();
        var currencyTotals = totals
            .Select(kv => new StoreCurrencyTotalDto(kv.Key, kv.Value.Gmv, kv.Value.Orders, Credits([.. kv.Value.Credits.Select(c => kv.Value.Gmv - c)])))
            .OrderByDescending(t => t.Gmv)
            .ToList();
        return new StoreLeaderboardDto(start, end, model, currencyTotals, storeRows, staffRows);
    }

    /// <summary>Whether a row in <paramref name="currency"/> carries the openings: the shop's currency if it has a row in it, else the first.</summary>
    private static bool ClicksFor(IEnumerable<string> currencies, string currency, string shopCurrency)
    {
        var all = currencies.ToList();
        return all.Contains(shopCurrency) ? currency == shopCurrency : currency == all[0];
    }

    private static Tally Row<TKey>(Dictionary<TKey, Tally> rows, TKey key, int models)
        where TKey : notnull =>
        rows.TryGetValue(key, out var row) ? row : rows[key] = new Tally(new decimal[models]);

    private static ModelCreditsDto Credits(decimal[] byModel) =>
        new(byModel[(int)AttributionModel.LastTouch], byModel[(int)AttributionModel.FirstTouch], byModel[(int)AttributionModel.Linear], byModel[(int)AttributionModel.TimeDecay]);

    private sealed record StoreLink(Guid StoreId, Guid UserId);

    private sealed class Tally(decimal[] credits)
    {
        public decimal Gmv { get; set; }

        public int Orders { get; set; }

        public decimal[] Credits { get; } = credits;
    }
}
