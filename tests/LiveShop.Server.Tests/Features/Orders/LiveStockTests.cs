using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using LiveShop.Client.State;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Orders;

/// <summary>
/// Stock on the viewer's page follows the shop's stock: orders and declined cards, in this show or in
/// another carrying the product, reach every live room as sequenced events (a scheduled or ended show has
/// the stock in its join snapshot); a flash sale ends the moment stock runs out, and one that sold out
/// reopens when a declined card gives back its last units.
/// </summary>
public class LiveStockTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0];      // NT$690, 40 in stock
    private static readonly Guid Oolong = LiveRoom.Lineup[1];    // NT$890, 60
    private static readonly Guid Teapot = LiveRoom.Lineup[2];    // NT$1,980, 12
    private static readonly Guid Boba = LiveRoom.Lineup[3];      // NT$590, 80

    [Fact]
    public async Task AnOrder_TellsEveryLiveShowCarryingTheProduct_ItsNewStock_AndARejoiningViewerHasIt()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Where it is bought");
        await using var other = await LiveRoom.StartAsync(factory, "Another show with the same oolong");
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        await using var elsewhere = await RoomWatcher.JoinAsync(factory, other.Show);
        var buyer = await factory.GuestAsync("Tea Lover");
        var before = await buyer.Http.StockAsync(Oolong);
        var loadedStock = room.Show.Lineup.Single(l => l.ProductId == Oolong).Stock;
        var lastBefore = viewer.State.LastSequence;

        await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 890m, quantity: 3));

        // The ordering show: the new stock in the order's own change, next in its sequence.
        var here = await viewer.NextAsync<ProductStockEvent>(e => e.ProductId == Oolong);
        Assert.Equal(before - 3, here.Stock);
        Assert.Equal(lastBefore + 1, here.Sequence);
        await viewer.WaitForSequenceAsync(here.Sequence);
        Assert.Equal(before - 3, viewer.State.ItemFor(Oolong)!.Stock);
        Assert.Equal(before, loadedStock);

        // The other show learns it through its own room, sequenced there.
        var there = await elsewhere.NextAsync<ProductStockEvent>(e => e.ProductId == Oolong && e.Stock == before - 3);
        await elsewhere.WaitForSequenceAsync(there.Sequence);
        Assert.False(elsewhere.State.NeedsResync);
        Assert.Equal(before - 3, elsewhere.State.ItemFor(Oolong)!.Stock);

        // A page loaded before the order (its lineup says the old stock) joins fresh: the snapshot carries the stock now.
        await using var fresh = await RoomWatcher.JoinAsync(factory, other.Show);
        Assert.Equal(before, other.Show.Lineup.Single(l => l.ProductId == Oolong).Stock);
        Assert.NotNull(fresh.LastJoin!.Snapshot);
        Assert.Equal(before - 3, fresh.State.ItemFor(Oolong)!.Stock);

        // A viewer that was away while another order went through rejoins with its last sequence and catches up.
        var away = new ShowState();
        away.Load(room.Show);
        await using (var first = await RoomWatcher.JoinAsync(factory, room.Show, state: away))
        {
            Assert.Equal(before - 3, away.ItemFor(Oolong)!.Stock);
        }

        await buyer.Http.BuyAsync(Shopping.Request(other.Show.Id, Oolong, 890m, quantity: 2));
        await elsewhere.NextAsync<ProductStockEvent>(e => e.ProductId == Oolong && e.Stock == before - 5);
        await viewer.NextAsync<ProductStockEvent>(e => e.ProductId == Oolong && e.Stock == before - 5);
        await using var back = await RoomWatcher.JoinAsync(factory, room.Show, state: away);
        Assert.Null(back.LastJoin!.Snapshot);
        Assert.Contains(back.LastJoin.Missed, e => e is ProductStockEvent { Stock: var s } && s == before - 5);
        Assert.Equal(before - 5, away.ItemFor(Oolong)!.Stock);
        Assert.Equal(before - 5, await buyer.Http.StockAsync(Oolong));
    }

    [Fact]
    public async Task AnOrder_IsNotToldToScheduledOrEndedShows_WhoseViewersGetTheStockWhenTheyJoin()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Selling oolong now");
        await using var other = await LiveRoom.StartAsync(factory, "Also live with oolong");
        await using var later = await LiveRoom.StartAsync(factory, "Oolong tomorrow", goLive: false);
        await using var over = await LiveRoom.StartAsync(factory, "Oolong yesterday");
        await over.HostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.EndShow), over.Show.Id);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        await using var elsewhere = await RoomWatcher.JoinAsync(factory, other.Show);
        var laterLast = await factory.LastSequenceAsync(later.Show.Id);
        var overLast = await factory.LastSequenceAsync(over.Show.Id);
        var buyer = await factory.GuestAsync("Oolong Regular");
        var before = await buyer.Http.StockAsync(Oolong);

        await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 890m, quantity: 2));
        await elsewhere.NextAsync<ProductStockEvent>(e => e.ProductId == Oolong && e.Stock == before - 2);

        // Shows are told one round at a time: when the next order's round reaches the first show, the first round is done.
        await buyer.Http.BuyAsync(Shopping.Request(other.Show.Id, Oolong, 890m));
        await viewer.NextAsync<ProductStockEvent>(e => e.ProductId == Oolong && e.Stock == before - 3);
        Assert.Equal(laterLast, await factory.LastSequenceAsync(later.Show.Id));
        Assert.Equal(overLast, await factory.LastSequenceAsync(over.Show.Id));

        // A replay viewer who joins, and a viewer of the show that goes live later, see the stock now.
        await using var replay = await RoomWatcher.JoinAsync(factory, over.Show);
        Assert.Equal(before - 3, replay.State.ItemFor(Oolong)!.Stock);
        await later.HostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), later.Show.Id);
        await using var early = await RoomWatcher.JoinAsync(factory, later.Show);
        Assert.Equal(before - 3, early.State.ItemFor(Oolong)!.Stock);
    }

    [Fact]
    public async Task AViewerWaitingForTheShow_SeesTheStockAsItIsTheMomentTheShowGoesLive()
    {
        await using var waiting = await LiveRoom.StartAsync(factory, "Oolong at eight", goLive: false);
        await using var selling = await LiveRoom.StartAsync(factory, "Oolong now");
        await using var viewer = await RoomWatcher.JoinAsync(factory, waiting.Show);
        var buyer = await factory.GuestAsync("Early Bird");
        var before = viewer.State.ItemFor(Oolong)!.Stock;

        // Sold elsewhere while the viewer waits: a scheduled show is not told.
        await buyer.Http.BuyAsync(Shopping.Request(selling.Show.Id, Oolong, 890m, quantity: 3));
        Assert.Equal(before, viewer.State.ItemFor(Oolong)!.Stock);

        var live = await waiting.HostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), waiting.Show.Id);

        var told = await viewer.NextAsync<ProductStockEvent>(e => e.ProductId == Oolong);
        Assert.Equal(before - 3, told.Stock);
        Assert.True(told.Sequence > live.Sequence);
        await viewer.WaitForSequenceAsync(told.Sequence);
        Assert.Equal(before - 3, viewer.State.ItemFor(Oolong)!.Stock);
    }

    [Fact]
    public async Task ADeclinedCard_GivesTheStockBack_AndTheRoomSeesIt()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var buyer = await factory.GuestAsync("Declined Again");
        var before = await buyer.Http.StockAsync(Boba);

        var declined = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Boba, 590m, quantity: 4, payment: Shopping.DeclinedCard), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        var taken = await viewer.NextAsync<ProductStockEvent>(e => e.ProductId == Boba);
        var back = await viewer.NextAsync<ProductStockEvent>(e => e.ProductId == Boba);
        Assert.Equal((before - 4, before), (taken.Stock, back.Stock));
        Assert.True(back.Sequence > taken.Sequence);
        await viewer.WaitForSequenceAsync(back.Sequence);
        Assert.Equal(before, viewer.State.ItemFor(Boba)!.Stock);
    }

    [Fact]
    public async Task StockRunningOutInAnotherShow_EndsTheFlashSaleHereAtOnce_AndTheCardSaysSoldOut()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Flash teapots");
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var sale = (await room.StartSaleAsync(Teapot, 1500m, seconds: 300, quantity: 2, perBuyer: 1)).Sale;

        // Another show sells every teapot left at the list price: nobody has to be refused for the sale to end.
        await using var other = await LiveRoom.StartAsync(factory, "List-price teapots");
        var bulk = await factory.GuestAsync("Bulk Buyer");
        var stock = await bulk.Http.StockAsync(Teapot);
        await bulk.Http.BuyAsync(Shopping.Request(other.Show.Id, Teapot, 1980m, quantity: stock));

        var ended = await viewer.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Id);
        Assert.Equal((FlashSaleEndReason.SoldOut, 0), (ended.Reason, ended.Sold));
        await viewer.WaitForSequenceAsync(ended.Sequence);
        Assert.Empty(viewer.State.Sales);
        Assert.Equal(0, viewer.State.ItemFor(Teapot)!.Stock);

        // The one who then asks for the flash price is told it sold out; nothing is stored.
        var buyer = await factory.GuestAsync("Flash Teapot Fan");
        var response = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Teapot, 1500m), Guid.NewGuid().ToString());
        Assert.Equal(ProblemCodes.FlashSaleEnded, (await Problem.ReadAsync(response)).Code);
        Assert.Empty(await buyer.Http.MyOrdersAsync());

        // A viewer joining now sees no sale and no stock.
        await using var late = await RoomWatcher.JoinAsync(factory, room.Show);
        Assert.Empty(late.State.Sales);
        Assert.Equal(0, late.State.ItemFor(Teapot)!.Stock);
    }

    [Fact]
    public async Task FlashBuyerFindingNoStock_IsToldItIsSoldOut_AndTheSaleEndsForTheRoom()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Boba, stock gone unseen");
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var started = await room.StartSaleAsync(Boba, 390m, seconds: 300, quantity: 5, perBuyer: 1);
        var sale = started.Sale;
        await viewer.WaitForSequenceAsync(started.Sequence);
        var buyer = await factory.GuestAsync("Boba Hopeful");
        var stock = await buyer.Http.StockAsync(Boba);

        // The stock runs out without any order telling the room (changed in the database): the sale still shows 5 left.
        await SetStockAsync(Boba, 0);
        try
        {
            Assert.Equal(5, viewer.State.SaleFor(Boba, DateTimeOffset.UtcNow)!.Remaining);

            var response = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Boba, 390m), Guid.NewGuid().ToString());

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal(ProblemCodes.OutOfStock, (await Problem.ReadAsync(response)).Code);
            var ended = await viewer.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Id);
            Assert.Equal((FlashSaleEndReason.SoldOut, 0), (ended.Reason, ended.Sold));
            await viewer.WaitForSequenceAsync(ended.Sequence);
            Assert.Empty(viewer.State.Sales);
            Assert.Empty(await buyer.Http.MyOrdersAsync());

            // The next one who asks for the flash price is told it sold out.
            var next = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Boba, 390m), Guid.NewGuid().ToString());
            Assert.Equal(ProblemCodes.FlashSaleEnded, (await Problem.ReadAsync(next)).Code);
        }
        finally
        {
            await SetStockAsync(Boba, stock);
        }
    }

    [Fact]
    public async Task ListPriceOrderTakingTheLastUnits_EndsTheSameShowsFlashSale_InTheSameChange()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Jade, last units");
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var sale = (await room.StartSaleAsync(Jade, 490m, seconds: 300, quantity: 3, perBuyer: 1)).Sale;
        var bulk = await factory.GuestAsync("Jade Collector");
        var stock = await bulk.Http.StockAsync(Jade);

        await bulk.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m, quantity: stock));

        var zero = await viewer.NextAsync<ProductStockEvent>(e => e.ProductId == Jade);
        var ended = await viewer.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Id);
        Assert.Equal(0, zero.Stock);
        Assert.Equal((FlashSaleEndReason.SoldOut, zero.Sequence + 1), (ended.Reason, ended.Sequence));
        Assert.Contains(viewer.Frames, f => f.Any(e => e.Sequence == zero.Sequence) && f.Any(e => e.Sequence == ended.Sequence));
    }

    [Fact]
    public async Task DeclinedCardOnTheLastFlashUnit_ReopensTheSale_AndTheDashboardShowsNoSellOut()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Last unit, declined");
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var sale = (await room.StartSaleAsync(Oolong, 690m, seconds: 300, quantity: 2, perBuyer: 1)).Sale;
        var first = await factory.GuestAsync("Paid First");
        await first.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 690m));
        var unlucky = await factory.GuestAsync("Unlucky Last");

        var declined = await unlucky.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Oolong, 690m, payment: Shopping.DeclinedCard), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        var ended = await viewer.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Id);
        Assert.Equal(FlashSaleEndReason.SoldOut, ended.Reason);
        var reopened = await viewer.NextAsync<FlashSaleReopenedEvent>(e => e.Sale.Id == sale.Id);
        Assert.True(reopened.Sequence > ended.Sequence);
        Assert.Equal((1, 1, sale.EndsAt), (reopened.Sale.Sold, reopened.Sale.Remaining, reopened.Sale.EndsAt));
        await viewer.WaitForSequenceAsync(reopened.Sequence);
        Assert.Equal(1, viewer.State.SaleFor(Oolong, DateTimeOffset.UtcNow)!.Remaining);

        // A viewer joining now sees it running; the next buyer gets the flash price.
        await using var late = await RoomWatcher.JoinAsync(factory, room.Show);
        Assert.Equal(sale.Id, late.State.SaleFor(Oolong, DateTimeOffset.UtcNow)!.Id);
        var next = await factory.GuestAsync("Second Chance");
        var order = await next.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 690m));
        Assert.Equal(sale.Id, Assert.Single(order.Lines).FlashSaleId);
        var endedAgain = await viewer.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Id);
        Assert.Equal(FlashSaleEndReason.SoldOut, endedAgain.Reason);

        // The dashboard's sell-out time is the final one.
        var dashboard = (await room.Host.Http.GetFromJsonAsync<SalesDashboardDto>(ApiRoutes.ShowSales(room.Show.Id)))!;
        var result = Assert.Single(dashboard.FlashSales);
        Assert.Equal((2, endedAgain.At), (result.UnitsAtFlashPrice, result.SoldOutAt));
    }

    [Fact]
    public async Task ReopenedSaleThatDoesNotSellOut_ShowsNoSellOutTime()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Reopened, then ended by the host");
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var sale = (await room.StartSaleAsync(Boba, 390m, seconds: 300, quantity: 1, perBuyer: 1)).Sale;
        var unlucky = await factory.GuestAsync("Declined Boba");

        await unlucky.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Boba, 390m, payment: Shopping.DeclinedCard), Guid.NewGuid().ToString());
        await viewer.NextAsync<FlashSaleReopenedEvent>(e => e.Sale.Id == sale.Id);
        await room.HostRoom.Connection.InvokeAsync<FlashSaleEndedEvent>(nameof(ILiveShowHub.EndFlashSale), room.Show.Id, sale.Id);

        var dashboard = (await room.Host.Http.GetFromJsonAsync<SalesDashboardDto>(ApiRoutes.ShowSales(room.Show.Id)))!;
        var result = Assert.Single(dashboard.FlashSales);
        Assert.Equal((FlashSaleEndReason.EndedByHost, (DateTimeOffset?)null, 0), (result.EndReason, result.SoldOutAt, result.UnitsAtFlashPrice));
    }

    /// <summary>Sets a product's stock in the database directly: no order, so no room is told.</summary>
    private Task<int> SetStockAsync(Guid productId, int stock) =>
        factory.ReadAsync(db => db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(p => p.SetProperty(x => x.Stock, stock)));
}
