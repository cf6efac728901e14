using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Features.Gifts;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Gifts;

/// <summary>
/// "Buy as a gift": paid without an address, accepted by whoever holds the link with their own address (which the buyer
/// never reads), shipped only once accepted; unaccepted within the shop's days, cancelled and refunded with the stock back; refused
/// with the reason when it cannot be.
/// </summary>
public class GiftTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    internal static readonly ShippingAddressDto Friend = new("Eleni Papadaki", "Odos Ermou 12", "3rd floor", "Athens", "105 63", "Greece", "+30 690 000 0000");

    [Fact]
    public async Task AGift_IsPaidWithoutAnAddress_AndItsRecipientAcceptsWithTheirs_WhichTheBuyerNeverSees()
    {
        var (room, seller, product) = await ShowAsync("Gift night");
        await using var _ = room;
        var buyer = await factory.GuestAsync("Mei Lin");
        await using var buyerHub = await factory.ConnectAsync(buyer.Cookies);
        var acceptedPush = new TaskCompletionSource<OrderDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        buyerHub.On<OrderDto>(nameof(ILiveShowClient.OrderUpdated), o =>
        {
            if (o.Gift?.AcceptedAt is not null)
            {
                acceptedPush.TrySetResult(o);
            }
        });

        var order = await buyer.Http.BuyAsync(GiftRequest(room, product, "Happy birthday!\nLove, Mei"));

        Assert.Equal((OrderStatus.Paid, 40.00m), (order.Status, order.Total));
        Assert.Equal(("Happy birthday!\nLove, Mei", null), (order.Gift!.Message, order.Gift.AcceptedAt));
        Assert.Equal(DateTimeOffset.UtcNow.AddDays(Limits.GiftAcceptDefaultDays), order.Gift.ExpiresAt, TimeSpan.FromSeconds(30));
        var (orderId, token) = Parse(order.Gift.Link!);
        Assert.Equal(order.Id, orderId);
        Assert.Equal(48, await StockAsync(product));

        // Not shippable yet: there is nowhere to send it, and nothing to pick for it.
        var shopId = room.Show.ShopId!.Value;
        Assert.Equal(0, (await seller.Http.GetFromJsonAsync<PickListDto>(ApiRoutes.PickList(shopId)))!.Units);
        var early = await seller.Http.PostAsJsonAsync(ApiRoutes.OrderStatus(order.Id), new ChangeOrderStatusRequest(OrderStatus.Shipped, "ELTA", "EL123"));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(ProblemCodes.GiftNotAccepted, (await Problem.ReadAsync(early)).Code);

        // The recipient, with no account: who sends what, the message, never a price.
        var recipient = factory.NewBrowser();
        var page = await GetAsync(recipient, order.Id, token);
        Assert.Equal(("Mei Lin", "Aegean Olive Co.", "Happy birthday!\nLove, Mei", GiftState.Waiting), (page.SenderName, page.ShopName, page.Message, page.State));
        var item = Assert.Single(page.Lines);
        Assert.Equal(("Olive oil 500 ml", 2), (item.Name, item.Quantity));
        Assert.DoesNotContain("20.00", await (await Send(recipient, HttpMethod.Get, ApiRoutes.Gift(order.Id), token)).Content.ReadAsStringAsync());

        // A wrong or missing token, or another order's id, is no gift.
        foreach (var (id, guess) in new[] { (order.Id, token[..^1] + (token[^1] == 'A' ? 'B' : 'A')), (order.Id, ""), (Guid.NewGuid(), token) })
        {
            var refused = await Send(recipient, HttpMethod.Get, ApiRoutes.Gift(id), guess);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal(ProblemCodes.GiftNotFound, (await Problem.ReadAsync(refused)).Code);
        }

        var incomplete = await Send(recipient, HttpMethod.Post, ApiRoutes.AcceptGift(order.Id), token, new AcceptGiftRequest(Friend with { City = " " }));
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);

        var accepted = await Send(recipient, HttpMethod.Post, ApiRoutes.AcceptGift(order.Id), token, new AcceptGiftRequest(Friend));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(GiftState.Accepted, (await accepted.Content.ReadFromJsonAsync<GiftPageDto>())!.State);
        Assert.DoesNotContain("Ermou", await (await Send(recipient, HttpMethod.Get, ApiRoutes.Gift(order.Id), token)).Content.ReadAsStringAsync());

        // The buyer reads that it was accepted, not where it goes (pushed live, and on asking); the shop reads the address to ship it.
        var pushed = await acceptedPush.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("", "", "", null), (pushed.ShippingAddress.FullName, pushed.ShippingAddress.Line1, pushed.ShippingAddress.City, pushed.Shipment));
        var mine = Assert.Single(await buyer.Http.MyOrdersAsync());
        Assert.NotNull(mine.Gift!.AcceptedAt);
        Assert.Equal(("", ""), (mine.ShippingAddress.Line1, mine.ShippingAddress.City));
        var byId = await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(order.Id));
        Assert.Equal("", byId!.ShippingAddress.FullName);
        var shops = await seller.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(order.Id));
        Assert.Equal(("Eleni Papadaki", "Odos Ermou 12", "Athens"), (shops!.ShippingAddress.FullName, shops.ShippingAddress.Line1, shops.ShippingAddress.City));

        Assert.Equal(2, (await seller.Http.GetFromJsonAsync<PickListDto>(ApiRoutes.PickList(shopId)))!.Units);
        var again = await Send(recipient, HttpMethod.Post, ApiRoutes.AcceptGift(order.Id), token, new AcceptGiftRequest(Friend with { City = "Thessaloniki" }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(ProblemCodes.GiftClosed, (await Problem.ReadAsync(again)).Code);

        var shipped = await seller.Http.PostAsJsonAsync(ApiRoutes.OrderStatus(order.Id), new ChangeOrderStatusRequest(OrderStatus.Shipped, "ELTA", "EL123"));
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        var tracked = await GetAsync(recipient, order.Id, token);
        Assert.Equal((GiftState.Shipped, "EL123"), (tracked.State, tracked.Shipment!.TrackingNumber));

        // The buyer reads that it shipped, not the tracking (a carrier's page shows the town).
        var shippedForBuyer = (await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(order.Id)))!;
        Assert.Equal((OrderStatus.Shipped, null), (shippedForBuyer.Status, shippedForBuyer.Shipment));
    }

    [Fact]
    public async Task AnUnacceptedGift_IsCancelledAndRefundedAfterTheShopsDays_AndItsStockReturns()
    {
        var (room, seller, product) = await ShowAsync("Gifts that wait");
        var shop = room.Show.ShopId!.Value;
        await using var _ = room;
        var settings = await seller.Http.PutAsJsonAsync(ApiRoutes.ShopPayments(shop), new SaveShopPaymentSettingsRequest(null, null, null, true, false, null, 3, GiftAcceptDays: 2));
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        var buyer = await factory.GuestAsync("Nikos");
        var order = await buyer.Http.BuyAsync(GiftRequest(room, product, null));
        Assert.Equal((null, 48), (order.Gift!.Message, await StockAsync(product)));
        Assert.Equal(DateTimeOffset.UtcNow.AddDays(2), order.Gift.ExpiresAt, TimeSpan.FromSeconds(30));

        // A round before its time leaves it alone.
        await ExpireAsync();
        Assert.Equal(OrderStatus.Paid, (await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(order.Id)))!.Status);

        // Two days on (the order's expiry moved back instead of the server's clock, which other tests share).
        await factory.ReadAsync(db => db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(o => o.SetProperty(x => x.GiftExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1))));

        await ExpireAsync();   // or the expirer's own round got there first: either way, once

        var cancelled = (await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(order.Id)))!;
        Assert.Equal((OrderStatus.Cancelled, 40.00m, 0m), (cancelled.Status, cancelled.RefundedAmount, cancelled.NetTotal));
        Assert.Contains(cancelled.History!, h => h.Status == OrderStatus.Cancelled && h.Note == GiftExpirer.Reason);
        Assert.Equal(50, await StockAsync(product));
        var (_, token) = Parse(order.Gift.Link!);
        var recipient = factory.NewBrowser();
        Assert.Equal(GiftState.Ended, (await GetAsync(recipient, order.Id, token)).State);
        var late = await Send(recipient, HttpMethod.Post, ApiRoutes.AcceptGift(order.Id), token, new AcceptGiftRequest(Friend));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(ProblemCodes.GiftClosed, (await Problem.ReadAsync(late)).Code);
        Assert.Equal(0, await ExpireAsync());

        var tooLong = await seller.Http.PutAsJsonAsync(ApiRoutes.ShopPayments(shop), new SaveShopPaymentSettingsRequest(null, null, null, true, false, null, 3, GiftAcceptDays: Limits.GiftAcceptMaxDays + 1));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task AGiftThatCannotBe_IsRefusedWithTheReason_AndTakesNothing()
    {
        var (room, _, product) = await ShowAsync("Gift rules");
        await using var __ = room;
        var buyer = await factory.GuestAsync("Hasty");
        var gift = GiftRequest(room, product, "Hi");

        var cases = new (PlaceOrderRequest Request, string Code)[]
        {
            (gift with { Payment = new PaymentDetailsDto(PaymentMethod.CashOnDelivery, null) }, ProblemCodes.GiftInvalid),
            (gift with { ShippingAddress = Shopping.Address }, ProblemCodes.GiftInvalid),
            (gift with { Gift = new GiftRequest(new string('x', Limits.GiftMessageMaxLength + 1)) }, ProblemCodes.GiftInvalid),
            (gift with { Gift = null }, ProblemCodes.ValidationFailed),
            (gift with { Gift = new GiftRequest("Happy \u202Eyadhtrib") }, ProblemCodes.GiftInvalid),
        };
        foreach (var (request, code) in cases)
        {
            var response = await buyer.Http.PostOrderAsync(request, Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(code, (await Problem.ReadAsync(response)).Code);
        }

        Assert.Empty(await buyer.Http.MyOrdersAsync());
        Assert.Equal(50, await StockAsync(product));
    }

    internal static PlaceOrderRequest GiftRequest(LiveRoom room, Guid product, string? message) =>
        new(room.Show.Id, [new PlaceOrderLine(product, 2, 20.00m)], null, Shopping.GoodCard, new GiftRequest(message));

    /// <summary>The order's id and the token from a gift's link, <c>gift/{orderId}#{token}</c>.</summary>
    internal static (Guid OrderId, string Token) Parse(string link)
    {
        Assert.StartsWith("gift/", link);
        var hash = link.IndexOf('#', StringComparison.Ordinal);
        return (Guid.ParseExact(link[5..hash], "N"), link[(hash + 1)..]);
    }

    internal static async Task<GiftPageDto> GetAsync(HttpClient http, Guid orderId, string token)
    {
        var response = await Send(http, HttpMethod.Get, ApiRoutes.Gift(orderId), token);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<GiftPageDto>())!;
    }

    internal static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string url, string token, object? body = null)
    {
        var message = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        message.Headers.Add(ApiRoutes.GiftTokenHeader, token);
        return http.SendAsync(message);
    }

    private Task<(LiveRoom Room, SignedIn Seller, Guid Product)> ShowAsync(string title) => ShowAsync(factory, title);

    internal static async Task<(LiveRoom Room, SignedIn Seller, Guid Product)> ShowAsync(LiveShopFactory factory, string title)
    {
        var (seller, shop) = await factory.RegisterSellerAsync();
        var product = await LiveRoom.AddProductAsync(seller, shop.Id, "Olive oil 500 ml", 20.00m);
        var room = await LiveRoom.StartForSellerAsync(factory, seller, shop.Id, title, product);
        return (room, seller, product);
    }

    private Task<int> ExpireAsync() => factory.Services.GetRequiredService<GiftExpirer>().RunOnceAsync(CancellationToken.None);

    private Task<int> StockAsync(Guid product) => factory.ReadAsync(db => db.Products.Where(p => p.Id == product).Select(p => p.Stock).SingleAsync());
}
