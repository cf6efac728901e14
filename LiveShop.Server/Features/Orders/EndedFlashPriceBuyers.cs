using System.Runtime.CompilerServices;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Orders;

/// <summary>
/// Who holds an order with a flash-priced line of a product whose flash price has ended, read once per
/// ended sale (<see cref="FlashSaleBook"/>) and kept as long as the book keeps that sale. Everyone else who
/// still asks for the ended price is refused from memory, before the idempotency lookup: no earlier request
/// of theirs can have made an order at that price, so there is nothing to replay. The buyers it lists go the
/// full way (and get their order back when it is a retry).
/// </summary>
public sealed partial class EndedFlashPriceBuyers(IServiceScopeFactory scopes, ILogger<EndedFlashPriceBuyers> logger)
{
    private readonly ConditionalWeakTable<EndedFlashSale, Lazy<Task<HashSet<Guid>>>> _buyers = [];

    /// <summary>
    /// False when <paramref name="buyerId"/> certainly has no order with a flash-priced line of the product in
    /// the show; true when they may (or when the list could not be read: then the caller takes the full way).
    /// </summary>
    public async Task<bool> MayHaveOrderedAsync(Guid showId, Guid productId, EndedFlashSale ended, Guid buyerId)
    {
        var buyers = _buyers.GetValue(ended, _ => new Lazy<Task<HashSet<Guid>>>(() => LoadAsync(showId, productId)));
        try
        {
            return (await buyers.Value).Contains(buyerId);
        }
        catch (Exception e)
        {
            // A database fault: let the next request read again, and this one go the locked way.
            _buyers.Remove(ended);
            LogLoadFailed(logger, e, showId, productId);
            return true;
        }
    }

    private async Task<HashSet<Guid>> LoadAsync(Guid showId, Guid productId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        // Any flash-priced line of the product, not only this sale's: a superset only sends more buyers the full way.
        var buyers = await db.Orders.AsNoTracking()
            .Where(o => o.ShowId == showId && o.Lines.Any(l => l.ProductId == productId && l.FlashSaleId != null))
            .Select(o => o.BuyerId)
            .Distinct()
            .ToListAsync();
        return [.. buyers];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading who ordered at the ended flash price of product {ProductId} in show {ShowId} failed.")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, Guid showId, Guid productId);
}
