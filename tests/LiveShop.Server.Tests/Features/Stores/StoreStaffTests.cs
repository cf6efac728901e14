using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Stores;
using Microsoft.AspNetCore.SignalR.Client;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace LiveShop.Server.Tests.Features.Stores;

/// <summary>
/// Online sales credited offline (issue 17): a shop's stores and staff, each staff member's personal links and QR
/// codes, the store leaderboard and a staff member's own page; the stores' credits plus the rest make the shop's GMV.
/// </summary>
public partial class StoreStaffTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task StaffLinks_CreditTheStaffMemberAndTheStore_UnderEveryModel_ToTheCent()
    {
        var (seller, shop) = await factory.RegisterSellerAsync("Athens Olive " + Unique(), Currencies.Eur);
        var oil = await LiveRoom.AddProductAsync(seller, shop.Id, "Olive oil", 18.50m);
        var soap = await LiveRoom.AddProductAsync(seller, shop.Id, "Olive soap", 6m);
        var kolonaki = await StoreAsync(seller, shop.Id, "Kolonaki");
        var piraeus = await StoreAsync(seller, shop.Id, "Piraeus");

        // Names: empty, too long and taken are refused; nothing is added.
        await ExpectAsync(seller.Http.PostAsJsonAsync(ApiRoutes.ShopStores(shop.Id), new StoreRequest("  ")), HttpStatusCode.BadRequest, ProblemCodes.StoreInvalid);
        await ExpectAsync(seller.Http.PostAsJsonAsync(ApiRoutes.ShopStores(shop.Id), new StoreRequest(new string('x', Limits.StoreNameMaxLength + 1))), HttpStatusCode.BadRequest, ProblemCodes.StoreInvalid);
        await ExpectAsync(seller.Http.PostAsJsonAsync(ApiRoutes.ShopStores(shop.Id), new StoreRequest("Kolonaki")), HttpStatusCode.Conflict, ProblemCodes.StoreNameTaken);
        Assert.Equal(["Kolonaki", "Piraeus"], (await seller.Http.GetFromJsonAsync<List<StoreDto>>(ApiRoutes.ShopStores(shop.Id)))!.Select(s => s.Name));

        // Renamed: to a taken name refused; to a free one kept.
        await ExpectAsync(seller.Http.PutAsJsonAsync(ApiRoutes.ShopStore(shop.Id, piraeus.Id), new StoreRequest("Kolonaki")), HttpStatusCode.Conflict, ProblemCodes.StoreNameTaken);
        var renamed = await seller.Http.PutAsJsonAsync(ApiRoutes.ShopStore(shop.Id, piraeus.Id), new StoreRequest("Piraeus Port"));
        Assert.Equal("Piraeus Port", (await renamed.Content.ReadFromJsonAsync<StoreDto>())!.Name);

        var eleni = await factory.RegisterAsync(asHost: false, "Eleni");
        var nikos = await factory.RegisterAsync(asHost: false, "Nikos");
        await AddStaffAsync(seller, shop.Id, kolonaki.Id, eleni);
        await AddStaffAsync(seller, shop.Id, piraeus.Id, nikos);
        var staffed = await AddStaffAsync(seller, shop.Id, piraeus.Id, nikos);   // again: nothing changes
        Assert.Equal(["Nikos"], staffed.Staff.Select(s => s.DisplayName));
        await ExpectAsync(seller.Http.PostAsJsonAsync(ApiRoutes.ShopStoreStaff(shop.Id, kolonaki.Id), new AddStoreStaffRequest("nobody-" + Unique() + "@liveshop.test")),
            HttpStatusCode.NotFound, ProblemCodes.StaffNotFound);
        Assert.Equal(2, (await seller.Http.GetFromJsonAsync<List<StoreDto>>(ApiRoutes.ShopStores(shop.Id)))!.Sum(s => s.Staff.Count));

        // Staff are not the shop's team: they cannot see or change its stores; another seller cannot either.
        Assert.Equal(HttpStatusCode.Forbidden, (await eleni.Http.GetAsync(ApiRoutes.ShopStores(shop.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await eleni.Http.GetAsync(ApiRoutes.ShopStoreLeaderboard(shop.Id))).StatusCode);
        var (other, otherShop) = await factory.RegisterSellerAsync("Other Olive " + Unique(), Currencies.Eur);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync(ApiRoutes.ShopStoreLeaderboard(shop.Id))).StatusCode);
        await ExpectAsync(other.Http.PostAsJsonAsync(ApiRoutes.ShopStoreStaff(otherShop.Id, kolonaki.Id), new AddStoreStaffRequest(eleni.User.Email!)), HttpStatusCode.NotFound, ProblemCodes.StoreNotFound);

        await using var room = await LiveRoom.StartForSellerAsync(factory, seller, shop.Id, "Harvest night " + Unique(), oil, soap);
        await using var demoRoom = await LiveRoom.StartAsync(factory, "Tea night " + Unique());

        // Eleni's page: her store and the shop's live show with both products.
        var home = (await eleni.Http.GetFromJsonAsync<StaffHomeDto>(ApiRoutes.Staff))!;
        Assert.Equal(kolonaki.Id, Assert.Single(home.Stores).StoreId);
        Assert.Equal([oil, soap], home.Shows.Single(s => s.ShowId == room.Show.Id).Products.Select(p => p.ProductId));
        Assert.DoesNotContain(home.Shows, s => s.ShowId == demoRoom.Show.Id);

        // Not her store, another shop's show, a product not in the lineup: refused.
        await ExpectAsync(eleni.Http.PostAsJsonAsync(ApiRoutes.StaffLinks, new StaffLinkRequest(piraeus.Id, room.Show.Id, null)), HttpStatusCode.Forbidden, ProblemCodes.NotStoreStaff);
        await ExpectAsync(eleni.Http.PostAsJsonAsync(ApiRoutes.StaffLinks, new StaffLinkRequest(kolonaki.Id, demoRoom.Show.Id, null)), HttpStatusCode.NotFound, ProblemCodes.StaffLinkInvalid);
        await ExpectAsync(eleni.Http.PostAsJsonAsync(ApiRoutes.StaffLinks, new StaffLinkRequest(kolonaki.Id, room.Show.Id, DemoSeeder.ProductId(1))), HttpStatusCode.BadRequest, ProblemCodes.StaffLinkInvalid);

        var eleniLink = await LinkAsync(eleni, new StaffLinkRequest(kolonaki.Id, room.Show.Id, oil));
        var nikosLink = await LinkAsync(nikos, new StaffLinkRequest(piraeus.Id, room.Show.Id, null));
        Assert.Equal(("Kolonaki", "Olive oil"), (eleniLink.StoreName, eleniLink.ProductName));
        Assert.Equal(eleniLink.Code, (await LinkAsync(eleni, new StaffLinkRequest(kolonaki.Id, room.Show.Id, oil))).Code);   // the same link again

        // Three buyers: through Eleni's link; through Nikos's then Eleni's; through no link.
        var first = await factory.RegisterAsync(asHost: false, "Buyer One");
        await first.Http.OpenShareLinkAsync(eleniLink.Url);
        await first.Http.BuyAsync(Shopping.Request(room.Show.Id, oil, 18.50m, quantity: 2));
        var second = await factory.RegisterAsync(asHost: false, "Buyer Two");
        await second.Http.OpenShareLinkAsync(nikosLink.Url);
        await second.Http.OpenShareLinkAsync(eleniLink.Url);
        await second.Http.BuyAsync(Shopping.Request(room.Show.Id, soap, 6m));
        var third = await factory.RegisterAsync(asHost: false, "Buyer Three");
        await third.Http.BuyAsync(Shopping.Request(room.Show.Id, oil, 18.50m));

        // The leaderboard (last touch): Kolonaki 37 + 6 = 43 over two orders; Piraeus touched one order, credited nothing.
        var board = await LeaderboardAsync(seller, shop.Id);
        var total = Assert.Single(board.Totals);
        Assert.Equal((Currencies.Eur, 61.50m, 3), (total.Currency, total.Gmv, total.Orders));
        var k = board.Stores.Single(s => s.StoreId == kolonaki.Id);
        Assert.Equal((2, 2, 43m, 43m, 37m, 40m), (k.Orders, k.Visitors, k.Gmv, k.Credits.LastTouch, k.Credits.FirstTouch, k.Credits.Linear));
        var p = board.Stores.Single(s => s.StoreId == piraeus.Id);
        Assert.Equal((1, 1, 0m, 6m, 3m), (p.Orders, p.Clicks, p.Gmv, p.Credits.FirstTouch, p.Credits.Linear));
        Assert.Equal(kolonaki.Id, board.Stores[0].StoreId);
        Assert.Equal(("Eleni", 43m, false), board.Staff.Where(s => s.UserId == eleni.User.Id).Select(s => (s.DisplayName, s.Gmv, s.Removed)).Single());
        Assert.Equal((0m, 1), board.Staff.Where(s => s.UserId == nikos.User.Id).Select(s => (s.Gmv, s.Orders)).Single());

        // Under every model the stores' credits plus the rest are the shop's GMV, to the cent.
        Assert.Equal(total.Gmv, board.Stores.Sum(s => s.Credits.LastTouch) + total.Others.LastTouch);
        Assert.Equal(total.Gmv, board.Stores.Sum(s => s.Credits.FirstTouch) + total.Others.FirstTouch);
        Assert.Equal(total.Gmv, board.Stores.Sum(s => s.Credits.Linear) + total.Others.Linear);
        Assert.Equal(total.Gmv, board.Stores.Sum(s => s.Credits.TimeDecay) + total.Others.TimeDecay);

        // Eleni's own numbers: her link's two visitors and two orders, 43 € credited; she sees no other staff member's.
        var mine = (await eleni.Http.GetFromJsonAsync<StaffResultsDto>(ApiRoutes.StaffResults))!;
        var link = Assert.Single(mine.Links);
        Assert.Equal((eleniLink.Code, 2, 2, 2, 43m), (link.Code, link.Clicks, link.Visitors, link.Orders, link.Gmv));
        Assert.Equal(("Kolonaki", 2, 2, 43m), mine.Stores.Select(s => (s.StoreName, s.Visitors, s.Orders, s.Gmv)).Single());
        Assert.Equal((k.Clicks, k.Visitors), (mine.Stores.Single().Clicks, mine.Stores.Single().Visitors));   // counted as the leaderboard counts

        // Off the staff: no new links, the page is empty, and what she brought stays the store's (marked as former staff).
        (await seller.Http.DeleteAsync(ApiRoutes.ShopStoreStaffMember(shop.Id, kolonaki.Id, eleni.User.Id!.Value))).EnsureSuccessStatusCode();
        Assert.Empty((await eleni.Http.GetFromJsonAsync<StaffHomeDto>(ApiRoutes.Staff))!.Stores);
        await ExpectAsync(eleni.Http.PostAsJsonAsync(ApiRoutes.StaffLinks, new StaffLinkRequest(kolonaki.Id, room.Show.Id, null)), HttpStatusCode.Forbidden, ProblemCodes.NotStoreStaff);
        var after = await LeaderboardAsync(seller, shop.Id);
        Assert.Equal(43m, after.Stores.Single(s => s.StoreId == kolonaki.Id).Gmv);
        Assert.True(after.Staff.Single(s => s.UserId == eleni.User.Id).Removed);
        Assert.Equal(HttpStatusCode.Forbidden, (await eleni.Http.GetAsync(eleniLink.QrUrl)).StatusCode);   // no new copies of her QR code
        await ExpectAsync(seller.Http.DeleteAsync(ApiRoutes.ShopStoreStaffMember(shop.Id, kolonaki.Id, eleni.User.Id!.Value)), HttpStatusCode.NotFound, ProblemCodes.StaffNotFound);
    }

    [Fact]
    public async Task QrCode_EncodesTheStaffLink_AndOnlyItsOwnerOrTheShopMayPrintIt()
    {
        var (seller, shop) = await factory.RegisterSellerAsync("QR Olive " + Unique(), Currencies.Eur);
        var oil = await LiveRoom.AddProductAsync(seller, shop.Id, "Olive oil", 18.50m);
        var store = await StoreAsync(seller, shop.Id, "Syntagma");
        var staff = await factory.RegisterAsync(asHost: false, "Maria");
        await AddStaffAsync(seller, shop.Id, store.Id, staff);
        await using var room = await LiveRoom.StartForSellerAsync(factory, seller, shop.Id, "QR night " + Unique(), oil);
        var link = await LinkAsync(staff, new StaffLinkRequest(store.Id, room.Show.Id, null));

        var response = await staff.Http.GetAsync(link.QrUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new Uri(staff.Http.BaseAddress!, link.Url).ToString(), Decode(await response.Content.ReadAsStringAsync()));

        // The card says what the code holds: the same address, the store and the show.
        var card = (await staff.Http.GetFromJsonAsync<StaffLinkCardDto>(ApiRoutes.StaffLink(link.Code)))!;
        Assert.Equal((new Uri(staff.Http.BaseAddress!, link.Url).ToString(), "Syntagma", room.Show.Title, link.QrUrl), (card.PublicUrl, card.StoreName, card.ShowTitle, card.QrUrl));

        // The shop's managers may print it too; another staff member or a stranger may not; an unknown code is 404.
        Assert.Equal(HttpStatusCode.OK, (await seller.Http.GetAsync(link.QrUrl)).StatusCode);
        var colleague = await factory.RegisterAsync(asHost: false, "Colleague");
        await AddStaffAsync(seller, shop.Id, store.Id, colleague);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.Http.GetAsync(link.QrUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.Http.GetAsync(ApiRoutes.StaffLink(link.Code))).StatusCode);
        var stranger = await factory.RegisterAsync(asHost: false, "Stranger");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Http.GetAsync(link.QrUrl)).StatusCode);
        await ExpectAsync(staff.Http.GetAsync(ApiRoutes.StaffLinkQr("NOSUCHCODE")), HttpStatusCode.NotFound, ProblemCodes.StaffLinkInvalid);
    }

    [Fact]
    public async Task DeletingTheAccount_TakesThemOffEveryStoresStaff()
    {
        var (seller, shop) = await factory.RegisterSellerAsync("Gone Olive " + Unique(), Currencies.Eur);
        var store = await StoreAsync(seller, shop.Id, "Glyfada");
        var staff = await factory.RegisterAsync(asHost: false, "Leaving Soon");
        await AddStaffAsync(seller, shop.Id, store.Id, staff);

        (await staff.Http.PostAsJsonAsync(ApiRoutes.DeleteAccount, new LiveShop.Shared.Accounts.DeleteAccountRequest("Passw0rd-test"))).EnsureSuccessStatusCode();

        Assert.Empty((await seller.Http.GetFromJsonAsync<List<StoreDto>>(ApiRoutes.ShopStores(shop.Id)))!.Single().Staff);
        Assert.Empty((await seller.Http.GetFromJsonAsync<StoreLeaderboardDto>(ApiRoutes.ShopStoreLeaderboard(shop.Id)))!.Staff);
    }

    /// <summary>Reads the QR code back the way a phone's camera does: the SVG's dark modules drawn to pixels, then decoded.</summary>
    private static string Decode(string svg)
    {
        var size = int.Parse(ViewBox().Match(svg).Groups[1].Value, CultureInfo.InvariantCulture);
        const int Scale = 4;
        var width = size * Scale;
        var pixels = Enumerable.Repeat((byte)255, width * width).ToArray();
        foreach (Match run in DarkRun().Matches(svg))
        {
            var (x, y, w) = (int.Parse(run.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(run.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(run.Groups[3].Value, CultureInfo.InvariantCulture));
            for (var py = y * Scale; py < (y + 1) * Scale; py++)
            {
                Array.Fill(pixels, (byte)0, (py * width) + (x * Scale), w * Scale);
            }
        }

        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, width, width, RGBLuminanceSource.BitmapFormat.Gray8)));
        return new QRCodeReader().decode(bitmap)?.Text ?? "(unreadable)";
    }

    [GeneratedRegex("""viewBox="0 0 (\d+) \d+""")]
    private static partial Regex ViewBox();

    [GeneratedRegex(@"M(\d+) (\d+)h(\d+)")]
    private static partial Regex DarkRun();

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private static async Task ExpectAsync(Task<HttpResponseMessage> call, HttpStatusCode status, string code)
    {
        var response = await call;
        Assert.Equal((status, code), (response.StatusCode, (await Problem.ReadAsync(response)).Code));
    }

    private static async Task<StoreDto> StoreAsync(SignedIn seller, Guid shopId, string name)
    {
        var response = await seller.Http.PostAsJsonAsync(ApiRoutes.ShopStores(shopId), new StoreRequest(name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<StoreDto>())!;
    }

    private static async Task<StoreDto> AddStaffAsync(SignedIn seller, Guid shopId, Guid storeId, SignedIn person)
    {
        var response = await seller.Http.PostAsJsonAsync(ApiRoutes.ShopStoreStaff(shopId, storeId), new AddStoreStaffRequest(person.User.Email!.ToUpperInvariant()));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<StoreDto>())!;
    }

    private static async Task<StaffLinkDto> LinkAsync(SignedIn staff, StaffLinkRequest request)
    {
        var response = await staff.Http.PostAsJsonAsync(ApiRoutes.StaffLinks, request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<StaffLinkDto>())!;
    }

    private static async Task<StoreLeaderboardDto> LeaderboardAsync(SignedIn who, Guid shopId) =>
        (await who.Http.GetFromJsonAsync<StoreLeaderboardDto>(ApiRoutes.ShopStoreLeaderboard(shopId)))!;
}
