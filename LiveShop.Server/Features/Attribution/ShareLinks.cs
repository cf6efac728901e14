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
/// of its products; opening <c>/r/{code}</c> records who opened it and when, then lands on the show
/// (or the product's sheet in it). Orders within the attribution window are credited to it.
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
        var touches = await db.LinkTouches.Where(t => t.ShowId == showId).GroupBy(t => t.Code).Select(g => new { g.Key, Count = g.Count() })
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

    /// <summary>Records that this browser (and user, if signed in) opened the link; returns where to land, or null for an unknown code.</summary>
    public async Task<string?> TouchAsync(string code, Guid visitorId, Guid? userId, CancellationToken cancellationToken = default)
    {
        var link = code.Length <= 16 ? await db.ShareLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Code == code.ToUpperInvariant(), cancellationToken) : null;
        if (link is null)
        {
            return null;
        }

        db.LinkTouches.Add(new LinkTouch(Guid.CreateVersion7(), link.Code, link.ShowId, link.CreatedById, visitorId, userId, clock.GetUtcNow().ToMilliseconds()));
        await db.SaveChangesAsync(cancellationToken);
        return link.ProductId is { } productId ? $"/shows/{link.ShowId}?product={productId}" : $"/shows/{link.ShowId}";
    }
}
