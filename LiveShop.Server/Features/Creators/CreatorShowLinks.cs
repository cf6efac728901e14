using LiveShop.Server.Data;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Orders;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Creators;

/// <summary>
/// A creator's own show with brands' products has one creator link of the host's for the whole show, made with its
/// lineup: buying in the show counts as a touch of it at the moment of the order (see <see cref="CreatorTerms"/>), so
/// the brands' orders from the creator's show earn the creator commission, and show in their results and statements,
/// through the same ledger as their shared links. It is also the link the creator shares for the show.
/// </summary>
public static class CreatorShowLinks
{
    /// <summary>Adds (unsaved) the host's creator link for the show when its lineup has another shop's product and the link is missing.</summary>
    public static async Task EnsureAsync(LiveShopDbContext db, Guid showId, Guid shopId, Guid hostId, IReadOnlyCollection<Guid> productIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hasBrandProducts = await db.Products.AnyAsync(p => productIds.Contains(p.Id) && p.ShopId != shopId, cancellationToken);
        if (!hasBrandProducts || await FindAsync(db, showId, hostId, cancellationToken) is not null)
        {
            return;
        }

        db.ShareLinks.Add(new ShareLink(OrderNumbers.Next(), showId, null, hostId, now, byCreator: true));
    }

    /// <summary>The code of the host's creator link for the whole show, or null.</summary>
    public static Task<string?> FindAsync(LiveShopDbContext db, Guid showId, Guid hostId, CancellationToken cancellationToken) =>
        db.ShareLinks.Where(l => l.ShowId == showId && l.CreatedById == hostId && l.ByCreator && l.ProductId == null && l.StoreId == null)
            .OrderBy(l => l.CreatedAt).Select(l => l.Code).FirstOrDefaultAsync(cancellationToken);
}
