using System.Diagnostics.Metrics;

namespace LiveShop.Server.Features.Common;

/// <summary>
/// The app's own instruments (meter <see cref="MeterName"/>), exported by <c>Features/Telemetry</c> over OTLP and on the
/// Prometheus endpoint when configured; counting costs an increment when nothing listens. Tags are low-cardinality:
/// a currency, an outcome, a show of the (few) live rooms on this instance.
/// </summary>
public sealed class LiveShopMetrics : IDisposable
{
    public const string MeterName = "LiveShop";

    private readonly Meter _meter;
    private readonly Counter<long> _orders;
    private readonly Counter<long> _payments;
    private readonly Counter<long> _roomEvents;
    private long _outboxBacklog;

    public LiveShopMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _orders = _meter.CreateCounter<long>("liveshop.orders.placed", "{order}", "Orders placed (stock held), by currency.");
        _payments = _meter.CreateCounter<long>("liveshop.payments", "{payment}", "What became of orders' payments: paid, declined, expired.");
        _roomEvents = _meter.CreateCounter<long>("liveshop.room.events", "{event}", "Room events stored and sent to the room (pins, prices, stock, chat, …).");
        _meter.CreateObservableGauge("liveshop.outbox.backlog", () => Interlocked.Read(ref _outboxBacklog), "{delivery}", "Webhook deliveries waiting to be sent.");
    }

    /// <summary>For the instruments other parts observe (hub connections per show).</summary>
    public Meter Meter => _meter;

    public void OrderPlaced(string currency) => _orders.Add(1, new KeyValuePair<string, object?>("currency", currency));

    public void Payment(string outcome) => _payments.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void RoomEvents(int count) => _roomEvents.Add(count);

    public void OutboxBacklog(long deliveries) => Interlocked.Exchange(ref _outboxBacklog, deliveries);

    public void Dispose() => _meter.Dispose();
}
