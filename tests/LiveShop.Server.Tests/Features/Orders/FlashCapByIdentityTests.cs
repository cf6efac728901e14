using System.Net;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;

namespace LiveShop.Server.Tests.Features.Orders;

/// <summary>
/// Issue 13: a per-buyer flash cap dodged with fresh guests (5 of 5 units to one client). The cap also
/// counts units by browser (visitor cookie), normalised shipping address and card.
/// </summary>
public class FlashCapByIdentityTests(IdentityCapsFactory factory) : IClassFixture<IdentityCapsFactory>
{
    private static readonly Guid Boba = LiveRoom.Lineup[3];      // NT$590

    private static readonly PaymentDetailsDto Cash = new(PaymentMethod.CashOnDelivery, null);

    private static ShippingAddressDto AddressNo(int n) =>
        new($"Buyer {n}", $"No. {n}, Lane {n + 10}, Heping E. Rd.", null, "Taipei", $"1{n:00}", "Taiwan", $"+886 900 000 {n:000}");

    /// <summary>A new guest in a browser of its own, with the given visitor cookie (the same browser, for a shared one).</summary>
    private async Task<SignedIn> GuestAsync(string name, Guid? visitorId = null)
    {
        var guest = await factory.GuestAsync(name);
        guest.Cookies.Add(factory.BaseAddress, new Cookie(VisitorCookie.Name, factory.VisitorCookieValue(visitorId ?? Guid.NewGuid())));
        return guest;
    }

    private static PlaceOrderRequest Order(Guid showId, ShippingAddressDto address, PaymentDetailsDto payment) =>
        new(showId, [new PlaceOrderLine(Boba, 1, 390m)], address, payment);

    private static async Task AssertCappedAsync(SignedIn guest, PlaceOrderRequest request)
    {
        var response = await guest.Http.PostOrderAsync(request, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.PerBuyerCapReached, problem.Code);
        Assert.Contains("each buyer can get at most 1", problem.Detail, StringComparison.Ordinal);
        Assert.Empty(await guest.Http.MyOrdersAsync());
    }

    private static async Task<int> SoldAsync(LiveRoom room, Guid saleId)
    {
        await room.HostRoom.JoinAgainAsync();
        return room.HostRoom.State.Sales.Values.Single(s => s.Id == saleId).Sold;
    }

    [Fact]
    public async Task FiveFreshGuests_OneBrowser_TakeOnlyThePerBuyerCap()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Cap by browser");
        var sale = (await room.StartSaleAsync(Boba, 390m, seconds: 300, quantity: 5, perBuyer: 1)).Sale;
        var browser = Guid.NewGuid();

        var first = await GuestAsync("Fresh 1", browser);
        await first.Http.BuyAsync(Order(room.Show.Id, AddressNo(1), Cash));
        for (var n = 2; n <= 5; n++)
        {
            // Each a new guest, shipping elsewhere, paying cash: only the browser is the same.
            await AssertCappedAsync(await GuestAsync($"Fresh {n}", browser), Order(room.Show.Id, AddressNo(n), Cash));
        }

        Assert.Equal(1, await SoldAsync(room, sale.Id));

        // Another browser, another address, another way to pay: still buys at the flash price.
        var other = await GuestAsync("Someone else");
        var order = await other.Http.BuyAsync(Order(room.Show.Id, AddressNo(9), Cash));
        Assert.Equal((390m, (Guid?)sale.Id), (order.Lines.Single().UnitPrice, order.Lines.Single().FlashSaleId));
        Assert.Equal(2, await SoldAsync(room, sale.Id));
    }

    [Fact]
    public async Task FreshGuests_ToTheSameAddress_WrittenDifferently_TakeOnlyThePerBuyerCap_ADeclineTakesNone()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Cap by address");
        var sale = (await room.StartSaleAsync(Boba, 390m, seconds: 300, quantity: 5, perBuyer: 1)).Sale;
        var home = new ShippingAddressDto("Lin Mei", "No. 12, Lane 5, Xinyi Rd. Sec. 4", "3F", "Taipei", "106", "Taiwan", "+886 911 111 111");

        // A declined card holds nothing: it does not use up the address's allowance.
        var declined = await (await GuestAsync("Lin")).Http.PostOrderAsync(
            Order(room.Show.Id, home, new PaymentDetailsDto(PaymentMethod.Card, TestCards.Declined)), Guid.NewGuid().ToString());
        Assert.False(declined.IsSuccessStatusCode);
        await (await GuestAsync("Lin again")).Http.BuyAsync(Order(room.Show.Id, home, Cash));

        // Other names and phones, other case, spacing and punctuation: the same place.
        ShippingAddressDto[] disguised =
        [
            home with { FullName = "M. Lin", Phone = "+886 922 222 222" },
            home with { FullName = "Mei", Line1 = "no 12 lane 5 xinyi rd sec 4", Line2 = "3 F" },
            home with { FullName = "Lin M", Line1 = "NO.12,LANE 5,XINYI RD.SEC.4", Country = "TAIWAN", PostalCode = " 106 " },
            home with { FullName = "L.M.", City = "Taipei City" },
        ];
        foreach (var address in disguised)
        {
            await AssertCappedAsync(await GuestAsync("Fresh"), Order(room.Show.Id, address, Cash));
        }

        Assert.Equal(1, await SoldAsync(room, sale.Id));
    }

    [Fact]
    public async Task FreshGuests_WithTheSameCard_TakeOnlyThePerBuyerCap_AndTheUnitsStay()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Cap by card");
        var sale = (await room.StartSaleAsync(Boba, 390m, seconds: 300, quantity: 5, perBuyer: 1)).Sale;
        var card = new PaymentDetailsDto(PaymentMethod.Card, TestCards.Succeeds);

        await (await GuestAsync("Card 1")).Http.BuyAsync(Order(room.Show.Id, AddressNo(21), card));
        await AssertCappedAsync(await GuestAsync("Card 2"), Order(room.Show.Id, AddressNo(22), card));
        // The same number typed with other spacing is the same card.
        await AssertCappedAsync(await GuestAsync("Card 3"), Order(room.Show.Id, AddressNo(23), card with { CardNumber = TestCards.Succeeds.Replace(" ", "") }));

        Assert.Equal(1, await SoldAsync(room, sale.Id));
    }
}
