using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Features.Payments;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Payments;

/// <summary>
/// A card paid in the buyer's browser (Stripe's Payment Element): the order holds its stock while the buyer pays;
/// a hold that runs out unpaid gives back the stock, the flash units and the buyer's allowance to the room at once;
/// a paid order is never expired.
/// </summary>
public class HeldStockTests(HeldStockFactory factory) : IClassFixture<HeldStockFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0];     // NT$690
    private static readonly Guid Oolong = LiveRoom.Lineup[1];   // NT$890
    private static readonly Guid Boba = LiveRoom.Lineup[3];     // NT$590

    private static readonly PaymentDetailsDto InBrowser = new(PaymentMethod.Card, null);

    private Task<OrderDto> OrderAsync(SignedIn buyer, Guid id) => buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(id))!;

    [Fact]
    public async Task UnpaidHoldRunsOut_StockAndFlashUnitsGoBackToTheRoom_AndTheOrderIsCancelledOnce()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Held while paying");
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var sale = (await room.StartSaleAsync(Jade, 490m, seconds: 3600, quantity: 1, perBuyer: 1)).Sale;
        var buyer = await factory.GuestAsync("Slow Payer");
        var before = await buyer.Http.StockAsync(Jade);

        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 490m, payment: InBrowser));

        Assert.Equal(OrderStatus.PendingPayment, order.Status);
        Assert.Equal($"pi_{order.Id:N}_secret_test", order.PaymentSession?.ClientSecret);
        Assert.Equal($"pi_{order.Id:N}", order.PaymentReference);
        Assert.Null(order.CardLast4);
        Assert.InRange(order.HoldExpiresAt!.Value, factory.Clock.GetUtcNow().AddMinutes(10).AddSeconds(-2), factory.Clock.GetUtcNow().AddMinutes(10));
        await viewer.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Id && e.Reason == FlashSaleEndReason.SoldOut);
        Assert.Equal(before - 1, await buyer.Http.StockAsync(Jade));

        // Within the hold nothing moves.
        factory.Clock.Advance(TimeSpan.FromMinutes(9));
        await factory.Expirer.RunOnceAsync(CancellationToken.None);
        Assert.Equal(OrderStatus.PendingPayment, (await OrderAsync(buyer, order.Id)).Status);

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.InRange(await factory.Expirer.RunOnceAsync(CancellationToken.None), 1, 10); // other tests' holds may run out in the same round

        var reopened = await viewer.NextAsync<FlashSaleReopenedEvent>(e => e.Sale.Id == sale.Id);
        Assert.Equal(1, reopened.Sale.Remaining);
        var back = await viewer.NextAsync<ProductStockEvent>(e => e.ProductId == Jade && e.Stock == before);
        await viewer.WaitForSequenceAsync(back.Sequence);
        Assert.Equal(before, viewer.State.ItemFor(Jade)!.Stock);
        Assert.Equal(before, await buyer.Http.StockAsync(Jade));
        Assert.Contains(order.Id, factory.Browser.Voided);

        var cancelled = await OrderAsync(buyer, order.Id);
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(PaymentRecorder.ExpiredNote, cancelled.History![^1].Note);
        Assert.Equal(1, await factory.ReadAsync(db => db.Outbox.CountAsync(m => m.Type == ShopEventTypes.OrderCancelled && m.PayloadJson.Contains(order.Id.ToString()))));

        // The buyer's allowance came back too: the same buyer can have the reopened flash unit.
        var again = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 490m, payment: InBrowser));
        Assert.Equal(490m, again.Total);

        // A second round (or a second server) finds nothing left to expire.
        Assert.Equal(0, await factory.Expirer.RunOnceAsync(CancellationToken.None));
        Assert.Equal(before - 1, await buyer.Http.StockAsync(Jade));
    }

    [Fact]
    public async Task PaidOrders_AreNeverExpired_WhetherTheBrowserOrTheProcessorSaidSo()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Paid in time");
        var buyer = await factory.GuestAsync("Prompt Payer");
        var before = await buyer.Http.StockAsync(Oolong);
        var confirmed = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 890m, payment: InBrowser));
        var webhookLost = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 890m, payment: InBrowser));

        // The browser confirmed with Stripe.js and asks the server to check now.
        factory.Browser.Lookup = o => o.Id == confirmed.Id ? PaymentLookup.Final(new PaymentResult(true, $"pi_{o.Id:N}", "Paid.")) : PaymentLookup.NotFinal;
        try
        {
            var response = await buyer.Http.PostAsync(ApiRoutes.OrderPayment(confirmed.Id), null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(OrderStatus.Paid, (await response.Content.ReadFromJsonAsync<OrderDto>())!.Status);
        }
        finally
        {
            factory.Browser.Lookup = _ => PaymentLookup.NotFinal;
        }

        // Paid at the processor, but its webhook never came: voiding fails, so the order is paid, not cancelled.
        factory.Browser.Paid.Add(webhookLost.Id);
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        await factory.Expirer.RunOnceAsync(CancellationToken.None);

        Assert.Equal(OrderStatus.Paid, (await OrderAsync(buyer, confirmed.Id)).Status);
        Assert.DoesNotContain(confirmed.Id, factory.Browser.Voided);
        Assert.Equal(OrderStatus.Paid, (await OrderAsync(buyer, webhookLost.Id)).Status);
        Assert.Equal(before - 2, await buyer.Http.StockAsync(Oolong));
        Assert.Equal(2, await factory.ReadAsync(db => db.Outbox.CountAsync(m => m.Type == ShopEventTypes.OrderPaid
            && (m.PayloadJson.Contains(confirmed.Id.ToString()) || m.PayloadJson.Contains(webhookLost.Id.ToString())))));
    }

    [Fact]
    public async Task CardNumberSentForStripe_IsRefused_AndNothingIsHeld()
    {
        await using var room = await LiveRoom.StartAsync(factory, "No card numbers here");
        var buyer = await factory.GuestAsync("Typed A Card");
        var before = await buyer.Http.StockAsync(Boba);

        var response = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Boba, 590m, payment: Shopping.GoodCard), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.PaymentInvalid, problem.Code);
        Assert.Contains("Stripe, never to LiveShop", problem.Detail, StringComparison.Ordinal);
        Assert.Empty(await buyer.Http.MyOrdersAsync());
        Assert.Equal(before, await buyer.Http.StockAsync(Boba));
    }

    [Fact]
    public async Task ProcessorCannotStart_DeclinesAtOnce_AndGivesTheStockBack()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Processor down");
        var buyer = await factory.GuestAsync("Unlucky Buyer");
        var before = await buyer.Http.StockAsync(Boba);

        factory.Browser.FailToStart = true;
        HttpResponseMessage response;
        try
        {
            response = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Boba, 590m, payment: InBrowser), Guid.NewGuid().ToString());
        }
        finally
        {
            factory.Browser.FailToStart = false;
        }

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Contains("could not be started", (await Problem.ReadAsync(response)).Detail, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.PaymentDeclined, Assert.Single(await buyer.Http.MyOrdersAsync()).Status);
        Assert.Equal(before, await buyer.Http.StockAsync(Boba));
    }

    [Fact]
    public async Task OrderPayment_GivesTheBuyerTheSessionAgain_AndNobodyElse()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Reload resumes paying");
        var buyer = await factory.GuestAsync("Reloader");
        var key = Guid.NewGuid().ToString();
        var request = Shopping.Request(room.Show.Id, Boba, 590m, payment: InBrowser);
        var placed = await (await buyer.Http.PostOrderAsync(request, key)).Content.ReadFromJsonAsync<OrderDto>();

        var resumed = await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.OrderPayment(placed!.Id));
        Assert.Equal(placed.PaymentSession, resumed!.PaymentSession);

        // The same attempt sent again answers with the same order and session (it waits for the buyer, not for a charge).
        var replay = await buyer.Http.PostOrderAsync(request, key);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(placed.PaymentSession, (await replay.Content.ReadFromJsonAsync<OrderDto>())!.PaymentSession);

        var stranger = await factory.GuestAsync("Stranger");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(ApiRoutes.OrderPayment(placed.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.PostAsync(ApiRoutes.OrderPayment(placed.Id), null)).StatusCode);
    }
}
