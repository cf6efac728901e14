using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Claims;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Claims;

/// <summary>
/// "+1" in the chat: a viewer's keyword line holds a unit of the pinned product for them until the host's pay time,
/// paying turns it into an order at the claimed price, unpaid claims go to the waitlist in order and then back to the
/// room; a burst never claims more than the stock. On a clock the test moves.
/// </summary>
public class ChatClaimsTests(FakeClockLiveShopFactory factory) : IClassFixture<FakeClockLiveShopFactory>
{
    private static readonly Guid Scarf = DemoSeeder.ProductId(5);   // Colour: Indigo, Tea at NT$1,290; Jade at NT$1,390

    [Fact]
    public async Task PlusOne_HoldsAUnitForTheViewer_AndPayingItOrdersAtTheClaimedPrice_Once()
    {
        var (room, product) = await ShowWithClaimsAsync("Olive oil night", stock: 50, payMinutes: 20);
        await using var _ = room;
        await using var watcher = await RoomWatcher.JoinAsync(factory, room.Show);
        var mei = await factory.GuestAsync("Mei");
        await using var meiRoom = await RoomWatcher.JoinAsync(factory, room.Show, mei.Cookies);
        var now = factory.Clock.GetUtcNow();

        var sent = await SendAsync(room, meiRoom, "+1");

        // The line is in the chat for everyone, and the claim is Mei's alone.
        Assert.Equal("+1", sent.Posted!.Message.Text);
        var claim = sent.Claim!;
        Assert.Equal((ChatClaimStatus.Held, product, 20.00m, Currencies.Eur, "Mei"), (claim.Status, claim.ProductId, claim.UnitPrice, claim.Currency, claim.BuyerName));
        Assert.Equal(now.AddMinutes(20), claim.PayBy!.Value, TimeSpan.FromSeconds(1));
        Assert.Null(sent.ClaimNote);
        Assert.Equal(49, await StockAsync(product));
        Assert.Equal(49, (await watcher.NextAsync<ProductStockEvent>(e => e.ProductId == product)).Stock);
        var counts = await watcher.NextAsync<ClaimsChangedEvent>(e => e.Claims.Claimed == 1);
        Assert.Equal((product, true, 0), (counts.Claims.ProductId, counts.Claims.Open, counts.Claims.Waiting));

        // Pay: the held unit becomes the order's, at the claimed price, without taking a second one.
        var order = await mei.Http.BuyAsync(PayRequest(room, claim));
        var line = Assert.Single(order.Lines);
        Assert.Equal((product, 1, 20.00m), (line.ProductId, line.Quantity, line.UnitPrice));
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(49, await StockAsync(product));

        var again = await mei.Http.PostOrderAsync(PayRequest(room, claim), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(ProblemCodes.ClaimNotHeld, (await Problem.ReadAsync(again)).Code);
        var mine = Assert.Single(await meiRoom.Connection.InvokeAsync<IReadOnlyList<ChatClaimDto>>(nameof(ILiveShowHub.GetMyClaims), room.Show.Id));
        Assert.Equal((ChatClaimStatus.Ordered, order.Id), (mine.Status, mine.OrderId));

        // Someone else's claim is not theirs to pay.
        var lin = await factory.GuestAsync("Lin");
        var stolen = await lin.Http.PostOrderAsync(PayRequest(room, claim), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Equal(ProblemCodes.ClaimNotFound, (await Problem.ReadAsync(stolen)).Code);
    }

    [Fact]
    public async Task ADeclinedCard_LeavesTheClaimHeldForTheBuyer_AndAnotherCardPaysIt()
    {
        var (room, product) = await ShowWithClaimsAsync("Card trouble", stock: 1, payMinutes: 30);
        await using var _ = room;
        var buyer = await factory.GuestAsync("Yu-ting");
        var other = await factory.GuestAsync("Someone else");
        await using var buyerRoom = await RoomWatcher.JoinAsync(factory, room.Show, buyer.Cookies);
        await using var otherRoom = await RoomWatcher.JoinAsync(factory, room.Show, other.Cookies);
        var claim = (await SendAsync(room, buyerRoom, "+1")).Claim!;

        var declined = await buyer.Http.PostOrderAsync(PayRequest(room, claim) with { Payment = Shopping.DeclinedCard }, Guid.NewGuid().ToString());

        // The unit did not go back on sale: it is still the buyer's, and nobody else can take it meanwhile.
        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        Assert.Equal(0, await StockAsync(product));
        Assert.Equal((ChatClaimStatus.Held, claim.PayBy), ((await MineAsync(room, buyerRoom)).Status, (await MineAsync(room, buyerRoom)).PayBy));
        Assert.Equal(ChatClaimStatus.Waiting, (await SendAsync(room, otherRoom, "+1")).Claim!.Status);

        var order = await buyer.Http.BuyAsync(PayRequest(room, claim));
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(0, await StockAsync(product));
        Assert.Equal(ChatClaimStatus.Ordered, (await MineAsync(room, buyerRoom)).Status);
    }

    [Fact]
    public async Task ABurstOfPlusOnes_ClaimsExactlyTheStock_AndTheRestWaitInTheOrderTheyTyped()
    {
        var (room, product) = await ShowWithClaimsAsync("Burst", stock: 12, payMinutes: 10);
        await using var _ = room;
        List<RoomWatcher> viewers = [];
        for (var i = 0; i < 40; i++)
        {
            viewers.Add(await RoomWatcher.JoinAsync(factory, room.Show, (await factory.GuestAsync($"Viewer {i}")).Cookies));
        }

        try
        {
            var results = await Task.WhenAll(viewers.Select(v => SendAsync(room, v, "+1")));

            var claims = results.Select(r => r.Claim!).ToList();
            Assert.Equal(12, claims.Count(c => c.Status == ChatClaimStatus.Held));
            Assert.Equal(28, claims.Count(c => c.Status == ChatClaimStatus.Waiting));
            Assert.Equal(Enumerable.Range(1, 28), claims.Where(c => c.WaitPosition is not null).Select(c => c.WaitPosition!.Value).Order());
            Assert.Equal(0, await StockAsync(product));
            var snapshot = (await room.HostRoom.JoinAgainAsync()).Snapshot ?? (await RoomWatcher.JoinAsync(factory, room.Show)).LastJoin!.Snapshot!;
            var open = Assert.Single(snapshot.Claims!);
            Assert.Equal((12, 28), (open.Claimed, open.Waiting));
        }
        finally
        {
            foreach (var viewer in viewers)
            {
                await viewer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AnUnpaidClaim_GoesToTheFirstInLine_ThenTheNext_ThenBackToTheRoom()
    {
        var (room, product) = await ShowWithClaimsAsync("One left", stock: 1, payMinutes: 15);
        await using var _ = room;
        await using var watcher = await RoomWatcher.JoinAsync(factory, room.Show);
        var (a, b, c) = (await factory.GuestAsync("Ah-Mei"), await factory.GuestAsync("Bo"), await factory.GuestAsync("Chen"));
        await using var aRoom = await RoomWatcher.JoinAsync(factory, room.Show, a.Cookies);
        await using var bRoom = await RoomWatcher.JoinAsync(factory, room.Show, b.Cookies);
        await using var cRoom = await RoomWatcher.JoinAsync(factory, room.Show, c.Cookies);
        var promoted = new TaskCompletionSource<ChatClaimDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        bRoom.Connection.On<ChatClaimDto>(nameof(ILiveShowClient.ClaimUpdated), claim => promoted.TrySetResult(claim));

        var held = (await SendAsync(room, aRoom, "+1")).Claim!;
        var second = (await SendAsync(room, bRoom, "＋１")).Claim!;
        var third = (await SendAsync(room, cRoom, "+1")).Claim!;
        Assert.Equal((ChatClaimStatus.Held, ChatClaimStatus.Waiting, 1, ChatClaimStatus.Waiting, 2),
            (held.Status, second.Status, second.WaitPosition, third.Status, third.WaitPosition));

        // A minute early nothing moves; at the time Bo gets the unit (and 15 minutes to pay), Chen moves up.
        factory.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(0, await ExpireAsync());
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await ExpireAsync();
        var bos = await promoted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((second.Id, ChatClaimStatus.Held), (bos.Id, bos.Status));
        Assert.Equal(factory.Clock.GetUtcNow().AddMinutes(15), bos.PayBy!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(ChatClaimStatus.Expired, (await MineAsync(room, aRoom)).Status);
        Assert.Equal(1, (await MineAsync(room, cRoom)).WaitPosition);
        Assert.Equal(0, await StockAsync(product));
        var expired = await a.Http.PostOrderAsync(PayRequest(room, held), Guid.NewGuid().ToString());
        Assert.Equal(ProblemCodes.ClaimNotHeld, (await Problem.ReadAsync(expired)).Code);

        factory.Clock.Advance(TimeSpan.FromMinutes(15));
        await ExpireAsync();
        Assert.Equal(ChatClaimStatus.Held, (await MineAsync(room, cRoom)).Status);

        // Nobody left in line: the unit goes back on sale and the room sees it.
        factory.Clock.Advance(TimeSpan.FromMinutes(15));
        await ExpireAsync();
        Assert.Equal(1, await StockAsync(product));
        Assert.Equal(1, (await watcher.NextAsync<ProductStockEvent>(e => e.ProductId == product && e.Stock == 1)).Stock);
        var last = await watcher.NextAsync<ClaimsChangedEvent>(e => e.Claims.Claimed == 0 && e.Claims.Waiting == 0);
        Assert.True(last.Claims.Open);
    }

    [Fact]
    public async Task AProductWithVariants_IsClaimedByItsVariantKeyword_AndPlainPlusOneSaysWhichToType()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Scarves", lineup: [Scarf, LiveRoom.Lineup[0]]);
        await room.PinAsync(Scarf);
        await SetAsync(room, Scarf, true, 30);
        var jade = room.Show.Lineup.Single(l => l.ProductId == Scarf).Variants!.Single(v => v.Values[0] == "Jade");
        var (total, before) = await factory.VariantStockAsync(Scarf);
        var viewer = await factory.GuestAsync("Scarf Fan");
        await using var viewerRoom = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);

        var plain = await SendAsync(room, viewerRoom, "+1");
        Assert.Null(plain.Claim);
        Assert.Equal("Type one of +1 Indigo, +1 Tea, +1 Jade to claim “Hand-dyed Silk Scarf”.", plain.ClaimNote);

        var claimed = (await SendAsync(room, viewerRoom, "＋1 jade")).Claim!;
        Assert.Equal((jade.Id, "Jade", 1390m), (claimed.VariantId, claimed.VariantLabel, claimed.UnitPrice));
        var (totalAfter, after) = await factory.VariantStockAsync(Scarf);
        Assert.Equal((total - 1, before[jade.Id] - 1), (totalAfter, after[jade.Id]));

        // An ordinary chat line is no claim, and the host's own "+1" claims nothing.
        Assert.Null((await SendAsync(room, viewerRoom, "+1 love this colour")).ClaimNote);
        Assert.Null((await room.HostRoom.Connection.InvokeAsync<SendChatResult>(nameof(ILiveShowHub.SendChat), room.Show.Id, new SendChatRequest("+1 Tea", null))).Claim);

        // The host's list has the claim with the viewer's name.
        var list = await room.HostRoom.Connection.InvokeAsync<IReadOnlyList<ChatClaimDto>>(nameof(ILiveShowHub.GetClaims), room.Show.Id);
        Assert.Equal(("Scarf Fan", "Jade"), (list.Single().BuyerName, list.Single().VariantLabel));
        var refused = await Assert.ThrowsAsync<HubException>(() => viewerRoom.Connection.InvokeAsync<IReadOnlyList<ChatClaimDto>>(nameof(ILiveShowHub.GetClaims), room.Show.Id));
        Assert.Contains(ProblemCodes.NotShowStaff, refused.Message);
    }

    [Fact]
    public async Task ClaimsAreTheHostsToTurnOn_NeverBesideAFlashPrice_AndClosingThemEndsTheWaitlist()
    {
        var (room, product) = await ShowWithClaimsAsync("Rules", stock: 0, payMinutes: 30);
        await using var _ = room;
        var viewer = await factory.GuestAsync("Curious");
        await using var viewerRoom = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);

        var notHost = await Assert.ThrowsAsync<HubException>(() => viewerRoom.Connection.InvokeAsync<ClaimsChangedEvent>(nameof(ILiveShowHub.SetChatClaims), room.Show.Id, new SetChatClaimsRequest(product, true, 30)));
        Assert.Contains("[", notHost.Message);
        var badMinutes = await Assert.ThrowsAsync<HubException>(() => SetAsync(room, product, true, 0));
        Assert.Contains(ProblemCodes.ClaimSettingsInvalid, badMinutes.Message);
        var flash = await Assert.ThrowsAsync<HubException>(() => room.StartSaleAsync(product, 10m));
        Assert.Contains(ProblemCodes.ClaimFlashSale, flash.Message);

        // Sold out: the viewer waits; the host closes claims and the waiting viewer is told it closed.
        var waiting = (await SendAsync(room, viewerRoom, "+1")).Claim!;
        Assert.Equal(ChatClaimStatus.Waiting, waiting.Status);
        var closed = await SetAsync(room, product, false, 30);
        Assert.Equal((false, 0), (closed.Claims.Open, closed.Claims.Waiting));
        Assert.Equal(ChatClaimStatus.Closed, (await MineAsync(room, viewerRoom)).Status);
        Assert.Null((await SendAsync(room, viewerRoom, "+1")).Claim);

        // With claims off, a flash price may run; then claims cannot open beside it.
        await factory.ReadAsync(db => db.Products.Where(p => p.Id == product).ExecuteUpdateAsync(p => p.SetProperty(x => x.Stock, 5)));
        await room.StartSaleAsync(product, 10m, quantity: 1);
        var beside = await Assert.ThrowsAsync<HubException>(() => SetAsync(room, product, true, 30));
        Assert.Contains(ProblemCodes.ClaimFlashSale, beside.Message);
    }

    [Fact]
    public async Task PlusOne_IsForTheItemOnShow_SoANewerPinWithoutClaimsTakesNone_AndPunctuationStillClaims()
    {
        var (seller, shop) = await factory.RegisterSellerAsync();
        var oil = await LiveRoom.AddProductAsync(seller, shop.Id, "Olive oil 1 l", 30.00m);
        var soap = await LiveRoom.AddProductAsync(seller, shop.Id, "Olive soap", 6.50m);
        await using var room = await LiveRoom.StartForSellerAsync(factory, seller, shop.Id, "Two on show", oil, soap);
        var notPinned = await Assert.ThrowsAsync<HubException>(() => SetAsync(room, oil, true, 30));
        Assert.Contains(ProblemCodes.ClaimNotAllowed, notPinned.Message);
        await room.PinAsync(oil);
        await SetAsync(room, oil, true, 30);
        await room.PinAsync(soap);
        var viewer = await factory.GuestAsync("Eleni");
        await using var viewerRoom = await RoomWatcher.JoinAsync(factory, room.Show, viewer.Cookies);

        // The host is talking about the soap now, which takes no claims: "+1" is a cheer, not an oil claim.
        var cheer = await SendAsync(room, viewerRoom, "+1");
        Assert.Equal((null, null), (cheer.Claim, cheer.ClaimNote));
        Assert.Equal(50, await StockAsync(oil));

        await room.UnpinAsync(soap);
        var claimed = await SendAsync(room, viewerRoom, "+1!! 🙏");
        Assert.Equal((oil, ChatClaimStatus.Held, 30.00m), (claimed.Claim!.ProductId, claimed.Claim.Status, claimed.Claim.UnitPrice));
        Assert.Null((await SendAsync(room, viewerRoom, "+10")).Claim);
        Assert.Equal(49, await StockAsync(oil));
    }

    private async Task<(LiveRoom Room, Guid Product)> ShowWithClaimsAsync(string title, int stock, int payMinutes)
    {
        var (seller, shop) = await factory.RegisterSellerAsync();
        var product = await LiveRoom.AddProductAsync(seller, shop.Id, "Olive oil 500 ml", 20.00m);
        await factory.ReadAsync(db => db.Products.Where(p => p.Id == product).ExecuteUpdateAsync(p => p.SetProperty(x => x.Stock, stock)));
        var room = await LiveRoom.StartForSellerAsync(factory, seller, shop.Id, title, product);
        await room.PinAsync(product);
        var set = await SetAsync(room, product, true, payMinutes);
        Assert.Equal((product, true, payMinutes, "+1"), (set.Claims.ProductId, set.Claims.Open, set.Claims.PayMinutes, set.Claims.Keywords.Single().Keyword));
        return (room, product);
    }

    private static Task<ClaimsChangedEvent> SetAsync(LiveRoom room, Guid product, bool open, int minutes) =>
        room.HostRoom.Connection.InvokeAsync<ClaimsChangedEvent>(nameof(ILiveShowHub.SetChatClaims), room.Show.Id, new SetChatClaimsRequest(product, open, minutes));

    private static Task<SendChatResult> SendAsync(LiveRoom room, RoomWatcher viewer, string text) =>
        viewer.Connection.InvokeAsync<SendChatResult>(nameof(ILiveShowHub.SendChat), room.Show.Id, new SendChatRequest(text, Guid.NewGuid()));

    private static async Task<ChatClaimDto> MineAsync(LiveRoom room, RoomWatcher viewer) =>
        (await viewer.Connection.InvokeAsync<IReadOnlyList<ChatClaimDto>>(nameof(ILiveShowHub.GetMyClaims), room.Show.Id))[0];

    private static PlaceOrderRequest PayRequest(LiveRoom room, ChatClaimDto claim) =>
        new(room.Show.Id, [new PlaceOrderLine(claim.ProductId, 1, claim.UnitPrice, claim.VariantId, claim.Id)], Shopping.Address, Shopping.GoodCard);

    private Task<int> StockAsync(Guid product) => factory.ReadAsync(db => db.Products.Where(p => p.Id == product).Select(p => p.Stock).SingleAsync());

    private Task<int> ExpireAsync() => factory.Services.GetRequiredService<ClaimExpirer>().RunOnceAsync(CancellationToken.None);
}
