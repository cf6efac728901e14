using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Fulfilment;

/// <summary>
/// A shop's orders as its team works through them: the list (filtered, newest first, paged, with totals), the pick
/// list and the packing slips. Owners and managers see every order of the shop; a host sees the orders of the shows
/// they present (as host or co-host); moderators see none.
/// </summary>
public sealed class ShopOrderQueries(LiveShopDbContext db, ShopAccess access, OrderQueries orders, TimeProvider clock)
{
    /// <summary>The statuses of orders waiting to leave: what the pick list and the packing slips cover (not a gift nobody accepted yet: it has nowhere to go).</summary>
    public static readonly OrderStatus[] WaitingToShip = [OrderStatus.Paid, OrderStatus.CashOnDelivery, OrderStatus.Packed];

    /// <param name="from">The first day (in the shop's time zone) of orders placed, inclusive.</param>
    /// <param name="to">The last day (in the shop's time zone), inclusive.</param>
    /// <param name="page">0 for the newest <see cref="Limits.ShopOrdersPageSize"/> orders.</param>
    public async Task<ShopOrdersPageDto> ListAsync(ClaimsPrincipal caller, Guid shopId, Guid? showId, OrderStatus? status, DateOnly? from, DateOnly? to, int page, CancellationToken cancellationToken = default)
    {
        var (member, query) = await VisibleAsync(caller, shopId, showId, cancellationToken);
        if (page < 0)
        {
            throw DomainException.Invalid(ProblemCodes.ValidationFailed, "Pages are numbered from 0.");
        }

        if (from is { } first && to is { } last && last < first)
        {
            throw DomainException.Invalid(ProblemCodes.ValidationFailed, "The date range ends before it starts.");
        }

        if (status is { } wanted)
        {
            query = query.Where(o => o.Status == wanted);
        }

        var zone = ZoneOf(member.Shop);
        if (from is { } day)
        {
            var start = StartOfDay(day, zone);
            query = query.Where(o => o.PlacedAt >= start);
        }

        if (to is { } lastDay)
        {
            var end = StartOfDay(lastDay.AddDays(1), zone);
            query = query.Where(o => o.PlacedAt < end);
        }

        // Totals over every match, one per currency (summed here: SQLite cannot add decimals in SQL).
        var sums = await query.Select(o => new { o.Currency, o.Total, o.RefundedAmount }).ToListAsync(cancellationToken);
        var totals = sums.GroupBy(s => s.Currency).OrderBy(g => g.Key)
            .Select(g => new OrderTotalsDto(g.Key, g.Count(), g.Sum(s => s.Total), g.Sum(s => s.RefundedAmount), g.Sum(s => s.Total - s.RefundedAmount)))
            .ToList();
        var items = await query.OrderByDescending(o => o.PlacedAt).ThenBy(o => o.Id)
            .Skip(page * Limits.ShopOrdersPageSize).Take(Limits.ShopOrdersPageSize)
            .ToListAsync(cancellationToken);
        return new ShopOrdersPageDto(await orders.WithTitlesAsync(items, cancellationToken), sums.Count, page, Limits.ShopOrdersPageSize, totals);
    }

    /// <summary>Units to pick per product and variant over the orders waiting to ship (of one show, or all), refunded units left out.</summary>
    public async Task<PickListDto> PickListAsync(ClaimsPrincipal caller, Guid shopId, Guid? showId, CancellationToken cancellationToken = default)
    {
        var (member, query) = await VisibleAsync(caller, shopId, showId, cancellationToken);
        var waiting = await query.Where(o => WaitingToShip.Contains(o.Status) && !(o.IsGift && o.GiftAcceptedAt == null)).ToListAsync(cancellationToken);
        var lines = waiting.SelectMany(o => o.Lines.Select(l => (Order: o.Id, Line: l, Units: l.Quantity - l.RefundedQuantity)))
            .Where(x => x.Units > 0)
            .ToList();
        var skus = await SkusAsync(lines.Select(x => x.Line), cancellationToken);
        var picks = lines.GroupBy(x => (x.Line.ProductId, x.Line.VariantId))
            .Select(g =>
            {
                var line = g.First().Line;
                return new PickListLineDto(line.ProductId, skus.GetValueOrDefault((line.ProductId, line.VariantId), ""), line.Name, line.VariantId, line.VariantLabel,
                    g.Sum(x => x.Units), g.Select(x => x.Order).Distinct().Count());
            })
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.VariantLabel, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        var title = showId is { } id ? await db.Shows.Where(s => s.Id == id).Select(s => s.Title).SingleOrDefaultAsync(cancellationToken) : null;
        return new PickListDto(member.Shop.Name, showId, title, lines.Select(x => x.Order).Distinct().Count(), picks.Sum(p => p.Units), picks, clock.GetUtcNow());
    }

