using System.Collections.Concurrent;

namespace LiveShop.Server.Features.Payments;

/// <summary>
/// The orders whose card this server is charging right now. <see cref="PaymentReconciler"/> leaves them
/// alone: their own request records the answer, and a lookup made meanwhile could find "no charge yet"
/// and decline an order whose card is about to be charged.
/// </summary>
public sealed class ChargesInFlight
{
    private readonly ConcurrentDictionary<Guid, byte> _orders = new();

    public IDisposable Begin(Guid orderId)
    {
        _orders[orderId] = 0;
        return new End(this, orderId);
    }

    public bool Contains(Guid orderId) => _orders.ContainsKey(orderId);

    private sealed class End(ChargesInFlight owner, Guid orderId) : IDisposable
    {
        public void Dispose() => owner._orders.TryRemove(orderId, out _);
    }
}
