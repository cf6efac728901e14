using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Orders;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Sales;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Attribution;

/// <summary>
/// Hosts' share links and the touches they record. A host or co-host makes a link for the show or one
/// of its products; opening <c>/r/{code}</c> records which browser opened it and when (people only: see
/// <see cref="TouchAsync"/> and the <c>/r/{code}</c> handler), then lands on the show (or the product's
/// sheet in it). Orders within the attribution window are credited to it.
/// </summary>
public sealed class ShareLinks(LiveShopDbContext db, IOptions<AttributionOptions> options, TimeProvider clock)
{
    public async Task<ShareLinkDto> CreateAsync(ClaimsPrincipal caller, Guid showId, CreateShareLinkRequest? request, CancellationToken cancellationToken = default)
    {
        var userId = caller.RequireUserId();
        var show = await OrderQueries.LoadPresentedAsync(db, caller, showId, cancellationToken);
        if (request?.ProductId is { } productId
            && !await db.ShowProducts.AnyAsync(p => p.ShowId == showId && p.ProductId == productId, cancellationToken))
        {
            throw DomainException.Invalid(ProblemCodes.ProductNotInLineup, "That product is not in this show's lineup.");
        }

        var link = new ShareLink(OrderNumbers.Next(), show.Id, request?.ProductId, userId, clock.GetUtcNow().ToMilliseconds());
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return (await ListAsync(caller, showId, cancellationToken)).Single(l => l.Code == link.Code);
    }

    /// <summary>The show's links with their touches, the orders they touched, and the GMV credited to each under the configured model.</summary>
    public async Task<IReadOnlyList<ShareLinkDto>> ListAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        await OrderQueries.LoadPresentedAsync(db, caller, showId, cancellationToken);
        var links = await db.ShareLinks.AsNoTracking().Where(l => l.ShowId == showId).ToListAsync(cancellationToken);
        // "Touches" are the browsers that opened the link, however often each did (docs/metrics.md).
        var touches = await db.LinkTouches.Where(t => t.ShowId == showId).GroupBy(t => t.Code).Select(g => new { g.Key, Count = g.Select(t => t.VisitorId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var orders = await db.Orders.AsNoTracking().Where(o => o.ShowId == showId && o.AffiliateCode != null && OrderStatuses.CountedAsSale.Contains(o.Status))
            .ToListAsync(cancellationToken);

        // Orders a link touched, and the GMV credited to it under the configured model (docs/attribution.md).
        var touchedOrders = new Dictionary<string, int>(StringComparer.Ordinal);
        var credited = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var order in orders)
        {
            foreach (var (code, amount) in order.Credits(options.Value.Model, options.Value.HalfLife))
            {
                credited[code] = credited.GetValueOrDefault(code) + amount;
            }

            foreach (var code in order.Touches.Select(t => t.Code).Distinct())
            {
                touchedOrders[code] = touchedOrders.GetValueOrDefault(code) + 1;
            }
        }

        var people = links.Select(l => l.CreatedById).Distinct().ToList();
        var names = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var productIds = links.Where(l => l.ProductId != null).Select(l => l.ProductId!.Value).ToList();
        var products = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return [.. links.OrderByDescending(l => l.CreatedAt).Select(l => new ShareLinkDto(
            l.Code, ApiRoutes.ShareLink(l.Code), l.ShowId, l.ProductId, l.ProductId is { } p ? products.GetValueOrDefault(p) : null,
            l.CreatedById, names.GetValueOrDefault(l.CreatedById, ""), l.CreatedAt, touches.GetValueOrDefault(l.Code),
            touchedOrders.GetValueOrDefault(l.Code), credited.GetValueOrDefault(l.Code)))];
    }

    /// <summary>The query parameter a browser comes back with after being given the visitor cookie.</summary>
    public const string ReturnedParameter = "v";

    /// <summary>The link with this code (any case), or null.</summary>
    public async Task<ShareLink?> FindAsync(string code, CancellationToken cancellationToken = default) =>
        code.Length <= 16 ? await db.ShareLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Code == code.ToUpperInvariant(), cancellationToken) : null;

    /// <summary>Where the link lands: the show, or the product's sheet in it.</summary>
    public static string Target(ShareLink link) =>
        link.ProductId is { } productId ? $"/shows/{link.ShowId}?product={productId}" : $"/shows/{link.ShowId}";

    /// <summary>
    /// Records that this browser (and user, if signed in) opened the link, unless the browser's latest
    /// touch in the show is this same link, made within <see cref="AttributionOptions.TouchRepeat"/>:
    /// reopening a link is not a new visit, yet opening another link in between still counts, so the
    /// last touch before an order stays the link the buyer really came through last.
    /// </summary>
    public async Task TouchAsync(ShareLink link, Guid visitorId, Guid? userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().ToMilliseconds();
        var latest = await db.LinkTouches.AsNoTracking()
            .Where(t => t.ShowId == link.ShowId && t.VisitorId == visitorId)
            .OrderByDescending(t => t.At).ThenByDescending(t => t.Id)
            .Select(t => new { t.Code, t.At })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.Code == link.Code && now - latest.At < options.Value.TouchRepeat)
        {
            return;
        }

        db.LinkTouches.Add(new LinkTouch(Guid.CreateVersion7(), link.Code, link.ShowId, link.CreatedById, visitorId, userId, now));
        await db.SaveChangesAsync(cancellationToken);
    }
}
