using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Fulfilment;

/// <summary>Packing, shipping, delivering and returning orders — one at a time and in bulk — with history, pushes, mail and the webhook outbox.</summary>
public class FulfilmentTests(SmtpLiveShopFactory factory) : IClassFixture<SmtpLiveShopFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0];      // NT$690
    private static readonly Guid Oolong = LiveRoom.Lineup[1];    // NT$890

    [Fact]
    public async Task Host_PacksThenShipsWithTracking_BuyerSeesEachStepLive_GetsMail_AndTheShopGetsItsEvent()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Fulfilment journey");
        var (buyer, email) = await BuyerWithEmailAsync("Ada Lovelace");
        await using var buyerHub = await factory.ConnectAsync(buyer.Cookies);
        var pushed = new List<OrderStatus>();
        var shipped = new TaskCompletionSource<OrderDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        buyerHub.On<OrderDto>(nameof(ILiveShowClient.OrderUpdated), o =>
        {
            lock (pushed)
            {
                pushed.Add(o.Status);
            }

            if (o.Status == OrderStatus.Shipped)
            {
                shipped.TrySetResult(o);
            }
        });
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 890m));

        var packed = await MoveAsync(room.Host, order.Id, new ChangeOrderStatusRequest(OrderStatus.Packed, Note: "Boxed with care"));
        Assert.Equal(HttpStatusCode.OK, packed.StatusCode);
        var response = await MoveAsync(room.Host, order.Id, new ChangeOrderStatusRequest(OrderStatus.Shipped, " Chunghwa Post ", "RR123456789TW", "https://postserv.post.gov.tw/track?id=RR123456789TW"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = (await response.Content.ReadFromJsonAsync<OrderDto>())!;

        Assert.Equal(OrderStatus.Shipped, moved.Status);
        Assert.Equal(new ShipmentDto("Chunghwa Post", "RR123456789TW", "https://postserv.post.gov.tw/track?id=RR123456789TW"), moved.Shipment);
        Assert.Equal([OrderStatus.Packed, OrderStatus.Shipped], moved.History!.TakeLast(2).Select(h => h.Status));
        Assert.Equal("Mei Lin", moved.History![^1].ActorName);
        Assert.Equal("Boxed with care", moved.History![^2].Note);
        Assert.Equal(moved.Id, (await shipped.Task.WaitAsync(TimeSpan.FromSeconds(10))).Id);
        lock (pushed)
        {
            Assert.Contains(OrderStatus.Packed, pushed);
        }

        // The buyer reads the same timeline on their order's page.
        var mine = (await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(order.Id)))!;
        Assert.Equal(moved.History!.Select(h => h.Status), mine.History!.Select(h => h.Status));

        var mail = await factory.Smtp.WaitForAsync(email, $"Order #{order.Number}: shipped");
        Assert.Contains("Chunghwa Post", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("RR123456789TW", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/orders/{order.Id}", mail.TextBody, StringComparison.Ordinal);
        await factory.Smtp.WaitForAsync(email, $"Order #{order.Number}: packed");

        var events = await factory.ReadAsync(db => db.Outbox.Where(m => m.PayloadJson.Contains(order.Id.ToString())).Select(m => m.Type).ToListAsync());
        Assert.Contains(ShopEventTypes.OrderShipped, events);

        // Delivered, then returned: both kept.
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(room.Host, order.Id, new ChangeOrderStatusRequest(OrderStatus.Delivered))).StatusCode);
        var returned = (await (await MoveAsync(room.Host, order.Id, new ChangeOrderStatusRequest(OrderStatus.Returned, Note: "Wrong size"))).Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal([OrderStatus.Packed, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Returned], returned.History!.TakeLast(4).Select(h => h.Status));
        Assert.Contains(ShopEventTypes.OrderDelivered, await factory.ReadAsync(db => db.Outbox.Where(m => m.PayloadJson.Contains(order.Id.ToString())).Select(m => m.Type).ToListAsync()));
    }

    [Fact]
    public async Task Moves_ThatDoNotFit_AreRefusedWithTheirCode_AndChangeNothing()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Refusals");
        var buyer = await factory.GuestAsync("Refused Buyer");
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));
        var (stranger, _) = await factory.RegisterSellerAsync("Other Shop");
        var moderator = await factory.SignInAsync(DemoSeeder.ModeratorAccount.Email);

        await AssertRefusedAsync(room.Host, order.Id, new ChangeOrderStatusRequest(OrderStatus.Delivered), HttpStatusCode.Conflict, ProblemCodes.OrderStatusInvalid);
        await AssertRefusedAsync(room.Host, order.Id, new ChangeOrderStatusRequest(OrderStatus.Cancelled), HttpStatusCode.BadRequest, ProblemCodes.OrderStatusInvalid);
        await AssertRefusedAsync(room.Host, order.Id, new ChangeOrderStatusRequest(OrderStatus.Shipped, "DHL", "123", "javascript:alert(1)"), HttpStatusCode.BadRequest, ProblemCodes.ShipmentInvalid);
        await AssertRefusedAsync(room.Host, order.Id, new ChangeOrderStatusRequest(OrderStatus.Shipped, null, "123"), HttpStatusCode.BadRequest, ProblemCodes.ShipmentInvalid);
        await AssertRefusedAsync(room.Host, order.Id, new ChangeOrderStatusRequest(OrderStatus.Shipped, new string('x', Limits.CarrierMaxLength + 1)), HttpStatusCode.BadRequest, ProblemCodes.ShipmentInvalid);
        await AssertRefusedAsync(room.Host, order.Id, new ChangeOrderStatusRequest(OrderStatus.Packed, "DHL"), HttpStatusCode.BadRequest, ProblemCodes.ShipmentInvalid);
        await AssertRefusedAsync(buyer, order.Id, new ChangeOrderStatusRequest(OrderStatus.Packed), HttpStatusCode.Forbidden, ProblemCodes.NotShowHost);
        await AssertRefusedAsync(stranger, order.Id, new ChangeOrderStatusRequest(OrderStatus.Packed), HttpStatusCode.NotFound, ProblemCodes.OrderNotFound);
        await AssertRefusedAsync(moderator, order.Id, new ChangeOrderStatusRequest(OrderStatus.Packed), HttpStatusCode.NotFound, ProblemCodes.OrderNotFound);

        var after = (await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(order.Id)))!;
        Assert.Equal(OrderStatus.Paid, after.Status);
        Assert.Null(after.Shipment);
        Assert.Equal(order.History!.Count, after.History!.Count);

        // The shop's owner (not the host) may move it; the old host console's "mark shipped" (status only) still works.
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var shipped = await MoveAsync(owner, order.Id, new ChangeOrderStatusRequest(OrderStatus.Shipped));
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        Assert.Equal("Lin Ya-ting", (await shipped.Content.ReadFromJsonAsync<OrderDto>())!.History![^1].ActorName);
    }

    [Fact]
    public async Task Bulk_ShipsEveryOrderItCan_AndSaysWhyForTheOthers()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Bulk");
        var buyer = await factory.GuestAsync("Bulk Buyer");
        var first = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));
        var second = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 890m));
        var already = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(room.Host, already.Id, new ChangeOrderStatusRequest(OrderStatus.Shipped))).StatusCode);
        var (otherSeller, otherShop) = await factory.RegisterSellerAsync("Bulk Other");
        var unknown = Guid.NewGuid();

        var response = await room.Host.Http.PostAsJsonAsync(ApiRoutes.FulfilOrders(DemoSeeder.DemoShopId), new FulfilOrdersRequest(
            [first.Id, already.Id, second.Id, unknown], OrderStatus.Shipped, "Chunghwa Post",
            [new OrderTrackingRequest(first.Id, "RR1"), new OrderTrackingRequest(second.Id, "RR2", "https://track.example/RR2")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<FulfilOrdersResultDto>())!;
        Assert.Equal([first.Id, already.Id, second.Id, unknown], result.Outcomes.Select(o => o.OrderId));
        Assert.Equal([true, false, true, false], result.Outcomes.Select(o => o.Done));
        Assert.Equal(ProblemCodes.OrderStatusInvalid, result.Outcomes[1].Code);
        Assert.Contains("Shipped", result.Outcomes[1].Error, StringComparison.Ordinal);
        Assert.Equal(ProblemCodes.OrderNotFound, result.Outcomes[3].Code);
        Assert.Equal("RR1", result.Outcomes[0].Order!.Shipment!.TrackingNumber);
        Assert.Equal("https://track.example/RR2", (await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(second.Id)))!.Shipment!.TrackingUrl);

        // A bad tracking link refuses the whole request before anything moves; other shops' people are refused.
        var third = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));
        var bad = await room.Host.Http.PostAsJsonAsync(ApiRoutes.FulfilOrders(DemoSeeder.DemoShopId), new FulfilOrdersRequest(
            [third.Id], OrderStatus.Shipped, "DHL", [new OrderTrackingRequest(third.Id, "X", "ftp://nope")]));
        Assert.Equal(ProblemCodes.ShipmentInvalid, (await Problem.ReadAsync(bad)).Code);
        Assert.Equal(OrderStatus.Paid, (await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(third.Id)))!.Status);
        var foreign = await otherSeller.Http.PostAsJsonAsync(ApiRoutes.FulfilOrders(DemoSeeder.DemoShopId), new FulfilOrdersRequest([third.Id], OrderStatus.Packed));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        var intoOwnShop = (await (await otherSeller.Http.PostAsJsonAsync(ApiRoutes.FulfilOrders(otherShop.Id), new FulfilOrdersRequest([third.Id], OrderStatus.Packed))).Content.ReadFromJsonAsync<FulfilOrdersResultDto>())!;
        Assert.Equal(ProblemCodes.OrderNotFound, Assert.Single(intoOwnShop.Outcomes).Code);
        var moderator = await factory.SignInAsync(DemoSeeder.ModeratorAccount.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.Http.PostAsJsonAsync(ApiRoutes.FulfilOrders(DemoSeeder.DemoShopId), new FulfilOrdersRequest([third.Id], OrderStatus.Packed))).StatusCode);
        Assert.Equal(OrderStatus.Paid, (await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(third.Id)))!.Status);
    }

    [Fact]
    public async Task PickList_SumsUnitsWaitingToShip_LeavingOutShippedOrdersAndRefundedUnits_AndSlipsFollow()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Pick list");
        var ada = await factory.GuestAsync("Ada Picker");
        var bob = await factory.GuestAsync("Bob Picker");
        var a = await ada.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 890m, quantity: 3));
        var b = await bob.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 890m, quantity: 2));
        var c = await bob.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m, quantity: 1));
        var gone = await ada.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m, quantity: 5));
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(room.Host, gone.Id, new ChangeOrderStatusRequest(OrderStatus.Shipped))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(room.Host, c.Id, new ChangeOrderStatusRequest(OrderStatus.Packed))).StatusCode);
        await factory.ReadAsync(async db =>
        {
            var order = await db.Orders.SingleAsync(o => o.Id == b.Id);
            order.Lines[0].Refund(1);
            return await db.SaveChangesAsync();
        });

        var pick = (await room.Host.Http.GetFromJsonAsync<PickListDto>($"{ApiRoutes.PickList(DemoSeeder.DemoShopId)}?showId={room.Show.Id}"))!;

        Assert.Equal(3, pick.Orders);
        Assert.Equal(5, pick.Units);
        var oolong = Assert.Single(pick.Lines, l => l.ProductId == Oolong);
        Assert.Equal((4, 2, "TW-OOLONG-150"), (oolong.Units, oolong.Orders, oolong.Sku));
        var jade = Assert.Single(pick.Lines, l => l.ProductId == Jade);
        Assert.Equal((1, 1, "TW-JADE-ROLLER"), (jade.Units, jade.Orders, jade.Sku));
        Assert.Equal(room.Show.Title, pick.ShowTitle);

        var slips = (await room.Host.Http.GetFromJsonAsync<PackingSlipsDto>($"{ApiRoutes.PackingSlips(DemoSeeder.DemoShopId)}?showId={room.Show.Id}"))!;
        Assert.Equal([a.Number, b.Number, c.Number], slips.Slips.Select(s => s.Number));
        Assert.Equal(1, Assert.Single(slips.Slips[1].Lines).Quantity);
        Assert.Equal(Shopping.Address, slips.Slips[0].ShippingAddress);
        var one = (await room.Host.Http.GetFromJsonAsync<PackingSlipsDto>($"{ApiRoutes.PackingSlips(DemoSeeder.DemoShopId)}?id={gone.Id}"))!;
        Assert.Equal(gone.Number, Assert.Single(one.Slips).Number);

        // The shop's list: this show's orders, newest first, with totals; filtered by status.
        var list = (await room.Host.Http.GetFromJsonAsync<ShopOrdersPageDto>($"{ApiRoutes.ShopOrders(DemoSeeder.DemoShopId)}?showId={room.Show.Id}"))!;
        Assert.Equal([gone.Number, c.Number, b.Number, a.Number], list.Items.Select(o => o.Number));
        var twd = Assert.Single(list.Totals);
        Assert.Equal((4, 3 * 890m + 2 * 890m + 690m + 5 * 690m), (twd.Orders, twd.Gross));
        var packedOnly = (await room.Host.Http.GetFromJsonAsync<ShopOrdersPageDto>($"{ApiRoutes.ShopOrders(DemoSeeder.DemoShopId)}?showId={room.Show.Id}&status=Packed"))!;
        Assert.Equal(c.Id, Assert.Single(packedOnly.Items).Id);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2));
        var future = (await room.Host.Http.GetFromJsonAsync<ShopOrdersPageDto>($"{ApiRoutes.ShopOrders(DemoSeeder.DemoShopId)}?showId={room.Show.Id}&from={tomorrow:yyyy-MM-dd}"))!;
        Assert.Equal(0, future.Total);

        var moderator = await factory.SignInAsync(DemoSeeder.ModeratorAccount.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.Http.GetAsync(ApiRoutes.PickList(DemoSeeder.DemoShopId))).StatusCode);
    }

    [Fact]
    public async Task Guest_WithoutEmail_GetsNoMail_ButABuyerWithOneDoes_OnPaymentToo()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Mail rules");
        var (buyer, email) = await BuyerWithEmailAsync("Mail Buyer");

        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));

        var paid = await factory.Smtp.WaitForAsync(email, $"Order #{order.Number}: paid");
        Assert.Contains("Jade Face Roller", paid.TextBody, StringComparison.Ordinal);
        var guest = await factory.GuestAsync("Mailless Guest");
        var guestOrder = await guest.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(room.Host, guestOrder.Id, new ChangeOrderStatusRequest(OrderStatus.Packed))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(room.Host, order.Id, new ChangeOrderStatusRequest(OrderStatus.Packed))).StatusCode);
        await factory.Smtp.WaitForAsync(email, $"Order #{order.Number}: packed");

        // Mails go out one after another: the guest's change came first, so by now it would have been sent.
        Assert.DoesNotContain(factory.Smtp.Received, m => (m.Subject ?? "").Contains(guestOrder.Number, StringComparison.Ordinal));
    }

    private async Task<(SignedIn Buyer, string Email)> BuyerWithEmailAsync(string name)
    {
        var http = factory.NewBrowser(out var cookies);
        var email = $"buyer-{Guid.NewGuid():N}@liveshop.test";
        var response = await http.PostAsJsonAsync(ApiRoutes.Register, new RegisterRequest(email, "Passw0rd-test", name, false));
        response.EnsureSuccessStatusCode();
        return (new SignedIn(http, cookies, (await response.Content.ReadFromJsonAsync<CurrentUserDto>())!), email);
    }

    private static Task<HttpResponseMessage> MoveAsync(SignedIn who, Guid orderId, ChangeOrderStatusRequest request) =>
        who.Http.PostAsJsonAsync(ApiRoutes.OrderStatus(orderId), request);

    private static async Task AssertRefusedAsync(SignedIn who, Guid orderId, ChangeOrderStatusRequest request, HttpStatusCode status, string code)
    {
        var response = await MoveAsync(who, orderId, request);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await Problem.ReadAsync(response)).Code);
    }
}
