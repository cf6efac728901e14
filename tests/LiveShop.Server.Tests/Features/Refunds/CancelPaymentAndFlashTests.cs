using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Features.Refunds;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Refunds;

/// <summary>Cancelling while the card payment is still pending, and what flash sales get back from a cancel or a restocking refund.</summary>
public class CancelPaymentAndFlashTests(RefundsFactory factory) : IClassFixture<RefundsFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0];
    private static readonly Guid Boba = LiveRoom.Lineup[3];

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 690)]
    public async Task CancellingAPendingCardPayment_VoidsIt_OrRefundsItWhenItWasPaidMeanwhile(bool voided, int refunded)
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var buyer = await factory.GuestAsync("Pending Buyer");
        var stock = await buyer.Http.StockAsync(Jade);
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));

        // As a Stripe order is until its webhook comes: the stock is held, the payment not finished.
        await factory.ReadAsync(db => db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(o => o.SetProperty(x => x.Status, OrderStatus.PendingPayment)));
        factory.Processor.VoidAnswer = voided;
        HttpResponseMessage response;
        try
        {
            response = await buyer.Http.PostAsJsonAsync(ApiRoutes.CancelOrder(order.Id), new CancelOrderRequest(null));
        }
        finally
        {
            factory.Processor.VoidAnswer = null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cancelled = (await response.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal((OrderStatus.Cancelled, (decimal)refunded), (cancelled.Status, cancelled.RefundedAmount));
        Assert.Equal((decimal)refunded, factory.Processor.RefundedFor(order.Id));
        Assert.Equal(stock, await buyer.Http.StockAsync(Jade));
    }

    [Fact]
    public async Task CancellingAFlashOrder_GivesTheSaleItsUnitAndTheBuyerTheirAllowanceBack()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Flash cancel");
        var sale = (await room.StartSaleAsync(Boba, 390m, seconds: 300, quantity: 5, perBuyer: 1)).Sale;
        var buyer = await factory.GuestAsync("Flash Canceller");
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Boba, 390m));
        await room.HostRoom.NextAsync<FlashSaleUpdatedEvent>(e => e.SaleId == sale.Id && e.Sold == 1);

        Assert.Equal(HttpStatusCode.OK, (await buyer.Http.PostAsJsonAsync(ApiRoutes.CancelOrder(order.Id), new CancelOrderRequest(null))).StatusCode);

        await room.HostRoom.NextAsync<FlashSaleUpdatedEvent>(e => e.SaleId == sale.Id && e.Sold == 0);
        // One per buyer: the allowance is back, so the same buyer may buy at the flash price again.
        var again = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Boba, 390m), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task ARestockingRefund_NeverReopensAnEndedFlashSale()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Flash refund");
        var sale = (await room.StartSaleAsync(Boba, 390m, seconds: 300, quantity: 1, perBuyer: 1)).Sale;
        var buyer = await factory.GuestAsync("Last Unit Buyer");
        var stock = await buyer.Http.StockAsync(Boba);
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Boba, 390m));
        await room.HostRoom.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Id);

        var response = await RefundTests.RefundAsync(room.Host.Http, order.Id, new RefundRequest(null, Restock: true, "Returned unopened"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var back = await room.HostRoom.NextAsync<ProductStockEvent>(e => e.ProductId == Boba && e.Stock == stock);
        await room.HostRoom.WaitForSequenceAsync(back.Sequence);
        Assert.DoesNotContain(room.HostRoom.Frames.SelectMany(f => f), e => e is FlashSaleReopenedEvent);
        var stored = await factory.ReadAsync(db => db.FlashSales.SingleAsync(s => s.Id == sale.Id));
        Assert.Equal((1, true), (stored.Sold, stored.EndedAt is not null));
        Assert.Equal(RefundMethod.Processor, (await factory.ReadAsync(db => db.Set<Refund>().SingleAsync(r => r.OrderId == order.Id))).Method);
    }
}
