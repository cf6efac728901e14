using LiveShop.Shared.Orders;

namespace LiveShop.Client.State;

/// <summary>
/// The buyer's orders, newest first. The list from the server and the pushed updates are applied
/// the same way: an order replaces the copy with the same id unless that copy is newer, so an
/// update that overtook the list (or a stale one) never turns a status back.
/// </summary>
public sealed class OrdersState
{
    private readonly List<OrderDto> _orders = [];

    /// <summary>Newest first (by when they were placed).</summary>
    public IReadOnlyList<OrderDto> Orders => _orders;

    /// <summary>True once the list has been loaded (an empty list then means "no orders yet").</summary>
    public bool Loaded { get; private set; }

    public void Load(IEnumerable<OrderDto> orders)
    {
        foreach (var order in orders)
        {
            Apply(order);
        }

        Loaded = true;
    }

    /// <summary>Applies an order as it is now. Returns false when the copy held is newer (the update is stale).</summary>
    public bool Apply(OrderDto order)
    {
        var index = _orders.FindIndex(o => o.Id == order.Id);
        if (index >= 0)
        {
            if (_orders[index].UpdatedAt > order.UpdatedAt)
            {
                return false;
            }

            _orders[index] = order;
            return true;
        }

        var at = _orders.FindIndex(o => o.PlacedAt < order.PlacedAt);
        _orders.Insert(at < 0 ? _orders.Count : at, order);
        return true;
    }
}