    /// <summary>
    /// One slip per order, oldest first: the orders named in <paramref name="orderIds"/> (any status, so a slip can be
    /// printed again), or else the orders waiting to ship (of one show, or all).
    /// </summary>
    public async Task<PackingSlipsDto> PackingSlipsAsync(ClaimsPrincipal caller, Guid shopId, Guid? showId, IReadOnlyList<Guid>? orderIds, CancellationToken cancellationToken = default)
    {
        var (member, query) = await VisibleAsync(caller, shopId, showId, cancellationToken);
        if (orderIds is { Count: > 0 } ids)
        {
            if (ids.Count > Limits.BulkOrdersMax)
            {
                throw DomainException.Invalid(ProblemCodes.BulkInvalid, "Print at most {0} slips at once.", Limits.BulkOrdersMax);
            }

            query = query.Where(o => ids.Contains(o.Id));
        }
        else
        {
            query = query.Where(o => WaitingToShip.Contains(o.Status) && !(o.IsGift && o.GiftAcceptedAt == null));
        }

        var found = await query.OrderBy(o => o.PlacedAt).ThenBy(o => o.Id).Take(Limits.BulkOrdersMax).ToListAsync(cancellationToken);
        var showIds = found.Select(o => o.ShowId).Distinct().ToList();
        var titles = await db.Shows.Where(s => showIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Title, cancellationToken);
        var skus = await SkusAsync(found.SelectMany(o => o.Lines), cancellationToken);
        var slips = found.Select(o => new PackingSlipDto(
                o.Id, o.Number, titles.GetValueOrDefault(o.ShowId, ""), o.PlacedAt, o.Status, o.PaymentMethod, o.Currency, o.NetTotal, o.ShippingAddress.ToDto(),
                [.. o.Lines.OrderBy(l => l.LineNumber).Where(l => l.Quantity > l.RefundedQuantity)
                    .Select(l => new PackingSlipLineDto(skus.GetValueOrDefault((l.ProductId, l.VariantId), ""), l.Name, l.VariantLabel, l.Quantity - l.RefundedQuantity))]))
            .ToList();
        return new PackingSlipsDto(member.Shop.Name, member.Shop.ContactEmail, slips);
    }

    /// <summary>The shop's orders the caller may see (a host: the shows they present), of one show when given.</summary>
    private async Task<(ShopMembership Member, IQueryable<Order> Query)> VisibleAsync(ClaimsPrincipal caller, Guid shopId, Guid? showId, CancellationToken cancellationToken)
    {
        var member = await access.RequireAsync(caller, shopId, ShopPermissions.CanHost, "see its orders", cancellationToken);
        var query = db.Orders.AsNoTracking().Where(o => o.ShopId == shopId);
        if (!ShopPermissions.CanManageCatalog(member.Role))
        {
            var me = member.UserId;
            query = query.Where(o => o.HostId == me || o.CoHostId == me);
        }

        if (showId is { } id)
        {
            if (!await db.Shows.AnyAsync(s => s.Id == id && s.ShopId == shopId, cancellationToken))
            {
                throw DomainException.ShowNotFound();
            }

            query = query.Where(o => o.ShowId == id);
        }

        return (member, query);
    }

    /// <summary>Today's SKU of each product and variant bought (a variant's own SKU when it has one, else the product's).</summary>
    private async Task<Dictionary<(Guid ProductId, Guid? VariantId), string>> SkusAsync(IEnumerable<OrderLine> lines, CancellationToken cancellationToken)
    {
        var list = lines.ToList();
        var productIds = list.Select(l => l.ProductId).Distinct().ToList();
        var variantIds = list.Where(l => l.VariantId is not null).Select(l => l.VariantId!.Value).Distinct().ToList();
        var products = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Sku, cancellationToken);
        var variants = await db.Set<ProductVariant>().Where(v => variantIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Sku, cancellationToken);
        var skus = new Dictionary<(Guid, Guid?), string>();
        foreach (var line in list)
        {
            var sku = line.VariantId is { } v && variants.TryGetValue(v, out var variantSku) && variantSku.Length > 0
                ? variantSku
                : products.GetValueOrDefault(line.ProductId, "");
            skus[(line.ProductId, line.VariantId)] = sku;
        }

        return skus;
    }

    internal static TimeZoneInfo ZoneOf(Shop shop)
    {
        try
        {
            return string.IsNullOrEmpty(shop.TimeZone) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(shop.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    internal static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            // The clocks jumped over midnight that day: the day starts at the first minute that exists.
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
