using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Features.Refunds;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Refunds;

/// <summary>Cancelling and refunding orders: who may, what goes back to stock and to the buyer, and what is refused.</summary>
public class RefundTests(RefundsFactory factory) : IClassFixture<RefundsFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0];
    private static readonly Guid Oolong = LiveRoom.Lineup[1];

    [Fact]
    public async Task BuyerCancelsAPaidCardOrder_StockGoesBackInTheRoom_AndTheMoneyIsRefunded()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var buyer = await factory.GuestAsync("Cancelling Buyer");
        var before = await buyer.Http.StockAsync(Oolong);
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 890m, quantity: 2));
        Assert.Equal(OrderStatus.Paid, order.Status);
        await room.HostRoom.NextAsync<ProductStockEvent>(e => e.ProductId == Oolong && e.Stock == before - 2);

        var response = await buyer.Http.PostAsJsonAsync(ApiRoutes.CancelOrder(order.Id), new CancelOrderRequest("Ordered the wrong tea"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cancelled = (await response.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal((1780m, 0m), (cancelled.RefundedAmount, cancelled.NetTotal));
        var last = cancelled.History![^1];
        Assert.Equal((OrderStatus.Cancelled, "Cancelling Buyer", "Ordered the wrong tea"), (last.Status, last.ActorName, last.Note));

        // The viewers see the units back at once; the shop's stock is whole again.
        await room.HostRoom.NextAsync<ProductStockEvent>(e => e.ProductId == Oolong && e.Stock == before);
        Assert.Equal(before, await buyer.Http.StockAsync(Oolong));

        // The processor gave the whole payment back, once, under the cancellation's key; the refund and the event are stored.
        Assert.Equal(1780m, factory.Processor.RefundedFor(order.Id));
        Assert.Equal([RefundBook.CancelKey(order.Id)], factory.Processor.KeysFor(order.Id));
        var (refund, events) = await factory.ReadAsync(async db => (
            await db.Set<Refund>().Include(r => r.Lines).SingleAsync(r => r.OrderId == order.Id),
            await db.Outbox.Where(m => m.Type == ShopEventTypes.OrderCancelled).Select(m => m.PayloadJson).ToListAsync()));
        Assert.Equal((1780m, RefundMethod.Processor, true), (refund.Amount, refund.Method, refund.Restocked));
        Assert.Equal(2, Assert.Single(refund.Lines).Quantity);
        Assert.Contains(events, e => e.Contains(order.Id.ToString(), StringComparison.Ordinal));

        // A second cancel is refused and refunds nothing more.
        var again = await buyer.Http.PostAsJsonAsync(ApiRoutes.CancelOrder(order.Id), new CancelOrderRequest(null));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1780m, factory.Processor.RefundedFor(order.Id));
    }

    [Fact]
    public async Task BuyerCannotCancelAPackedOrder_ButTheShopCanUntilItShips()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var buyer = await factory.GuestAsync("Late Buyer");
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));
        await factory.ReadAsync(async db =>
        {
            var tracked = await db.Orders.SingleAsync(o => o.Id == order.Id);
            tracked.MoveTo(OrderStatus.Packed, DateTimeOffset.UtcNow, room.Host.User.Id, "Host", null);
            return await db.SaveChangesAsync();
        });
        var stock = await buyer.Http.StockAsync(Jade);

        var refused = await buyer.Http.PostAsJsonAsync(ApiRoutes.CancelOrder(order.Id), new CancelOrderRequest("Too slow"));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await Problem.ReadAsync(refused);
        Assert.Equal(ProblemCodes.OrderStatusInvalid, problem.Code);
        Assert.Contains("already packed", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Packed, (await GetAsync(buyer.Http, order.Id)).Status);
        Assert.Equal(stock, await buyer.Http.StockAsync(Jade));
        Assert.Equal(0m, factory.Processor.RefundedFor(order.Id));

        // The shop may still cancel it: the unit goes back, the buyer gets the money.
        var byShop = await room.Host.Http.PostAsJsonAsync(ApiRoutes.CancelOrder(order.Id), new CancelOrderRequest("Damaged while packing"));
        Assert.Equal(HttpStatusCode.OK, byShop.StatusCode);
        Assert.Equal(OrderStatus.Cancelled, (await GetAsync(buyer.Http, order.Id)).Status);
        Assert.Equal(stock + 1, await buyer.Http.StockAsync(Jade));
        Assert.Equal(690m, factory.Processor.RefundedFor(order.Id));
    }

    [Fact]
    public async Task ShopRefundsSomeUnitsWithRestock_ThenTheRest_AndTheOrderBecomesRefunded()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var buyer = await factory.GuestAsync("Partial Buyer");
        var before = await buyer.Http.StockAsync(Jade);
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m, quantity: 3));

        var partial = await RefundAsync(room.Host.Http, order.Id, new RefundRequest([new RefundLineRequest(1, 1)], Restock: true, "One arrived cracked"));

        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        var once = (await partial.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal((OrderStatus.Paid, 690m, 1380m, 1), (once.Status, once.RefundedAmount, once.NetTotal, once.Lines[0].RefundedQuantity));
        await room.HostRoom.NextAsync<ProductStockEvent>(e => e.ProductId == Jade && e.Stock == before - 2);
        Assert.Equal(before - 2, await buyer.Http.StockAsync(Jade));
        Assert.Equal(690m, factory.Processor.RefundedFor(order.Id));

        // The rest, without restock: the order is refunded in full and the stock stays.
        var rest = await RefundAsync(room.Host.Http, order.Id, new RefundRequest(null, Restock: false, null));
        var full = (await rest.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal((OrderStatus.Refunded, 2070m, 0m, 3), (full.Status, full.RefundedAmount, full.NetTotal, full.Lines[0].RefundedQuantity));
        Assert.Equal(before - 2, await buyer.Http.StockAsync(Jade));
        Assert.Equal(2070m, factory.Processor.RefundedFor(order.Id));
        var refunds = await factory.ReadAsync(db => db.Set<Refund>().Where(r => r.OrderId == order.Id).ToListAsync());
        Assert.Equal([(690m, true), (1380m, false)], refunds.OrderBy(r => r.Amount).Select(r => (r.Amount, r.Restocked)));

        // Nothing is left to refund.
        Assert.Equal(HttpStatusCode.Conflict, (await RefundAsync(room.Host.Http, order.Id, new RefundRequest(null, false, null))).StatusCode);
    }

    [Fact]
    public async Task TheSameRefundSentTwiceWithOneKey_RefundsOnce()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var buyer = await factory.GuestAsync("Twice Buyer");
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 890m, quantity: 2));
        var request = new RefundRequest([new RefundLineRequest(1, 1)], Restock: false, "Goodwill");
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(RefundAsync(room.Host.Http, order.Id, request, key), RefundAsync(room.Host.Http, order.Id, request, key));
        var retry = await RefundAsync(room.Host.Http, order.Id, request, key);

        foreach (var answer in answers.Append(retry))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(890m, (await answer.Content.ReadFromJsonAsync<OrderDto>())!.RefundedAmount);
        }

        Assert.Equal(890m, factory.Processor.RefundedFor(order.Id));
        Assert.Single(factory.Processor.KeysFor(order.Id));
        Assert.Equal(1, await factory.ReadAsync(db => db.Set<Refund>().CountAsync(r => r.OrderId == order.Id)));

        // A new key is a new refund.
        await RefundAsync(room.Host.Http, order.Id, request, Guid.NewGuid().ToString());
        Assert.Equal(1780m, factory.Processor.RefundedFor(order.Id));
    }

    [Fact]
    public async Task AnotherShopsMember_IsToldTheOrderDoesNotExist_AndTheBuyerCannotRefund()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var buyer = await factory.GuestAsync("Guarded Buyer");
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));
        var (otherSeller, _) = await factory.RegisterSellerAsync();

        var cancel = await otherSeller.Http.PostAsJsonAsync(ApiRoutes.CancelOrder(order.Id), new CancelOrderRequest(null));
        var refund = await RefundAsync(otherSeller.Http, order.Id, new RefundRequest(null, true, null));
        var byBuyer = await RefundAsync(buyer.Http, order.Id, new RefundRequest(null, true, null));
        var unknown = await room.Host.Http.PostAsJsonAsync(ApiRoutes.CancelOrder(Guid.NewGuid()), new CancelOrderRequest(null));

        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(ProblemCodes.OrderNotFound, (await Problem.ReadAsync(cancel)).Code);
        Assert.Equal(HttpStatusCode.NotFound, refund.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byBuyer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var now = await GetAsync(buyer.Http, order.Id);
        Assert.Equal((OrderStatus.Paid, 0m), (now.Status, now.RefundedAmount));
        Assert.Empty(factory.Processor.KeysFor(order.Id));
    }

    [Theory]
    [InlineData(1, -1)]
    [InlineData(1, 0)]
    [InlineData(1, 3)]
    [InlineData(1, int.MaxValue)]
    [InlineData(2, 1)]
    [InlineData(-5, 1)]
    public async Task ARefundOfUnitsNotInTheOrder_Is400_AndChangesNothing(int lineNumber, int quantity)
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var buyer = await factory.GuestAsync("Careful Buyer");
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m, quantity: 2));
        var stock = await buyer.Http.StockAsync(Jade);

        var response = await RefundAsync(room.Host.Http, order.Id, new RefundRequest([new RefundLineRequest(lineNumber, quantity)], Restock: true, null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemCodes.QuantityInvalid, (await Problem.ReadAsync(response)).Code);
        Assert.Equal(0m, (await GetAsync(buyer.Http, order.Id)).RefundedAmount);
        Assert.Equal(stock, await buyer.Http.StockAsync(Jade));
        Assert.Empty(factory.Processor.KeysFor(order.Id));
    }

    [Fact]
    public async Task AReasonTooLong_Is400_AndAProcessorRefusal_Is502_AndNeitherChangesAnything()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var buyer = await factory.GuestAsync("Disputed Buyer");
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));
        var stock = await buyer.Http.StockAsync(Jade);

        var tooLong = await buyer.Http.PostAsJsonAsync(ApiRoutes.CancelOrder(order.Id), new CancelOrderRequest(new string('x', Limits.OrderNoteMaxLength + 1)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(ProblemCodes.OrderReasonTooLong, (await Problem.ReadAsync(tooLong)).Code);

        factory.Processor.RefuseRefunds = true;
        HttpResponseMessage cancel, refund;
        try
        {
            cancel = await buyer.Http.PostAsJsonAsync(ApiRoutes.CancelOrder(order.Id), new CancelOrderRequest(null));
            refund = await RefundAsync(room.Host.Http, order.Id, new RefundRequest(null, Restock: true, null));
        }
        finally
        {
            factory.Processor.RefuseRefunds = false;
        }

        foreach (var failed in new[] { cancel, refund })
        {
            Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
            var problem = await Problem.ReadAsync(failed);
            Assert.Equal(ProblemCodes.RefundFailed, problem.Code);
            Assert.Contains("disputed", problem.Detail, StringComparison.Ordinal);
        }

        var now = await GetAsync(buyer.Http, order.Id);
        Assert.Equal((OrderStatus.Paid, 0m), (now.Status, now.RefundedAmount));
        Assert.Equal(stock, await buyer.Http.StockAsync(Jade));
        Assert.Equal(0, await factory.ReadAsync(db => db.Set<Refund>().CountAsync(r => r.OrderId == order.Id)));
    }

    [Fact]
    public async Task CancellingACashOnDeliveryOrder_GivesStockBack_WithoutARefund()
    {
        await using var room = await LiveRoom.StartAsync(factory, lineup: [.. LiveRoom.Lineup, DemoSeeder.ProductId(5)]);
        var scarf = DemoSeeder.ProductId(5);
        var indigo = await factory.ReadAsync(db => db.Set<ProductVariant>().Where(v => v.ProductId == scarf && v.Sku == "TW-SILK-SCARF-IND").Select(v => v.Id).SingleAsync());
        var buyer = await factory.GuestAsync("Cash Buyer");
        var (total, variants) = await factory.VariantStockAsync(scarf);
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, scarf, indigo, 1290m, quantity: 2, payment: new PaymentDetailsDto(PaymentMethod.CashOnDelivery, null)));

        var response = await buyer.Http.PostAsJsonAsync(ApiRoutes.CancelOrder(order.Id), new CancelOrderRequest(null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cancelled = (await response.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal((OrderStatus.Cancelled, 0m), (cancelled.Status, cancelled.RefundedAmount));
        var (totalAfter, variantsAfter) = await factory.VariantStockAsync(scarf);
        Assert.Equal((total, variants[indigo]), (totalAfter, variantsAfter[indigo]));
        Assert.Empty(factory.Processor.KeysFor(order.Id));
        Assert.Equal(0, await factory.ReadAsync(db => db.Set<Refund>().CountAsync(r => r.OrderId == order.Id)));
    }

    internal static async Task<HttpResponseMessage> RefundAsync(HttpClient http, Guid orderId, RefundRequest request, string? key = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.RefundOrder(orderId)) { Content = JsonContent.Create(request) };
        message.Headers.Add(ApiRoutes.IdempotencyKeyHeader, key ?? Guid.NewGuid().ToString());
        return await http.SendAsync(message);
    }

    private static async Task<OrderDto> GetAsync(HttpClient http, Guid orderId) => (await http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(orderId)))!;
}
