using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Payments;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Payments;

/// <summary>
/// A shop that takes bank transfers and no cards: the checkout offers only that, the order waits with the
/// shop's instructions and its reference, the shop marks it paid, and an unpaid one is cancelled after the
/// shop's days with its stock back.
/// </summary>
public class BankTransferTests : IClassFixture<HeldStockFactory>
{
    private static readonly Guid Teapot = LiveRoom.Lineup[2];   // NT$1,980
    internal const string Instructions = "Cathay United Bank (013), account 123-456-789, LiveShop Tea Co.";

    private readonly HeldStockFactory _factory;

    public BankTransferTests(HeldStockFactory factory)
    {
        _factory = factory;
        _factory.Cards = null;
    }

    internal static PaymentDetailsDto Transfer => new(PaymentMethod.BankTransfer, null);

    private Task<LiveRoom> TransferOnlyRoomAsync(string title) => TransferOnlyRoomAsync(_factory, title);

    /// <summary>A live show of the demo shop, which takes bank transfers only (and no cards: the factory's processor is none).</summary>
    internal static async Task<LiveRoom> TransferOnlyRoomAsync(HeldStockFactory factory, string title)
    {
        factory.Cards = null;
        var room = await LiveRoom.StartAsync(factory, title);
        await TakeTransfersAsync(factory, room);
        return room;
    }

    /// <summary>The room's shop takes bank transfers (3 days, <see cref="Instructions"/>) and no cash on delivery.</summary>
    internal static Task TakeTransfersAsync(LiveShopFactory factory, LiveRoom room) =>
        factory.ReadAsync(async db =>
        {
            var shopId = await db.Shows.Where(s => s.Id == room.Show.Id).Select(s => s.ShopId).SingleAsync();
            if (!await db.ShopPaymentSettings.AnyAsync(s => s.ShopId == shopId))
            {
                db.ShopPaymentSettings.Add(new ShopPaymentSettings(shopId) { CashOnDelivery = false, BankTransfer = true, BankTransferInstructions = Instructions, BankTransferDays = 3 });
                await db.SaveChangesAsync();
            }

            return shopId;
        });

    [Fact]
    public async Task Checkout_OffersOnlyWhatTheShopTakes_AndRefusesTheRestWithTheMethodsItTakes()
    {
        await using var room = await TransferOnlyRoomAsync("Transfers only");
        var buyer = await _factory.GuestAsync("Careful Buyer");

        var options = await buyer.Http.GetFromJsonAsync<CheckoutOptionsDto>(ApiRoutes.ShowCheckout(room.Show.Id));
        Assert.Equal((CardProcessor.None, false, true, false), (options!.Card, options.CashOnDelivery, options.BankTransfer, options.TestMode));
        Assert.Equal("This shop does not take cards online yet: pay by bank transfer.", options.Notice);

        var before = await buyer.Http.StockAsync(Teapot);
        foreach (var (payment, says) in new[] { (Shopping.GoodCard, "does not take cards"), (new PaymentDetailsDto(PaymentMethod.CashOnDelivery, null), "does not take cash on delivery") })
        {
            var response = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Teapot, 1980m, payment: payment), Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await Shopping.ProblemJsonAsync(response);
            Assert.Equal(ProblemCodes.PaymentMethodNotOffered, problem.GetProperty("code").GetString());
            Assert.Contains(says, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(new[] { "BankTransfer" }, problem.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).ToArray());
            Assert.DoesNotContain(TestCards.Succeeds, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Empty(await buyer.Http.MyOrdersAsync());
        Assert.Equal(before, await buyer.Http.StockAsync(Teapot));
    }

    [Fact]
    public async Task TransferOrder_WaitsWithItsReference_AndTheShopMarksItPaid_OnlyOnce()
    {
        await using var room = await TransferOnlyRoomAsync("Transfer then paid");
        var buyer = await _factory.GuestAsync("Transfer Payer");

        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Teapot, 1980m, payment: Transfer));

        Assert.Equal(OrderStatus.AwaitingTransfer, order.Status);
        Assert.Equal("LS-" + order.Number, order.PaymentReference);
        Assert.Contains(Instructions, order.PaymentInstructions, StringComparison.Ordinal);
        Assert.Contains("LS-" + order.Number, order.PaymentInstructions, StringComparison.Ordinal);
        Assert.Equal(_factory.Clock.GetUtcNow().AddDays(3).UtcDateTime.Date, order.HoldExpiresAt!.Value.UtcDateTime.Date);
        Assert.Equal(order.PaymentInstructions, (await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.OrderPayment(order.Id)))!.PaymentInstructions);

        // The buyer cannot mark their own transfer received.
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.Http.PostAsync(ApiRoutes.MarkOrderPaid(order.Id), null)).StatusCode);

        var marked = await room.Host.Http.PostAsync(ApiRoutes.MarkOrderPaid(order.Id), null);
        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        var paid = (await marked.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal((room.Host.User.DisplayName, "Bank transfer received"), (paid.History![^1].ActorName, paid.History[^1].Note));

        var again = await room.Host.Http.PostAsync(ApiRoutes.MarkOrderPaid(order.Id), null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(ProblemCodes.OrderNotAwaitingTransfer, (await Problem.ReadAsync(again)).Code);
    }
}

/// <summary>An unpaid transfer runs out after the shop's days (its own app: the clock moves days ahead).</summary>
public class TransferExpiryTests(HeldStockFactory factory) : IClassFixture<HeldStockFactory>
{
    private static readonly Guid Teapot = LiveRoom.Lineup[2];
    private readonly HeldStockFactory _factory = factory;

    [Fact]
    public async Task UnpaidTransfer_IsCancelledAfterTheShopsDays_AndTheStockComesBack()
    {
        await using var room = await BankTransferTests.TransferOnlyRoomAsync(_factory, "Transfer never came");
        var buyer = await _factory.GuestAsync("Forgetful Payer");
        var before = await buyer.Http.StockAsync(Teapot);
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Teapot, 1980m, quantity: 2, payment: BankTransferTests.Transfer));
        Assert.Equal(before - 2, await buyer.Http.StockAsync(Teapot));

        _factory.Clock.Advance(TimeSpan.FromDays(2));
        await _factory.Expirer.RunOnceAsync(CancellationToken.None);
        Assert.Equal(OrderStatus.AwaitingTransfer, (await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(order.Id)))!.Status);

        _factory.Clock.Advance(TimeSpan.FromDays(1.01));
        await _factory.Expirer.RunOnceAsync(CancellationToken.None);

        var cancelled = (await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(order.Id)))!;
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(PaymentRecorder.ExpiredNote, cancelled.History![^1].Note);
        Assert.Equal(before, await buyer.Http.StockAsync(Teapot));

        // Too late to mark it paid now.
        Assert.Equal(HttpStatusCode.Conflict, (await room.Host.Http.PostAsync(ApiRoutes.MarkOrderPaid(order.Id), null)).StatusCode);
    }
}
