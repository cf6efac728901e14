using System.Net;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using static LiveShop.Server.Tests.Features.Gifts.GiftTests;

namespace LiveShop.Server.Tests.Features.Gifts;

/// <summary>
/// A gift bought at a flash price with the caps by browser, address and card on: until accepted it counts under the
/// buyer's gift key, and accepting it counts it at the address given, so gifts to oneself never multiply a cap.
/// </summary>
public class GiftFlashCapTests(IdentityCapsFactory factory) : IClassFixture<IdentityCapsFactory>
{
    [Fact]
    public async Task AGiftBoughtAtAFlashPrice_CountsAgainstTheCapAtTheAddressItIsAcceptedAt()
    {
        var (room, _, product) = await ShowAsync(factory, "Flash gifts");
        await using var _ = room;
        await room.PinAsync(product);
        await room.StartSaleAsync(product, 15.00m, seconds: 600, quantity: 10, perBuyer: 1);

        // Someone already bought their one unit at the flash price, to Eleni's address.
        var first = await factory.GuestAsync("First");
        await first.Http.BuyAsync(new PlaceOrderRequest(room.Show.Id, [new PlaceOrderLine(product, 1, 15.00m)], Friend, new PaymentDetailsDto(PaymentMethod.CashOnDelivery, null)));

        // A fresh guest buys one as a gift: the cap counts by account, browser and card, not by an address it does not have yet.
        var second = await factory.GuestAsync("Second");
        var gift = await second.Http.BuyAsync(new PlaceOrderRequest(room.Show.Id, [new PlaceOrderLine(product, 1, 15.00m)], null, Shopping.GoodCard, new GiftRequest(null)));
        var (_, token) = Parse(gift.Gift!.Link!);
        var recipient = factory.NewBrowser();

        // Accepting it at the same address would be a second flash unit there.
        var refused = await Send(recipient, HttpMethod.Post, ApiRoutes.AcceptGift(gift.Id), token, new AcceptGiftRequest(Friend));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(ProblemCodes.PerBuyerCapReached, (await Problem.ReadAsync(refused)).Code);
        Assert.Equal(GiftState.Waiting, (await GetAsync(recipient, gift.Id, token)).State);

        var elsewhere = await Send(recipient, HttpMethod.Post, ApiRoutes.AcceptGift(gift.Id), token, new AcceptGiftRequest(Friend with { Line1 = "Odos Athinas 40", PostalCode = "105 54" }));
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

}
