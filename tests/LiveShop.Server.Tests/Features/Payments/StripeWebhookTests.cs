using System.Net;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Payments;

/// <summary>
/// Stripe tells the shop what became of a payment through signed webhooks, sent by the fake Stripe exactly as Stripe
/// signs them. Each event counts once, in any order; a forged or stale one is refused and changes nothing.
/// </summary>
public class StripeWebhookTests(FakeStripeFactory factory) : IClassFixture<FakeStripeFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0];   // NT$690
    private static readonly Guid Teapot = LiveRoom.Lineup[2]; // NT$1,980

    private FakeStripe Stripe => factory.Stripe;

    private Task<HttpResponseMessage> SendAsync(string body, TimeSpan? age = null, string? signWith = null) =>
        Stripe.SendAsync(factory.DemoWebhook, FakeStripeFactory.SecretKey, body, age, signWith);

    private Task<int> EventsStoredAsync(string eventId) => factory.ReadAsync(db => db.PaymentEvents.CountAsync(e => e.EventId == eventId));

    private Task<int> OutboxAsync(Guid orderId, string type) =>
        factory.ReadAsync(db => db.Outbox.CountAsync(m => m.Type == type && m.PayloadJson.Contains(orderId.ToString())));

    [Fact]
    public async Task PaymentIntentSucceeded_TheOrderIsPaid_WithHistory_AnOutboxEvent_AndTheBuyerIsTold()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Stripe paid");
        var buyer = await factory.GuestAsync("Stripe Payer");
        await using var hub = await factory.ConnectAsync(buyer.Cookies);
        var pushed = new TaskCompletionSource<OrderDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<OrderDto>(nameof(ILiveShowClient.OrderUpdated), o =>
        {
            if (o.Status == OrderStatus.Paid)
            {
                pushed.TrySetResult(o);
            }
        });
        var (placed, intentId) = await factory.PendingStripeOrderAsync(buyer, room.Show.Id, Jade, 690m, quantity: 2);
        Assert.Equal(138000L, Stripe.Intent(intentId)["amount"]!.GetValue<long>());

        var response = await SendAsync(Stripe.Event("payment_intent.succeeded", Stripe.Pay(intentId)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await factory.OrderAsync(placed.Id);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(intentId, order.PaymentReference);
        Assert.Contains(order.History, h => h.Status == OrderStatus.Paid && h.Note?.Contains(intentId, StringComparison.Ordinal) == true);
        Assert.Equal(1, await OutboxAsync(placed.Id, ShopEventTypes.OrderPaid));
        Assert.Equal(placed.Id, (await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10))).Id);
    }

    [Fact]
    public async Task TheSameEventDeliveredTwice_IsAppliedOnce_AndBothDeliveriesAnswer200()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Stripe twice");
        var buyer = await factory.GuestAsync("Twice Payer");
        var (placed, intentId) = await factory.PendingStripeOrderAsync(buyer, room.Show.Id, Jade, 690m);
        var body = Stripe.Event("payment_intent.succeeded", Stripe.Pay(intentId));

        var first = await SendAsync(body);
        var history = (await factory.OrderAsync(placed.Id)).History.Count;
        var second = await SendAsync(body);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(history, (await factory.OrderAsync(placed.Id)).History.Count);
        Assert.Equal(1, await OutboxAsync(placed.Id, ShopEventTypes.OrderPaid));
    }

    [Fact]
    public async Task ABadSignature_Is400_AndNothingChanges()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Stripe forged");
        var buyer = await factory.GuestAsync("Forged Payer");
        var (placed, intentId) = await factory.PendingStripeOrderAsync(buyer, room.Show.Id, Jade, 690m);
        var body = Stripe.Event("payment_intent.succeeded", Stripe.Pay(intentId), "evt_forged_" + Guid.NewGuid().ToString("N"));

        var response = await SendAsync(body, signWith: "whsec_someoneElse");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemCodes.StripeWebhookInvalid, (await Problem.ReadAsync(response)).Code);
        Assert.Equal(OrderStatus.PendingPayment, (await factory.OrderAsync(placed.Id)).Status);
        Assert.Equal(0, await factory.ReadAsync(db => db.PaymentEvents.CountAsync(e => e.EventId.StartsWith("evt_forged_"))));
    }

    [Fact]
    public async Task AStaleTimestamp_Is400_AndNothingChanges()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Stripe replayed");
        var buyer = await factory.GuestAsync("Stale Payer");
        var (placed, intentId) = await factory.PendingStripeOrderAsync(buyer, room.Show.Id, Jade, 690m);

        // Correctly signed, but six minutes ago: a captured request replayed later.
        var response = await SendAsync(Stripe.Event("payment_intent.succeeded", Stripe.Pay(intentId)), age: TimeSpan.FromMinutes(6));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemCodes.StripeWebhookInvalid, (await Problem.ReadAsync(response)).Code);
        Assert.Equal(OrderStatus.PendingPayment, (await factory.OrderAsync(placed.Id)).Status);
    }

    [Fact]
    public async Task AnUnknownShop_Is400()
    {
        await factory.ConnectDemoShopAsync();
        var response = await Stripe.SendAsync(new Uri(factory.BaseAddress, ApiRoutes.StripeWebhook("no-such-shop")), FakeStripeFactory.SecretKey, "{}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemCodes.StripeWebhookInvalid, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task PaymentFailed_TheOrderStaysHeld_WithStripesMessageInItsHistory()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Stripe failed");
        var buyer = await factory.GuestAsync("Failed Payer");
        var (placed, intentId) = await factory.PendingStripeOrderAsync(buyer, room.Show.Id, Teapot, 1980m);
        var stock = await buyer.Http.StockAsync(Teapot);

        var response = await SendAsync(Stripe.Event("payment_intent.payment_failed", Stripe.Fail(intentId, "Your card has insufficient funds.")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = await factory.OrderAsync(placed.Id);
        Assert.Equal(OrderStatus.PendingPayment, order.Status);
        Assert.Contains(order.History, h => h.Note?.Contains("Your card has insufficient funds.", StringComparison.Ordinal) == true);
        Assert.Equal(stock, await buyer.Http.StockAsync(Teapot));

        // Another card then works.
        await SendAsync(Stripe.Event("payment_intent.succeeded", Stripe.Pay(intentId)));
        Assert.Equal(OrderStatus.Paid, (await factory.OrderAsync(placed.Id)).Status);
    }

    [Fact]
    public async Task ARefundOvertakingItsPayment_EndsTheSameAsInOrder_AndRepeatsChangeNothing()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Stripe order");
        var buyer = await factory.GuestAsync("Order Payer");
        var (inOrder, inOrderIntent) = await factory.PendingStripeOrderAsync(buyer, room.Show.Id, Jade, 690m, quantity: 2);
        var (outOfOrder, outOfOrderIntent) = await factory.PendingStripeOrderAsync(buyer, room.Show.Id, Jade, 690m, quantity: 2);

        // The shop refunds NT$500 of each in Stripe's dashboard, then NT$880 more (all of it).
        var events = new Dictionary<string, string[]>();
        foreach (var intentId in new[] { inOrderIntent, outOfOrderIntent })
        {
            var paid = Stripe.Event("payment_intent.succeeded", Stripe.Pay(intentId));
            var partly = Stripe.Event("charge.refunded", Stripe.RefundInDashboard(intentId, 50000));
            var fully = Stripe.Event("charge.refunded", Stripe.RefundInDashboard(intentId, 88000));
            events[intentId] = [paid, partly, fully];
        }

        foreach (var body in events[inOrderIntent])
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(body)).StatusCode);
        }

        // Backwards, and each twice.
        foreach (var body in events[outOfOrderIntent].Reverse().SelectMany(b => new[] { b, b }))
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(body)).StatusCode);
        }

        var a = await factory.OrderAsync(inOrder.Id);
        var b = await factory.OrderAsync(outOfOrder.Id);
        Assert.Equal((OrderStatus.Refunded, 1380m), (a.Status, a.RefundedAmount));
        Assert.Equal((OrderStatus.Refunded, 1380m), (b.Status, b.RefundedAmount));
        Assert.Equal(0m, b.NetTotal);
        Assert.Equal(1, await OutboxAsync(outOfOrder.Id, ShopEventTypes.OrderPaid));
    }

    [Fact]
    public async Task APartialRefund_CountsOnce_WhateverTheDeliveries()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Stripe partial");
        var buyer = await factory.GuestAsync("Partial Payer");
        var (placed, intentId) = await factory.PendingStripeOrderAsync(buyer, room.Show.Id, Jade, 690m, quantity: 2);
        await SendAsync(Stripe.Event("payment_intent.succeeded", Stripe.Pay(intentId)));
        var refunded = Stripe.RefundInDashboard(intentId, 69000);

        await SendAsync(Stripe.Event("charge.refunded", refunded));
        await SendAsync(Stripe.Event("charge.refunded", refunded)); // a second event with the same charge state

        var order = await factory.OrderAsync(placed.Id);
        Assert.Equal((OrderStatus.Paid, 690m, 690m), (order.Status, order.RefundedAmount, order.NetTotal));
    }

    [Fact]
    public async Task PaidAfterTheHoldExpired_IsRefundedAutomatically_Once()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Stripe late");
        var buyer = await factory.GuestAsync("Late Payer");
        var (placed, intentId) = await factory.PendingStripeOrderAsync(buyer, room.Show.Id, Jade, 690m);

        // The hold expired and the order was cancelled (part 2's expiry); then the buyer's payment went through.
        await factory.ReadAsync(db => db.Orders.Where(o => o.Id == placed.Id).ExecuteUpdateAsync(o => o.SetProperty(x => x.Status, OrderStatus.Cancelled)));
        var intent = Stripe.Pay(intentId);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Stripe.Event("payment_intent.succeeded", intent))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Stripe.Event("payment_intent.succeeded", intent))).StatusCode);

        Assert.Equal(new[] { (intentId, 69000L) }, Stripe.Refunds.Where(r => r.IntentId == intentId).ToArray());
        // The second success finds the money already back: it asks Stripe for nothing more.
        Assert.Single(Stripe.Calls, c => c.Path == "/v1/refunds" && c.IdempotencyKey == $"order-{placed.Id}-late");
        var order = await factory.OrderAsync(placed.Id);
        Assert.Equal((OrderStatus.Cancelled, 690m), (order.Status, order.RefundedAmount));
        Assert.Contains(order.History, h => h.Note?.Contains("refunded automatically", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ADisputeLost_CountsAsRefunded_AndBothEventsAreInTheHistory()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Stripe dispute");
        var buyer = await factory.GuestAsync("Disputing Payer");
        var (placed, intentId) = await factory.PendingStripeOrderAsync(buyer, room.Show.Id, Jade, 690m);
        await SendAsync(Stripe.Event("payment_intent.succeeded", Stripe.Pay(intentId)));

        // Closed arrives before created: the same end state.
        await SendAsync(Stripe.Event("charge.dispute.closed", Stripe.Dispute(intentId, "lost")));
        await SendAsync(Stripe.Event("charge.dispute.created", Stripe.Dispute(intentId, "needs_response")));

        var order = await factory.OrderAsync(placed.Id);
        Assert.Equal((OrderStatus.Refunded, 690m), (order.Status, order.RefundedAmount));
        Assert.Contains(order.History, h => h.Note?.Contains("dispute over 690 TWD was lost", StringComparison.Ordinal) == true);
        Assert.Contains(order.History, h => h.Note?.Contains("opened a dispute", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task APaymentThatDoesNotMatchTheOrder_IsNotCounted()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Stripe mismatch");
        var buyer = await factory.GuestAsync("Mismatch Payer");
        var (placed, intentId) = await factory.PendingStripeOrderAsync(buyer, room.Show.Id, Jade, 690m);
        var intent = Stripe.Pay(intentId);
        intent["amount"] = 100; // NT$1 paid for a NT$690 order

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Stripe.Event("payment_intent.succeeded", intent))).StatusCode);

        var order = await factory.OrderAsync(placed.Id);
        Assert.Equal(OrderStatus.PendingPayment, order.Status);
        Assert.Contains(order.History, h => h.Note?.Contains("does not match", StringComparison.Ordinal) == true);
    }
}
