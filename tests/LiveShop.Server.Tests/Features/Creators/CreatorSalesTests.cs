using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Features.Creators;

/// <summary>
/// A creator sells for two brands through their own links (issue 17): each brand's orders stay the brand's, the
/// creator earns each product's rate fixed at order time, to the cent; each side sees only what is theirs.
/// </summary>
public class CreatorSalesTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task Creator_SellsForTwoBrands_EachSeesItsOwn_CommissionPerProductRate_ToTheCent()
    {
        // The demo brand (TWD) opens everything at 12 %, the oolong at 20 %; the olive brand (EUR) opens only its oil, at 15 %.
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var (seller, olive) = await factory.RegisterSellerAsync("Olive Sales " + Unique(), Currencies.Eur);
        var oil = await LiveRoom.AddProductAsync(seller, olive.Id, "Olive oil", 18.50m);
        var soap = await LiveRoom.AddProductAsync(seller, olive.Id, "Olive soap", 6m);
        await SaveProgramAsync(owner, DemoSeeder.DemoShopId, new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.12m, 14, true, [new ProgramProductDto(DemoSeeder.ProductId(2), 0.2m)]));
        await SaveProgramAsync(seller, olive.Id, new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.10m, 7, false, [new ProgramProductDto(oil, 0.15m)]));

        await using var demoRoom = await LiveRoom.StartAsync(factory, "Tea night " + Unique());
        var oliveShow = await LiveRoom.StartForSellerAsync(factory, seller, olive.Id, "Olive harvest " + Unique(), oil, soap);
        var creator = await CreatorAsync("mei");
        await JoinAsync(creator, DemoSeeder.DemoShopId);
        await JoinAsync(creator, olive.Id);

        // The creator's shows: both, each with only the products opened to them.
        var shows = (await creator.Http.GetFromJsonAsync<List<CreatorShowDto>>(ApiRoutes.CreatorShows))!;
        Assert.Equal(4, shows.Single(s => s.ShowId == demoRoom.Show.Id).Products.Count);
        Assert.Equal((oil, 0.15m), (Assert.Single(shows.Single(s => s.ShowId == oliveShow.Show.Id).Products).ProductId, 0.15m));

        // A product the brand did not open cannot be shared; a brand that has not approved them cannot be shared at all.
        var unopened = await creator.Http.PostAsJsonAsync(ApiRoutes.CreatorLinks, new CreatorLinkRequest(oliveShow.Show.Id, soap));
        Assert.Equal((HttpStatusCode.BadRequest, ProblemCodes.CreatorLinkInvalid), (unopened.StatusCode, (await Problem.ReadAsync(unopened)).Code));
        var stranger = await CreatorAsync("stranger");
        var notApproved = await stranger.Http.PostAsJsonAsync(ApiRoutes.CreatorLinks, new CreatorLinkRequest(oliveShow.Show.Id, oil));
        Assert.Equal((HttpStatusCode.Forbidden, ProblemCodes.CreatorNotApproved), (notApproved.StatusCode, (await Problem.ReadAsync(notApproved)).Code));

        var teaLink = await LinkAsync(creator, demoRoom.Show.Id, null);
        var oilLink = await LinkAsync(creator, oliveShow.Show.Id, oil);

        // A phone viewer opens both links and buys in both shows.
        var viewer = await factory.RegisterAsync(asHost: false, "Phone Viewer");
        await viewer.Http.OpenShareLinkAsync(teaLink.Url);
        await viewer.Http.OpenShareLinkAsync(oilLink.Url);
        var teaOrder = await viewer.Http.BuyAsync(new PlaceOrderRequest(demoRoom.Show.Id,
            [new PlaceOrderLine(DemoSeeder.ProductId(1), 2, 690m), new PlaceOrderLine(DemoSeeder.ProductId(2), 1, 890m)], Shopping.Address, Shopping.GoodCard));
        var oilOrder = await viewer.Http.BuyAsync(new PlaceOrderRequest(oliveShow.Show.Id,
            [new PlaceOrderLine(oil, 2, 18.50m), new PlaceOrderLine(soap, 1, 6m)], Shopping.Address, Shopping.GoodCard));
        Assert.Equal((DemoSeeder.DemoShopId, olive.Id), (teaOrder.ShopId, oilOrder.ShopId));

        // The creator: 1,380 × 12 % + 890 × 20 % = 343.60 TWD; 37.00 × 15 % + 6.00 × 0 % = 5.55 EUR; pending until delivered and past returns.
        var results = await ResultsAsync(creator);
        var tea = results.Brands.Single(b => b.ShopId == DemoSeeder.DemoShopId);
        Assert.Equal((Currencies.Twd, 1, 1, 1, 3, 2270m, 343.60m, 0m), (tea.Currency, tea.Clicks, tea.Visitors, tea.Orders, tea.Units, tea.Gmv, tea.CommissionPending, tea.CommissionConfirmed));
        var olives = results.Brands.Single(b => b.ShopId == olive.Id);
        // The soap was not opened to the creator: it earns nothing and the creator is not shown it (the rest of the basket is the brand's).
        Assert.Equal((Currencies.Eur, 1, 2, 37m, 5.55m), (olives.Currency, olives.Orders, olives.Units, olives.Gmv, olives.CommissionPending));
        Assert.Equal((37m, 5.55m), results.Links.Where(l => l.Code == oilLink.Code).Select(l => (l.Gmv, l.Commission)).Single());
        Assert.DoesNotContain(results.Products, p => p.ProductId == soap);
        Assert.Equal(178m, results.Products.Single(p => p.ProductId == DemoSeeder.ProductId(2)).Commission);

        // The CSV: order numbers and amounts, never the buyer.
        var csv = await creator.Http.GetStringAsync(ApiRoutes.CreatorResultsCsv);
        Assert.Contains(teaOrder.Number, csv, StringComparison.Ordinal);
        Assert.Contains("5.55", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Phone Viewer", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(Shopping.Address.Line1, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Olive soap", csv, StringComparison.Ordinal);

        // Each brand sees its own creator results only; neither sees the other's; the creator sees no brand's report.
        var demoReport = await BrandResultsAsync(owner, DemoSeeder.DemoShopId);
        var meiAtDemo = demoReport.Creators.Single(c => c.CreatorId == creator.User.Id);
        Assert.Equal((2270m, 343.60m, 2270m), (meiAtDemo.Gmv, meiAtDemo.CommissionPending, meiAtDemo.Credits.FirstTouch));
        var oliveReport = await BrandResultsAsync(seller, olive.Id);
        var meiAtOlive = Assert.Single(oliveReport.Creators);
        Assert.Equal((Currencies.Eur, 43m, 5.55m, 1), (meiAtOlive.Currency, meiAtOlive.Gmv, meiAtOlive.CommissionPending, meiAtOlive.Clicks));
        Assert.All(oliveReport.Totals, t => Assert.Equal(Currencies.Eur, t.Currency));
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.Http.GetAsync(ApiRoutes.ShopCreatorResults(DemoSeeder.DemoShopId))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await creator.Http.GetAsync(ApiRoutes.ShopCreatorResults(olive.Id))).StatusCode);

        // Per currency the creators' credits plus the rest are the brand's GMV under every model.
        foreach (var report in new[] { demoReport, oliveReport })
        {
            foreach (var total in report.Totals)
            {
                var rows = report.Creators.Where(c => c.Currency == total.Currency).ToList();
                Assert.Equal(total.Gmv, rows.Sum(r => r.Credits.LastTouch) + total.Others.LastTouch);
                Assert.Equal(total.Gmv, rows.Sum(r => r.Credits.FirstTouch) + total.Others.FirstTouch);
                Assert.Equal(total.Gmv, rows.Sum(r => r.Credits.Linear) + total.Others.Linear);
                Assert.Equal(total.Gmv, rows.Sum(r => r.Credits.TimeDecay) + total.Others.TimeDecay);
            }
        }

        // The oil's rate goes up: the order placed keeps 15 %; the next order (one bottle) earns 30 %: 5.55 again.
        await SaveProgramAsync(seller, olive.Id, new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.10m, 7, false, [new ProgramProductDto(oil, 0.30m)]));
        Assert.Equal(5.55m, (await ResultsAsync(creator)).Brands.Single(b => b.ShopId == olive.Id).CommissionPending);
        await viewer.Http.BuyAsync(Shopping.Request(oliveShow.Show.Id, oil, 18.50m));
        Assert.Equal(5.55m + 5.55m, (await ResultsAsync(creator)).Brands.Single(b => b.ShopId == olive.Id).CommissionPending);

        // Paused: the next order through the link is not the creator's (it goes to the show directly).
        await (await seller.Http.PutAsJsonAsync(ApiRoutes.ShopCreator(olive.Id, creator.User.Id!.Value), new ProgramCreatorRequest(CreatorStatus.Paused, null))).Content.ReadAsStringAsync();
        await viewer.Http.BuyAsync(Shopping.Request(oliveShow.Show.Id, oil, 18.50m));
        var paused = (await ResultsAsync(creator)).Brands.Single(b => b.ShopId == olive.Id);
        Assert.Equal((2, 11.10m), (paused.Orders, paused.CommissionPending));
        Assert.Equal(3, (await BrandResultsAsync(seller, olive.Id)).Totals.Single().Orders);
        await oliveShow.DisposeAsync();
    }

    [Fact]
    public async Task Refunds_LowerTheCommission_AndAPeriodWithoutSalesShowsZeros()
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        await SaveProgramAsync(owner, DemoSeeder.DemoShopId, new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.10m, 14, true, []));
        await using var room = await LiveRoom.StartAsync(factory, "Refund night " + Unique());
        var creator = await CreatorAsync("refund");
        await JoinAsync(creator, DemoSeeder.DemoShopId);
        var link = await LinkAsync(creator, room.Show.Id, DemoSeeder.ProductId(1));
        var viewer = await factory.RegisterAsync(asHost: false, "Refund Viewer");
        await viewer.Http.OpenShareLinkAsync(link.Url);
        var order = await viewer.Http.BuyAsync(Shopping.Request(room.Show.Id, DemoSeeder.ProductId(1), 690m, quantity: 3));
        Assert.Equal(207m, (await ResultsAsync(creator)).Brands.Single().CommissionPending);

        // One of three units comes back: 1,380 × 10 %.
        var refund = await owner.Http.PostAsJsonAsync(ApiRoutes.RefundOrder(order.Id), new RefundRequest([new RefundLineRequest(1, 1)], true, "Cracked in the post"));
        Assert.True(refund.IsSuccessStatusCode, await refund.Content.ReadAsStringAsync());
        var after = (await ResultsAsync(creator)).Brands.Single();
        Assert.Equal((1380m, 138m, 2), (after.Gmv, after.CommissionPending, after.Units));

        var lastYear = await creator.Http.GetFromJsonAsync<CreatorResultsDto>($"{ApiRoutes.CreatorResults}?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z");
        var quiet = Assert.Single(lastYear!.Brands);
        Assert.Equal((0, 0, 0m, 0m), (quiet.Clicks, quiet.Orders, quiet.Gmv, quiet.CommissionPending));
        Assert.Equal(0, Assert.Single(lastYear.Links).Clicks);
        var backwards = await creator.Http.GetAsync($"{ApiRoutes.CreatorResults}?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        Assert.Equal((HttpStatusCode.BadRequest, ProblemCodes.PeriodInvalid), (backwards.StatusCode, (await Problem.ReadAsync(backwards)).Code));
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private async Task<SignedIn> CreatorAsync(string prefix)
    {
        var creator = await factory.RegisterAsync(asHost: false, "Creator " + prefix);
        var response = await creator.Http.PutAsJsonAsync(ApiRoutes.CreatorProfile, new CreatorProfileRequest($"{prefix}.{Unique()}", "Creator " + prefix, null, null));
        response.EnsureSuccessStatusCode();
        return creator;
    }

    private static async Task SaveProgramAsync(SignedIn who, Guid shopId, CreatorProgramRequest request) =>
        (await who.Http.PutAsJsonAsync(ApiRoutes.ShopCreatorProgram(shopId), request)).EnsureSuccessStatusCode();

    private static async Task JoinAsync(SignedIn creator, Guid shopId) =>
        (await creator.Http.PostAsync(ApiRoutes.CreatorProgramJoin(shopId), null)).EnsureSuccessStatusCode();

    private static async Task<CreatorLinkResultDto> LinkAsync(SignedIn creator, Guid showId, Guid? productId)
    {
        var response = await creator.Http.PostAsJsonAsync(ApiRoutes.CreatorLinks, new CreatorLinkRequest(showId, productId));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatorLinkResultDto>())!;
    }

    private static async Task<CreatorResultsDto> ResultsAsync(SignedIn creator) =>
        (await creator.Http.GetFromJsonAsync<CreatorResultsDto>(ApiRoutes.CreatorResults))!;

    private static async Task<BrandCreatorResultsDto> BrandResultsAsync(SignedIn who, Guid shopId) =>
        (await who.Http.GetFromJsonAsync<BrandCreatorResultsDto>(ApiRoutes.ShopCreatorResults(shopId)))!;
}
