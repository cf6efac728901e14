using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Features.Orders;

/// <summary>
/// An order whose payment answer never came keeps its stock and tells the buyer "being confirmed"; a
/// while later the server asks the gateway what became of it and settles it: paid, or declined with
/// everything given back. Never guessed, never settled twice.
/// </summary>
public class PaymentReconcilerTests(UnansweredPaymentFactory factory) : IClassFixture<UnansweredPaymentFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0];   // NT$690
    private static readonly Guid Oolong = LiveRoom.Lineup[1];

    private async Task<(SignedIn Buyer, HubConnection Hub, List<OrderDto> Pushed)> BuyerAsync(string name)
    {
        var buyer = await factory.GuestAsync(name);
        var hub = await factory.ConnectAsync(buyer.Cookies);
        var pushed = new List<OrderDto>();
        hub.On<OrderDto>(nameof(ILiveShowClient.OrderUpdated), o =>
        {
            lock (pushed)
            {
                pushed.Add(o);
            }
        });
        return (buyer, hub, pushed);
    }

    private static async Task<OrderDto> OnlyOrderAsync(SignedIn buyer) => Assert.Single(await buyer.Http.MyOrdersAsync());

    [Fact]
    public async Task ChargedButTheAnswerWasLost_PendingHoldsTheStock_ThenTheLookupMakesItPaid_AndTheBuyerIsTold()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Lost approval");
        var (buyer, hub, pushed) = await BuyerAsync("Lost Answer");
        await using var _ = hub;
        var before = await buyer.Http.StockAsync(Jade);

        factory.Gateway.Next = LostAnswer.AfterCharging;
        var response = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Jade, 690m, quantity: 2), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ProblemCodes.PaymentPending, (await Problem.ReadAsync(response)).Code);
        Assert.Equal(OrderStatus.PendingPayment, (await OnlyOrderAsync(buyer)).Status);
        Assert.Equal(before - 2, await buyer.Http.StockAsync(Jade));

        // Too early: an answer may still be on its way.
        factory.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(0, await factory.Reconciler.RunOnceAsync(CancellationToken.None));
        Assert.Equal(OrderStatus.PendingPayment, (await OnlyOrderAsync(buyer)).Status);

        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await factory.Reconciler.RunOnceAsync(CancellationToken.None));

        var order = await OnlyOrderAsync(buyer);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.StartsWith("dev_", order.PaymentReference, StringComparison.Ordinal);
        Assert.Equal(before - 2, await buyer.Http.StockAsync(Jade));
        await WaitForAsync(() => { lock (pushed) { return pushed.Exists(o => o.Id == order.Id && o.Status == OrderStatus.Paid); } });
        var sales = (await room.Host.Http.GetFromJsonAsync<SalesDashboardDto>(ApiRoutes.ShowSales(room.Show.Id)))!.Summary;
        Assert.Equal((1, 1380m), (sales.Orders, sales.Gmv));

        // A second round finds nothing left to do.
        Assert.Equal(0, await factory.Reconciler.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task NeverReachedTheGateway_TheLookupFindsNoCharge_DeclinedAndTheStockGoesBack()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Never charged");
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var (buyer, hub, pushed) = await BuyerAsync("Never Charged");
        await using var _ = hub;
        var before = await buyer.Http.StockAsync(Oolong);

        factory.Gateway.Next = LostAnswer.BeforeCharging;
        var response = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Oolong, PriceOf(room, Oolong), quantity: 3), Guid.NewGuid().ToString());
        Assert.Equal(ProblemCodes.PaymentPending, (await Problem.ReadAsync(response)).Code);
        Assert.Equal(before - 3, await buyer.Http.StockAsync(Oolong));

        factory.Clock.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal(1, await factory.Reconciler.RunOnceAsync(CancellationToken.None));

        var order = await OnlyOrderAsync(buyer);
        Assert.Equal(OrderStatus.PaymentDeclined, order.Status);
        Assert.Equal(before, await buyer.Http.StockAsync(Oolong));
        var back = await viewer.NextAsync<ProductStockEvent>(e => e.ProductId == Oolong && e.Stock == before);
        Assert.True(back.Sequence > 0);
        await WaitForAsync(() => { lock (pushed) { return pushed.Exists(o => o.Id == order.Id && o.Status == OrderStatus.PaymentDeclined); } });
        var sales = (await room.Host.Http.GetFromJsonAsync<SalesDashboardDto>(ApiRoutes.ShowSales(room.Show.Id)))!.Summary;
        Assert.Equal(0, sales.Orders);
    }

    [Fact]
    public async Task TheGatewayCannotSayYet_TheOrderWaits_AndIsSettledOnALaterRound()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Gateway down");
        var (buyer, hub, _) = await BuyerAsync("Patient Buyer");
        await using var __ = hub;
        var before = await buyer.Http.StockAsync(Jade);

        factory.Gateway.Next = LostAnswer.AfterCharging;
        await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Jade, 690m), Guid.NewGuid().ToString());
        factory.Clock.Advance(TimeSpan.FromSeconds(121));

        factory.Gateway.LookupsFail = true;
        try
        {
            Assert.Equal(0, await factory.Reconciler.RunOnceAsync(CancellationToken.None));
            Assert.Equal(OrderStatus.PendingPayment, (await OnlyOrderAsync(buyer)).Status);
            Assert.Equal(before - 1, await buyer.Http.StockAsync(Jade));
        }
        finally
        {
            factory.Gateway.LookupsFail = false;
        }

        Assert.Equal(1, await factory.Reconciler.RunOnceAsync(CancellationToken.None));
        Assert.Equal(OrderStatus.Paid, (await OnlyOrderAsync(buyer)).Status);
    }

    [Fact]
    public async Task AChargeStillInProgress_IsLeftToItsOwnRequest_NeverDeclinedUnderIt()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Slow bank");
        var (buyer, hub, _) = await BuyerAsync("Slow Bank Buyer");
        await using var __ = hub;
        var before = await buyer.Http.StockAsync(Jade);

        factory.Gateway.Hold();
        Task<HttpResponseMessage> placing;
        try
        {
            placing = buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Jade, 690m), Guid.NewGuid().ToString());
            await WaitForAsync(() => buyer.Http.MyOrdersAsync().GetAwaiter().GetResult().Count == 1);
            factory.Clock.Advance(TimeSpan.FromSeconds(121));

            // The gateway has no charge for it yet; but its card is being charged right now.
            Assert.Equal(0, await factory.Reconciler.RunOnceAsync(CancellationToken.None));
            Assert.Equal(OrderStatus.PendingPayment, (await OnlyOrderAsync(buyer)).Status);
            Assert.Equal(before - 1, await buyer.Http.StockAsync(Jade));
        }
        finally
        {
            factory.Gateway.Release();
        }

        Assert.Equal(HttpStatusCode.Created, (await placing).StatusCode);
        Assert.Equal(OrderStatus.Paid, (await OnlyOrderAsync(buyer)).Status);
    }

    private static decimal PriceOf(LiveRoom room, Guid productId) => room.Show.Lineup.Single(l => l.ProductId == productId).Price;

    /// <summary>Waits (up to 10 s) for a push the test expects.</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        var waited = TimeSpan.Zero;
        while (!condition())
        {
            Assert.True(waited < TimeSpan.FromSeconds(10), "The push did not arrive within 10 s.");
            await Task.Delay(50);
            waited += TimeSpan.FromMilliseconds(50);
        }
    }
}
