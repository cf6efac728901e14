using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.LoadTests;

/// <summary>
/// <c>flashsale --expire</c>, after the bursts: the host's hub joins the show and watches the room while the
/// unpaid orders' holds run out, until the flash sale has sold nothing and the product's stock is what it was
/// before the sale (or a deadline: the last hold's end plus two minutes). Then checks the server's word for it:
/// every order of the show Cancelled, the product's stock back, each PaymentIntent cancelled at the fake Stripe.
/// </summary>
internal static class ExpiryWatch
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    public static async Task<bool> RunAsync(DemoHost host, FlashSaleCommand.SaleOutcome sale, LoadFakeStripe stripe, int units, int holdMinutes, CancellationToken cancellationToken)
    {
        var received = new ConcurrentQueue<(RoomEvent Event, DateTimeOffset At)>();
        // The host sees every event (frames only ever leave out chat); a gap would only be chat, so frames are applied as they come.
        using var subscription = host.Hub.On<Guid, RoomFrame>(nameof(ILiveShowClient.RoomEvents), (showId, frame) =>
        {
            if (showId == sale.ShowId)
            {
                var at = DateTimeOffset.UtcNow;
                foreach (var e in frame.Events)
                {
                    received.Enqueue((e, at));
                }
            }
        });
        var joined = await host.Hub.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), sale.ShowId, (long?)null, cancellationToken);
        var snapshot = joined.Snapshot ?? throw new InvalidOperationException("Joining the show answered no snapshot.");

        // Where the room stands now: the held flash units (the sale sold out and ended, or still runs) and the stock.
        var heldUnits = sale.Stored.SelectMany(o => o.Lines).Where(l => l.ProductId == sale.ProductId).Sum(l => l.Quantity);
        var sold = snapshot.ActiveSales.FirstOrDefault(s => s.Id == sale.SaleId)?.Sold ?? heldUnits;
        var stock = snapshot.Stock?.FirstOrDefault(s => s.ProductId == sale.ProductId)?.Stock ?? sale.StockAfter;
        if (sold < heldUnits)
        {
            Console.WriteLine($"note: {heldUnits - sold} units were already back when the watch began (the bursts outlasted a hold)");
        }

        var last = snapshot.LastSequence;
        var holdsEnd = sale.Stored.Max(o => o.HoldExpiresAt)?.ToUniversalTime() ?? sale.FirstBurstEnded.AddMinutes(holdMinutes);
        var firstHoldEnds = sale.Stored.Min(o => o.HoldExpiresAt)?.ToUniversalTime() ?? holdsEnd;
        var deadline = holdsEnd + Grace;
        Console.WriteLine($"== expiry: {sale.Stored.Count} unpaid orders hold {heldUnits} units; flash sale sold {sold} of {units}, stock {stock} (was {sale.StockBefore}); " +
            $"the last hold ends {holdsEnd.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC; watching the room until {deadline.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}");

        DateTimeOffset? firstBack = null;
        DateTimeOffset? allBack = null;
        var reopened = 0;
        var stockEvents = 0;
        var saleEvents = 0;
        while (allBack is null && DateTimeOffset.UtcNow < deadline)
        {
            while (received.TryDequeue(out var item))
            {
                if (item.Event.Sequence <= last)
                {
                    continue;
                }

                last = item.Event.Sequence;
                var (wasSold, wasStock) = (sold, stock);
                switch (item.Event)
                {
                    case ProductStockEvent e when e.ProductId == sale.ProductId:
                        stock = e.Stock;
                        stockEvents++;
                        break;
                    case FlashSaleUpdatedEvent e when e.SaleId == sale.SaleId:
                        sold = e.Sold;
                        saleEvents++;
                        break;
                    case FlashSaleReopenedEvent e when e.Sale.Id == sale.SaleId:
                        sold = e.Sale.Sold;
                        reopened++;
                        saleEvents++;
                        break;
                    case FlashSaleEndedEvent e when e.SaleId == sale.SaleId:
                        sold = e.Sold;
                        saleEvents++;
                        break;
                }

                if (firstBack is null && (sold < wasSold || stock > wasStock))
                {
                    firstBack = item.At;
                }

                if (sold == 0 && stock == sale.StockBefore)
                {
                    allBack = item.At;
                    break;
                }
            }

            if (allBack is null)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        // The server's word: the show's orders and the product's stock.
        var orders = await host.Http.GetFromJsonAsync<List<OrderDto>>(ApiRoutes.ShowOrders(sale.ShowId), cancellationToken) ?? [];
        var show = await host.Http.GetFromJsonAsync<ShowDetailDto>(ApiRoutes.Show(sale.ShowId), cancellationToken)
            ?? throw new InvalidOperationException("The show answered nothing.");
        var stockNow = show.Lineup.Single(l => l.ProductId == sale.ProductId).Stock;
        var cancelled = orders.Count(o => o.Status == OrderStatus.Cancelled);
        var byStatus = string.Join(", ", orders.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));

        // Every order took one flash unit: the sale's Sold counted them all (held units) before the first hold ran out.
        var unitsBack = heldUnits - sold;
        var unitsMet = sold == 0 && unitsBack == heldUnits;
        var stockMet = stock == sale.StockBefore && stockNow == sale.StockBefore;
        var cancelledMet = orders.Count == sale.Orders && cancelled == orders.Count;
        string Seconds(DateTimeOffset? at, DateTimeOffset from) =>
            at is { } t ? Report.F((t - from).TotalSeconds, 1) : "never";
        var untilBack = Seconds(allBack, sale.FirstBurstEnded);
        var afterHolds = Seconds(allBack, holdsEnd);

        Console.WriteLine($"room: {stockEvents} stock events, {saleEvents} flash-sale events ({reopened} reopened the sale); first unit back {Seconds(firstBack, firstHoldEnds)} s after the first hold's end, all back {afterHolds} s after it");
        Console.WriteLine($"stored: show orders {orders.Count} ({byStatus}); stock {stockNow} (before the sale {sale.StockBefore}); fake Stripe: {stripe.Created} PaymentIntents created, {stripe.Canceled} cancelled");
        Console.WriteLine(
            $"goals: units back = {heldUnits} {(unitsMet ? "MET" : "MISSED")} ({unitsBack}, flash sale sold {sold}); " +
            $"stock back = {sale.StockBefore} {(stockMet ? "MET" : "MISSED")} (room {stock}, server {stockNow}); " +
            $"orders cancelled = {sale.Orders} {(cancelledMet ? "MET" : "MISSED")} ({cancelled} of {orders.Count}); " +
            $"seconds until back {untilBack} after burst 1 ({afterHolds} after the last hold ran out; holds last {holdMinutes} min)");
        Console.WriteLine(
            $"flashsale-expire orders={sale.Orders} units_back={unitsBack} stock_back={(stockMet ? "yes" : "no")} cancelled={cancelled} " +
            $"intents_cancelled={stripe.Canceled} seconds_until_back={untilBack} seconds_after_hold={afterHolds}");
        return unitsMet && stockMet && cancelledMet;
    }
}
