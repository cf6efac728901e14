using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Creators;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;

namespace LiveShop.Server.Features.Stores;

/// <summary>
/// A store staff member's side: the stores they work at, the shows of those shops they may share, their personal links
/// (a show, or one product in it, per store) with a printable QR code, and their own numbers. Orders from the links are
/// the shop's orders; they count for the staff member and the store under the platform's models and window (they are
/// not creators' links: no commission is fixed into the order).
/// </summary>
public sealed class StaffLinks(LiveShopDbContext db, ShopAccess access, IOptions<AttributionOptions> attribution, IOptions<CreatorOptions> creators, TimeProvider clock)
{
    public async Task<StaffHomeDto> HomeAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var stores = await MyStoresAsync(caller.RequireUserId(), cancellationToken);
        var shopIds = stores.Select(s => s.ShopId).Distinct().ToList();
        var since = clock.GetUtcNow() - TimeSpan.FromDays(creators.Value.ReplayDays);
        var shows = await ShareableShows.ListAsync(db, shopIds, since, cancellationToken);
        return new StaffHomeDto(stores, [.. shows
            .Select(s => new StaffShowDto(s.Id, s.Title, s.ShopId, s.Status, s.ScheduledStart, s.Currency, [.. s.Lineup
                .OrderBy(l => l.Position)
                .Where(l => l.Product!.ArchivedAt is null)
                .Select(l => new StaffShowProductDto(l.ProductId, l.Product!.Name))]))]);
    }

    /// <summary>
    /// Makes the caller's link for a show of the store's shop (or one product in its lineup). Only the store's staff may;
    /// a show of another shop, a product not in the show, or a show ended longer ago than the replay days is refused.
    /// </summary>
    public async Task<StaffLinkDto> CreateLinkAsync(ClaimsPrincipal caller, StaffLinkRequest? request, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        if (request is null)
        {
            throw DomainException.Invalid(ProblemCodes.StaffLinkInvalid, "Choose the store and the show, and the product if the link is for one.");
        }

        var store = (await MyStoresAsync(userId, cancellationToken)).SingleOrDefault(s => s.StoreId == request.StoreId)
            ?? throw DomainException.Forbidden(ProblemCodes.NotStoreStaff, "You are not on the staff of that store.");
        var show = await db.Shows.AsNoTracking().Include(s => s.Lineup).ThenInclude(l => l.Product)
            .SingleOrDefaultAsync(s => s.Id == request.ShowId, cancellationToken);
        if (show is null || show.ShopId != store.ShopId)
        {
            throw DomainException.NotFound(ProblemCodes.StaffLinkInvalid, "{0} has no show with that id.", store.ShopName);
        }

        if (request.ProductId is { } productId && !show.Lineup.Any(l => l.ProductId == productId && l.Product!.ArchivedAt is null))
        {
            throw DomainException.Invalid(ProblemCodes.StaffLinkInvalid, "That product is not in this show's lineup.");
        }

        if (show.Status == ShowStatus.Ended && show.EndedAt < clock.GetUtcNow() - TimeSpan.FromDays(creators.Value.ReplayDays))
        {
            throw DomainException.Conflict(ProblemCodes.StaffLinkInvalid, "This show ended more than {0} days ago.", creators.Value.ReplayDays);
        }

        // The same store, show and product give the same link again: one QR code on the counter, one set of numbers.
        var link = await db.ShareLinks.AsNoTracking().FirstOrDefaultAsync(
            l => l.CreatedById == userId && l.StoreId == store.StoreId && l.ShowId == show.Id && l.ProductId == request.ProductId, cancellationToken);
        if (link is null)
        {
            link = new ShareLink(OrderNumbers.Next(), show.Id, request.ProductId, userId, clock.GetUtcNow().ToMilliseconds(), storeId: store.StoreId);
            db.ShareLinks.Add(link);
            await db.SaveChangesAsync(cancellationToken);
        }

        var product = request.ProductId is { } id ? show.Lineup.Single(l => l.ProductId == id).Product!.Name : null;
        return new StaffLinkDto(link.Code, ApiRoutes.ShareLink(link.Code), ApiRoutes.StaffLinkQr(link.Code), store.StoreId, store.Name, store.ShopName,
            show.Id, show.Title, link.ProductId, product, show.Currency, link.CreatedAt, 0, 0, 0, 0);
    }

    /// <summary>The caller's store links (also of stores they have left) and their numbers for [from, to).</summary>
    public async Task<StaffResultsDto> ResultsAsync(ClaimsPrincipal caller, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        var (start, end) = CreatorPeriod.Of(from, to, clock);
        var links = await db.ShareLinks.AsNoTracking()
            .Where(l => l.CreatedById == userId && l.StoreId != null)
            .Join(db.Shows, l => l.ShowId, s => s.Id, (l, s) => new { l.Code, l.ShowId, s.Title, s.Currency, l.ProductId, l.CreatedAt, StoreId = l.StoreId!.Value })
            .Join(db.Stores, l => l.StoreId, s => s.Id, (l, s) => new { Link = l, Store = s.Name, s.ShopId })
            .Join(db.Shops, l => l.ShopId, s => s.Id, (l, s) => new { l.Link, l.Store, Shop = s.Name })
            .ToListAsync(cancellationToken);
        var codes = links.Select(l => l.Link.Code).ToList();
        var productIds = links.Where(l => l.Link.ProductId != null).Select(l => l.Link.ProductId!.Value).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        // Openings and the browsers they came from, counted as the store leaderboard counts them.
        var touches = codes.Count == 0 ? [] : await db.LinkTouches.AsNoTracking()
            .Where(t => t.CreditedToId == userId && t.At >= start && t.At < end && codes.Contains(t.Code))
            .Select(t => new { t.Code, t.VisitorId })
            .ToListAsync(cancellationToken);
        var orders = codes.Count == 0 ? [] : await db.Orders.AsNoTracking()
            .Where(o => o.Touches.Any(t => t.CreditedToId == userId && codes.Contains(t.Code)) && OrderStatuses.CountedAsSale.Contains(o.Status) && o.PlacedAt >= start && o.PlacedAt < end)
            .ToListAsync(cancellationToken);

        var mine = codes.ToHashSet(StringComparer.Ordinal);
        var touched = new Dictionary<string, int>(StringComparer.Ordinal);
        var credited = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var order in orders.Where(o => o.NetTotal > 0))
        {
            foreach (var (code, amount) in order.Credits(attribution.Value.Model, attribution.Value.HalfLife).Where(c => mine.Contains(c.Code)))
            {
                credited[code] = credited.GetValueOrDefault(code) + amount;
            }

            foreach (var code in order.Touches.Select(t => t.Code).Where(mine.Contains).Distinct())
            {
                touched[code] = touched.GetValueOrDefault(code) + 1;
            }
        }

        var rows = links
            .Select(l => new StaffLinkDto(l.Link.Code, ApiRoutes.ShareLink(l.Link.Code), ApiRoutes.StaffLinkQr(l.Link.Code), l.Link.StoreId, l.Store, l.Shop,
                l.Link.ShowId, l.Link.Title, l.Link.ProductId, l.Link.ProductId is { } p ? products.GetValueOrDefault(p) : null, l.Link.Currency, l.Link.CreatedAt,
                touches.Count(t => t.Code == l.Link.Code), touches.Where(t => t.Code == l.Link.Code).Select(t => t.VisitorId).Distinct().Count(),
                touched.GetValueOrDefault(l.Link.Code), credited.GetValueOrDefault(l.Link.Code)))
            .OrderByDescending(l => l.CreatedAt)
            .ToList();
        // An order touched by two of the caller's links of one store counts once for that store.
        var stores = rows
            .GroupBy(r => (r.StoreId, r.Currency))
            .Select(g =>
            {
                var storeCodes = g.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
                return new StaffStoreResultDto(g.Key.StoreId, g.First().StoreName, g.First().ShopName, g.Key.Currency, g.Sum(r => r.Clicks),
                    touches.Where(t => storeCodes.Contains(t.Code)).Select(t => t.VisitorId).Distinct().Count(),
                    orders.Count(o => o.NetTotal > 0 && o.Currency == g.Key.Currency && o.Touches.Any(t => storeCodes.Contains(t.Code))), g.Sum(r => r.Gmv));
            })
            .OrderByDescending(s => s.Gmv)
            .ToList();
        return new StaffResultsDto(start, end, attribution.Value.Model, stores, rows);
    }

    /// <summary>
    /// The link's QR code as SVG (for printing at the till): the caller's own store link while on the store's staff, or
    /// any store link of a shop the caller manages the stores of. It encodes <paramref name="siteBase"/> + <c>/r/{code}</c>.
    /// </summary>
    public async Task<string> QrSvgAsync(ClaimsPrincipal caller, string code, string siteBase, CancellationToken cancellationToken)
    {
        var link = await PrintableAsync(caller, code, cancellationToken);
        return Qr(PublicUrl(siteBase, link.Code));
    }

    /// <summary>What the printed card says: shop and store, the product or show, and the address the QR code holds.</summary>
    public async Task<StaffLinkCardDto> CardAsync(ClaimsPrincipal caller, string code, string siteBase, CancellationToken cancellationToken)
    {
        var link = await PrintableAsync(caller, code, cancellationToken);
        var card = await db.ShareLinks.AsNoTracking()
            .Where(l => l.Code == link.Code)
            .Join(db.Shows, l => l.ShowId, s => s.Id, (l, s) => new { s.Title, l.StoreId, l.ProductId })
            .Join(db.Stores, l => l.StoreId, s => s.Id, (l, s) => new { l.Title, l.ProductId, Store = s.Name, s.ShopId })
            .Join(db.Shops, l => l.ShopId, s => s.Id, (l, s) => new { l.Title, l.ProductId, l.Store, Shop = s.Name })
            .SingleAsync(cancellationToken);
        var product = card.ProductId is { } id ? await db.Products.Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken) : null;
        return new StaffLinkCardDto(link.Code, PublicUrl(siteBase, link.Code), ApiRoutes.StaffLinkQr(link.Code), card.Shop, card.Store, card.Title, product);
    }

    /// <summary>The store link, if the caller may print it (its maker while on the store's staff, or the shop's owners and managers).</summary>
    private async Task<ShareLink> PrintableAsync(ClaimsPrincipal caller, string code, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        var link = code.Length <= 16 ? await db.ShareLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Code == code.ToUpperInvariant() && l.StoreId != null, cancellationToken) : null;
        if (link is null)
        {
            throw DomainException.NotFound(ProblemCodes.StaffLinkInvalid, "There is no store link with that code.");
        }

        var shopId = await db.Stores.Where(s => s.Id == link.StoreId).Select(s => s.ShopId).SingleAsync(cancellationToken);
        if (link.CreatedById != userId)
        {
            await access.RequireAsync(caller, shopId, ShopPermissions.CanManageStores, new("print another staff member's QR code"), cancellationToken);
        }
        else if (!(await MyStoresAsync(userId, cancellationToken)).Any(s => s.ShopId == shopId)
            && !await access.HasRoleAsync(userId, shopId, ShopPermissions.CanManageStores, cancellationToken))
        {
            // Off the staff (or the shop or account suspended): the code stays printed, but no new copies.
            throw DomainException.Forbidden(ProblemCodes.NotStoreStaff, "You are not on the staff of that store.");
        }

        return link;
    }

    /// <summary>The address a buyer opens: the site's public address and the link's path; refused when too long for a code.</summary>
    private static string PublicUrl(string siteBase, string code)
    {
        var url = siteBase.TrimEnd('/') + ApiRoutes.ShareLink(code);
        if (url.Length > MaxQrUrlLength)
        {
            throw DomainException.Invalid(ProblemCodes.StaffLinkInvalid, "This site's address is too long for a QR code: set Email:LinkBaseUrl to the public address.");
        }

        return url;
    }

    /// <summary>The longest address a printed code holds (a QR code at error correction M takes about 2,300 characters; a phone's camera reads a short one best).</summary>
    private const int MaxQrUrlLength = 500;

    /// <summary>An SVG QR code of <paramref name="url"/>, error correction M (readable with a smudge or a crease), with its quiet zone.</summary>
    internal static string Qr(string url)
    {
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }

    /// <summary>The stores the user is on the staff of, in shops that are not suspended.</summary>
    private async Task<List<StaffStoreDto>> MyStoresAsync(Guid userId, CancellationToken cancellationToken)
    {
        var stores = await db.StoreStaff.AsNoTracking()
            .Where(m => m.UserId == userId && db.Users.Any(u => u.Id == userId && u.SuspendedAt == null))
            .Join(db.Stores, m => m.StoreId, s => s.Id, (m, s) => s)
            .Join(db.Shops.Where(s => s.SuspendedAt == null), s => s.ShopId, shop => shop.Id, (s, shop) => new { s.Id, s.Name, ShopId = shop.Id, ShopName = shop.Name })
            .ToListAsync(cancellationToken);
        return [.. stores
            .OrderBy(s => s.ShopName, StringComparer.CurrentCulture).ThenBy(s => s.Name, StringComparer.CurrentCulture)
            .Select(s => new StaffStoreDto(s.Id, s.Name, s.ShopId, s.ShopName))];
    }
}
