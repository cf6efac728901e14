using LiveShop.Shared.Realtime;

namespace LiveShop.Client.State;

/// <summary>
/// The room's pinned products and running flash sales, as the pin and flash-sale events change them
/// (applied in sequence order). One rule for both places that follow them: <see cref="ShowState"/> (the
/// room now) and <see cref="StreamSyncedView"/> (the room as the viewer's video shows it).
/// </summary>
internal sealed class RoomCommerce
{
    private readonly Dictionary<Guid, FlashSaleDto> _sales = [];
    private List<Guid> _pinned = [];

    /// <summary>The pinned products, in pin order.</summary>
    public IReadOnlyList<Guid> Pinned => _pinned;

    /// <summary>Flash sales by product (one may have run out of time since: see <see cref="RunningSale"/>).</summary>
    public IReadOnlyDictionary<Guid, FlashSaleDto> Sales => _sales;

    /// <summary>The sale on a product if it still runs at <paramref name="serverNow"/> and has units left.</summary>
    public FlashSaleDto? RunningSale(Guid productId, DateTimeOffset serverNow) =>
        _sales.TryGetValue(productId, out var sale) && serverNow < sale.EndsAt && sale.Remaining > 0 ? sale : null;

    /// <summary>Starts over from a known state (a snapshot, another view's present, or nothing).</summary>
    public void Reset(IEnumerable<Guid> pinned, IEnumerable<FlashSaleDto> sales)
    {
        _pinned = [.. pinned];
        _sales.Clear();
        foreach (var sale in sales)
        {
            _sales[sale.ProductId] = sale;
        }
    }

    /// <summary>The show ended: its flash sales ended with it.</summary>
    public void ClearSales() => _sales.Clear();

    /// <summary>True for the events <see cref="Apply"/> handles.</summary>
    public static bool Handles(RoomEvent roomEvent) =>
        roomEvent is PinsChangedEvent or FlashSaleStartedEvent or FlashSaleUpdatedEvent or FlashSaleEndedEvent or FlashSaleReopenedEvent;

    /// <summary>Applies a pin or flash-sale event; other events change nothing.</summary>
    public void Apply(RoomEvent roomEvent)
    {
        switch (roomEvent)
        {
            case PinsChangedEvent pins:
                _pinned = [.. pins.Pinned];
                break;
            case FlashSaleStartedEvent started:
                _sales[started.Sale.ProductId] = started.Sale;
                break;
            case FlashSaleReopenedEvent reopened:
                // A sale that sold out runs again (a declined card gave units back): it shows again, as it is now.
                _sales[reopened.Sale.ProductId] = reopened.Sale;
                break;
            case FlashSaleUpdatedEvent updated when _sales.TryGetValue(updated.ProductId, out var sale) && sale.Id == updated.SaleId:
                // Applied in sequence order, so the latest count wins (a declined card gives units back).
                _sales[updated.ProductId] = sale with { Sold = updated.Sold };
                break;
            case FlashSaleEndedEvent ended when _sales.TryGetValue(ended.ProductId, out var sale) && sale.Id == ended.SaleId:
                _sales.Remove(ended.ProductId);
                break;
        }
    }
}
