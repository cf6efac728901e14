using System.Collections.Concurrent;
using LiveShop.Server.Realtime;
using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// What this server knows of each product's flash price from the room events it committed: the
/// running sale, and the last one that ended. Orders use it to refuse an ended flash price at once,
/// without the show's lock or a transaction — the common case when thousands press Buy on a sale
/// that just sold out. It only ever answers "refuse"; anything it does not know (after a restart, a
/// sale started elsewhere) goes the full, locked way.
/// </summary>
public sealed class FlashSaleBook : IRoomObserver
{
    private readonly ConcurrentDictionary<(Guid Show, Guid Product), FlashSaleDto> _running = new();
    private readonly ConcurrentDictionary<(Guid Show, Guid Product), EndedFlashSale> _ended = new();
    private readonly ConcurrentDictionary<Guid, FlashSaleDto> _byId = new();
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _endings = new();

    /// <summary>
    /// Fires when a flash sale of the show ends (sold out, time, host): buyers queued for the show's lock
    /// check <see cref="EndedAt"/> again at once instead of waiting their turn to be refused.
    /// </summary>
    public CancellationToken NextEnding(Guid showId) => _endings.GetOrAdd(showId, _ => new CancellationTokenSource()).Token;

    /// <summary>Called with the events of each committed room change, in order.</summary>
    public void Observe(Guid showId, IReadOnlyList<RoomEvent> events)
    {
        foreach (var roomEvent in events)
        {
            switch (roomEvent)
            {
                case FlashSaleStartedEvent started:
                    Running(showId, started.Sale);
                    break;
                case FlashSaleReopenedEvent reopened:
                    // A declined card gave back what it sold out of: its price applies again.
                    Running(showId, reopened.Sale);
                    break;
                case FlashSaleEndedEvent ended:
                    // Only the sale that ended: a late end of an older sale must not hide a newer one running on the product.
                    if (_byId.TryRemove(ended.SaleId, out var sale)
                        && _running.TryRemove(new KeyValuePair<(Guid, Guid), FlashSaleDto>((showId, ended.ProductId), sale)))
                    {
                        _ended[(showId, ended.ProductId)] = new EndedFlashSale(sale.Price, sale.ListPrice, sale.Currency, ended.At, ended.Reason, sale.VariantIds);
                    }

                    if (_endings.TryRemove(showId, out var waiting))
                    {
                        // Off this thread: thousands of waiters may be woken, and the writer still holds the show's lock.
                        _ = waiting.CancelAsync();
                    }

                    break;
            }
        }
    }

    private void Running(Guid showId, FlashSaleDto sale)
    {
        _running[(showId, sale.ProductId)] = sale;
        _byId[sale.Id] = sale;
        _ended.TryRemove((showId, sale.ProductId), out _);
    }

    /// <summary>
    /// The flash sale that ended on this product, when no other is known to run and the buyer still
    /// expects its price for a variant it was for (<paramref name="variantId"/>; a sale on chosen variants
    /// says nothing of the others, whose list price may be that very amount): the order can be refused
    /// without touching the database.
    /// </summary>
    public EndedFlashSale? EndedAt(Guid showId, Guid productId, decimal expectedPrice, Guid? variantId = null) =>
        !_running.ContainsKey((showId, productId)) && _ended.TryGetValue((showId, productId), out var ended)
        && ended.Price == expectedPrice && ended.ListPrice != expectedPrice && ended.AppliesTo(variantId)
            ? ended
            : null;
}

/// <summary>A flash sale that ended; <see cref="VariantIds"/> as on <see cref="FlashSaleDto"/> (null or empty: every variant).</summary>
public sealed record EndedFlashSale(decimal Price, decimal ListPrice, string Currency, DateTimeOffset EndedAt, FlashSaleEndReason Reason, IReadOnlyList<Guid>? VariantIds = null)
{
    public bool AppliesTo(Guid? variantId) => VariantIds is not { Count: > 0 } || (variantId is { } id && VariantIds.Contains(id));
}
