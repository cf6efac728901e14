using System.Globalization;
using System.Security.Claims;
using System.Text;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Fulfilment;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Shops;
using LiveShop.Server.Resources;
using LiveShop.Shared;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Creators;

/// <summary>
/// Monthly statements: per brand, creator and currency, the orders placed in a month (in the brand's time zone) that
/// credit the creator, their GMV and commission — pending and confirmed — what the brand marked paid and what is due.
/// A brand marks what is due paid (the confirmed commission not yet paid); it may do so again later in the month's
/// life, as more orders are confirmed. A creator sees their statements from every brand; a brand only its own.
/// </summary>
public sealed class CreatorStatements(
    LiveShopDbContext db,
    ShopAccess access,
    IOptions<AttributionOptions> attribution,
    IOptions<CreatorOptions> options,
    IStringLocalizer<ReportText> T,
    TimeProvider clock)
{
    private const string WhatFor = "manage the creator program";

    public async Task<List<CreatorStatementDto>> BrandAsync(ClaimsPrincipal caller, Guid shopId, string? month, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, ShopPermissions.CanManageCreators, WhatFor, cancellationToken);
        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Id == shopId, cancellationToken);
        return await StatementsAsync(shop, MonthOf(month, shop), null, cancellationToken);
    }

    /// <summary>The caller's statements for the month from every brand they earned from.</summary>
    public async Task<List<CreatorStatementDto>> CreatorAsync(ClaimsPrincipal caller, string? month, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        ParseMonth(month);   // refused even when the creator has no brand yet
        var shopIds = await CreatorCatalog.BrandsOfLinksAsync(db, userId, cancellationToken);
        var shops = await db.Shops.AsNoTracking().Where(s => shopIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var rows = new List<CreatorStatementDto>();
        foreach (var shop in shops)
        {
            rows.AddRange(await StatementsAsync(shop, MonthOf(month, shop), userId, cancellationToken, openedOnly: true));
        }

        return [.. rows.OrderBy(r => r.BrandName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Currency, StringComparer.Ordinal)];
    }

    /// <summary>The CSV's columns (English keys; a caller in another language reads them in theirs).</summary>
    private static readonly string[] CsvColumns =
    [
        "brand", "creator_handle", "creator_name", "month", "currency", "orders", "refunded_orders", "gmv", "commission_pending", "commission_confirmed", "paid", "due", "last_paid_at_utc",
    ];

    /// <summary>The brand's statements for the month as CSV, with the month they are for.</summary>
    public async Task<(string Csv, string Month)> BrandCsvAsync(ClaimsPrincipal caller, Guid shopId, string? month, CancellationToken cancellationToken)
    {
        await access.RequireAsync(caller, shopId, ShopPermissions.CanManageCreators, WhatFor, cancellationToken);
        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Id == shopId, cancellationToken);
        var key = MonthOf(month, shop);
        return (Csv(await StatementsAsync(shop, key, null, cancellationToken)), key.Key);
    }

    /// <summary>The caller's statements for the month from every brand as CSV, with the month they are for.</summary>
    public async Task<(string Csv, string Month)> CreatorCsvAsync(ClaimsPrincipal caller, string? month, CancellationToken cancellationToken)
    {
        var rows = await CreatorAsync(caller, month, cancellationToken);
        var key = (ParseMonth(month) ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return (Csv(rows), key);
    }

    /// <summary>One row per creator, brand and currency: what the screen shows, amounts with a dot and two decimals.</summary>
    private string Csv(IEnumerable<CreatorStatementDto> rows)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', CsvColumns.Select(c => OrderQueries.Field(T[c]))).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',',
                OrderQueries.Field(row.BrandName),
                OrderQueries.Field(row.Handle),
                OrderQueries.Field(row.DisplayName),
                row.Month,
                row.Currency,
                row.Orders.ToString(CultureInfo.InvariantCulture),
                row.RefundedOrders.ToString(CultureInfo.InvariantCulture),
                Amount(row.Gmv),
                Amount(row.CommissionPending),
                Amount(row.CommissionConfirmed),
                Amount(row.Paid),
                Amount(row.Due),
                row.LastPaidAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "");
            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Records the confirmed commission not yet paid as paid now; 409 <c>nothing-due</c> when none is.</summary>
    public async Task<CreatorStatementDto> MarkPaidAsync(ClaimsPrincipal caller, Guid shopId, Guid creatorId, MarkStatementPaidRequest? request, CancellationToken cancellationToken)
    {
        var membership = await access.RequireAsync(caller, shopId, ShopPermissions.CanManageCreators, WhatFor, cancellationToken);
        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Id == shopId, cancellationToken);
        var month = MonthOf(request?.Month, shop);
        var statement = (await StatementsAsync(shop, month, creatorId, cancellationToken)).SingleOrDefault(s => s.Currency == request?.Currency)
            ?? throw DomainException.NotFound(ProblemCodes.CreatorNotFound, "This creator has no statement for {0} in {1}.", month.Key, request?.Currency ?? "");
        if (statement.Due <= 0)
        {
            throw DomainException.Conflict(ProblemCodes.NothingDue, "Nothing is due to this creator for {0}: the confirmed commission is paid.", month.Key);
        }

        if (request!.Amount is { } seen && seen != statement.Due)
        {
            throw DomainException.Conflict(ProblemCodes.NothingDue, "What is due to this creator for {0} changed to {1}: check it and mark it paid again.", month.Key, statement.Due);
        }

        db.CreatorPayouts.Add(new CreatorPayout(Guid.CreateVersion7(), shopId, creatorId, month.Key, statement.Currency, statement.Due, statement.Paid, clock.GetUtcNow().ToMilliseconds(), membership.UserId));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Marked paid by another request at the same moment: that one payout stands.
            throw DomainException.Conflict(ProblemCodes.NothingDue, "Nothing is due to this creator for {0}: the confirmed commission is paid.", month.Key);
        }

        return (await StatementsAsync(shop, month, creatorId, cancellationToken)).Single(s => s.Currency == statement.Currency);
    }

    private sealed record Month(string Key, DateTimeOffset Start, DateTimeOffset End);

    /// <summary><c>yyyy-MM</c> (default: this month) as the shop's local month, in UTC bounds; 400 <c>month-invalid</c> otherwise.</summary>
    private Month MonthOf(string? month, Shop shop)
    {
        var zone = ShopOrderQueries.ZoneOf(shop);
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        var first = ParseMonth(month) ?? new DateOnly(local.Year, local.Month, 1);
        return new Month(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), ShopOrderQueries.StartOfDay(first, zone), ShopOrderQueries.StartOfDay(first.AddMonths(1), zone));
    }

    /// <summary>The first day of <c>yyyy-MM</c>, or null for none; 400 <c>month-invalid</c> for anything else.</summary>
    private static DateOnly? ParseMonth(string? month)
    {
        if (string.IsNullOrWhiteSpace(month))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) || first.Year < 2000 || first.Year > 2100)
        {
            throw DomainException.Invalid(ProblemCodes.MonthInvalid, "Give the month as year and month, e.g. 2026-12.");
        }

        return first;
    }

    /// <summary>
    /// The month's statements of one brand: every creator credited (or only <paramref name="creatorId"/>), per currency.
    /// <paramref name="openedOnly"/>: as the creator reads it — only orders and GMV of lines opened to them, never the
    /// rest of the buyer's basket (the commission is the same: other lines earn nothing).
    /// </summary>
    private async Task<List<CreatorStatementDto>> StatementsAsync(Shop shop, Month month, Guid? creatorId, CancellationToken cancellationToken, bool openedOnly = false)
    {
        var codes = (await CreatorCatalog.LinksForBrand(db, shop.Id)
            .Where(l => creatorId == null || l.CreatedById == creatorId)
            .Select(l => l.Code)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var codeList = codes.ToList();
        var orders = codeList.Count == 0 ? [] : await db.Orders.AsNoTracking()
            .Where(o => o.ShopId == shop.Id && o.PlacedAt >= month.Start && o.PlacedAt < month.End && OrderStatuses.CountedAsSale.Contains(o.Status)
                && o.Touches.Any(t => codeList.Contains(t.Code)))
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var shares = orders
            .SelectMany(o => CreatorLedger.Shares(o, attribution.Value.Model, attribution.Value.HalfLife, codes).Select(s => (Order: o, Share: s)))
            .Where(x => (creatorId == null || x.Share.CreatorId == creatorId) && (!openedOnly || x.Share.Opened.Count > 0))
            .ToList();
        var payouts = await db.CreatorPayouts.AsNoTracking()
            .Where(p => p.ShopId == shop.Id && p.Month == month.Key && (creatorId == null || p.CreatorId == creatorId))
            .ToListAsync(cancellationToken);

        var keys = shares.Select(s => (s.Share.CreatorId, s.Order.Currency)).Concat(payouts.Select(p => (p.CreatorId, p.Currency))).Distinct().ToList();
        var ids = keys.Select(k => k.CreatorId).Distinct().ToList();
        var people = await db.CreatorProfiles.AsNoTracking().Where(p => ids.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);
        return [.. keys
            .Select(k =>
            {
                var mine = shares.Where(s => s.Share.CreatorId == k.CreatorId && s.Order.Currency == k.Currency).ToList();
                var confirmed = mine.Where(s => CreatorLedger.IsConfirmed(s.Order, now, options.Value.ConfirmAfter)).Sum(s => s.Share.Commission);
                var paid = payouts.Where(p => p.CreatorId == k.CreatorId && p.Currency == k.Currency).ToList();
                var person = people.GetValueOrDefault(k.CreatorId);
                return new CreatorStatementDto(shop.Id, shop.Name, k.CreatorId, person?.Handle ?? "", person?.DisplayName ?? "", month.Key, k.Currency,
                    mine.Count,
                    openedOnly ? mine.Count(s => s.Share.Opened.Any(l => l.Line.RefundedQuantity > 0)) : mine.Count(s => s.Order.RefundedAmount > 0),
                    openedOnly ? mine.Sum(s => s.Share.OpenedGmv) : mine.Sum(s => s.Share.Gmv),
                    mine.Sum(s => s.Share.Commission) - confirmed, confirmed, paid.Sum(p => p.Amount), Math.Max(0, confirmed - paid.Sum(p => p.Amount)),
                    paid.Count == 0 ? null : paid.Max(p => p.PaidAt));
            })
            .OrderByDescending(s => s.Due).ThenBy(s => s.Handle, StringComparer.Ordinal)];
    }
}
