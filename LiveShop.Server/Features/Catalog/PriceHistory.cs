using LiveShop.Server.Data;
using LiveShop.Server.Features.Shops;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Catalog;

/// <summary>
/// The EU's 30-day rule (Omnibus directive 2019/2161, Art. 6a of directive 98/6/EC; CJEU C-330/23,
/// 26 September 2024): an announced price reduction shows the lowest price the product sold for in the
/// 30 days before the reduction started. Read from <see cref="PriceHistoryEntry"/>; see docs/decisions.md
/// for when a flash price and a compare-at price start.
/// </summary>
public static class PriceHistory
{
    /// <summary>How far back the rule looks.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>Whether <paramref name="shop"/> shows the lowest prior price next to its reductions.</summary>
    public static bool Applies(Shop shop) => shop.ShowLowestPrice30Days;

    /// <summary>
    /// The lowest regular price of the product (or, with <paramref name="variantIds"/>, the lowest of those
    /// variants') in <paramref name="currency"/> in force at any moment of the 30 days before
    /// <paramref name="reductionStart"/>; null when it had no price then (a product younger than the reduction).
    /// A variant without history of its own follows the product's.
    /// </summary>
    public static async Task<decimal?> LowestBeforeAsync(LiveShopDbContext db, Guid productId, IReadOnlyCollection<Guid>? variantIds, string currency, DateTimeOffset reductionStart, CancellationToken cancellationToken = default)
    {
        var entries = await db.Set<PriceHistoryEntry>().AsNoTracking()
            .Where(e => e.ProductId == productId && e.Currency == currency && e.EffectiveFrom < reductionStart)
            .Select(e => new { e.VariantId, e.Price, e.EffectiveFrom })
            .ToListAsync(cancellationToken);

        var productLine = entries.Where(e => e.VariantId is null).Select(e => (e.Price, e.EffectiveFrom)).ToList();
        if (variantIds is not { Count: > 0 })
        {
            return Lowest(productLine, reductionStart);
        }

        var lows = variantIds.Select(id => entries.Where(e => e.VariantId == id).Select(e => (e.Price, e.EffectiveFrom)).ToList() is { Count: > 0 } own
                ? Lowest(own, reductionStart)
                : Lowest(productLine, reductionStart))
            .Where(l => l is not null)
            .ToList();
        return lows.Count > 0 ? lows.Min() : null;
    }

    /// <summary>
    /// For a compare-at price: the reduction started when the current price took effect (the latest entry), so
    /// the lowest price of the 30 days before that; null without history before it.
    /// </summary>
    public static async Task<decimal?> LowestBeforeCurrentPriceAsync(LiveShopDbContext db, Guid productId, string currency, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var since = await db.Set<PriceHistoryEntry>().AsNoTracking()
            .Where(e => e.ProductId == productId && e.VariantId == null && e.Currency == currency && e.EffectiveFrom <= now)
            .OrderByDescending(e => e.EffectiveFrom)
            .Select(e => (DateTimeOffset?)e.EffectiveFrom)
            .FirstOrDefaultAsync(cancellationToken);
        return since is { } start ? await LowestBeforeAsync(db, productId, null, currency, start, cancellationToken) : null;
    }

    /// <summary>
    /// The lowest of the prices in force in [start − 30 days, start): the one in force when the window opened
    /// (the last set at or before it) and every one set inside it.
    /// </summary>
    internal static decimal? Lowest(IReadOnlyList<(decimal Price, DateTimeOffset EffectiveFrom)> line, DateTimeOffset reductionStart)
    {
        var opens = reductionStart - Window;
        var inForce = line.Where(e => e.EffectiveFrom < reductionStart).OrderBy(e => e.EffectiveFrom).ToList();
        var atOpening = inForce.LastOrDefault(e => e.EffectiveFrom <= opens);
        var prices = inForce.Where(e => e.EffectiveFrom > opens).Select(e => e.Price).ToList();
        if (atOpening != default)
        {
            prices.Add(atOpening.Price);
        }

        return prices.Count > 0 ? prices.Min() : null;
    }
}
