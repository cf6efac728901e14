using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shows;

namespace LiveShop.Server.Tests.Features.Creators;

/// <summary>
/// A creator's own show with products of two brands (issue 17, B2K2C): one checkout makes one order per brand, each
/// the brand's and paid on its own; the show earns the creator each product's rate; a retry answers with the same
/// orders; a product the brand did not open, or no longer opens, is refused and nothing changes.
/// </summary>
public class CreatorShowTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task OneCheckout_InACreatorsShow_MakesOneOrderPerBrand_AndEarnsTheCreatorEachRate()
    {
        // Two brands open products to creators: olive oil at 15 % (the soap is not opened), and everything of the tea brand at 10 %.
        var (oliveSeller, olive) = await factory.RegisterSellerAsync("Olive Brand " + Unique(), Currencies.Eur);
        var oil = await LiveRoom.AddProductAsync(oliveSeller, olive.Id, "Olive oil", 18.50m);
        var soap = await LiveRoom.AddProductAsync(oliveSeller, olive.Id, "Olive soap", 6m);
        var (teaSeller, tea) = await factory.RegisterSellerAsync("Tea Brand " + Unique(), Currencies.Eur);
        var teapot = await LiveRoom.AddProductAsync(teaSeller, tea.Id, "Clay teapot", 42m);
        await SaveProgramAsync(oliveSeller, olive.Id, new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.10m, 7, false, [new ProgramProductDto(oil, 0.15m)]));
        await SaveProgramAsync(teaSeller, tea.Id, new CreatorProgramRequest(true, CreatorApproval.Anyone, 0.10m, 7, true, []));

        // The creator runs their own channel (a shop of their own, with a tote bag of theirs) and joins both programs.
        var (creator, channel) = await factory.RegisterSellerAsync("Mei Channel " + Unique(), Currencies.Eur);
        (await creator.Http.PutAsJsonAsync(ApiRoutes.CreatorProfile, new CreatorProfileRequest("mei." + Unique(), "Mei", null, null))).EnsureSuccessStatusCode();
        var tote = await LiveRoom.AddProductAsync(creator, channel.Id, "Mei's tote", 12m);
        await JoinAsync(creator, olive.Id);
        await JoinAsync(creator, tea.Id);

        // A product the brand did not open is "unknown" to the creator's lineup, as another shop's always was.
        var unopened = await creator.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Mei live", oil, soap) with { Currency = Currencies.Eur, ShopId = channel.Id });
        Assert.Equal((HttpStatusCode.BadRequest, ProblemCodes.LineupUnknownProduct), (unopened.StatusCode, (await Problem.ReadAsync(unopened)).Code));

        await using var room = await LiveRoom.StartForSellerAsync(factory, creator, channel.Id, "Mei live " + Unique(), oil, teapot, tote);

        // Viewers read each brand's name on its products; the creator pins a brand's product like their own.
        var detail = (await factory.CreateClient().GetFromJsonAsync<ShowDetailDto>(ApiRoutes.Show(room.Show.Id)))!;
        Assert.Equal([olive.Name, tea.Name, null], detail.Lineup.Select(l => l.BrandName));
        await room.PinAsync(teapot);

        // One checkout of three products from three sellers: three orders, each its seller's, each paid.
        var viewer = await factory.RegisterAsync(asHost: false, "Basket Viewer");
        var request = new PlaceOrderRequest(room.Show.Id,
            [new PlaceOrderLine(oil, 2, 18.50m), new PlaceOrderLine(teapot, 1, 42m), new PlaceOrderLine(tote, 1, 12m)], Shopping.Address, Shopping.GoodCard);
        var key = Guid.NewGuid().ToString();
        var response = await viewer.Http.PostOrderAsync(request, key);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var first = (await response.Content.ReadFromJsonAsync<OrderDto>())!;
        var all = new[] { first }.Concat(first.AlsoPlaced ?? []).ToList();
        Assert.Equal([olive.Id, tea.Id, channel.Id], all.Select(o => o.ShopId));
        Assert.Equal([37m, 42m, 12m], all.Select(o => o.Total));
        Assert.All(all, o => Assert.Equal(OrderStatus.Paid, o.Status));
        Assert.Equal(3, all.Select(o => o.Number).Distinct().Count());
        Assert.Equal((48, 49, 49), (await viewer.Http.StockAsync(oil), await viewer.Http.StockAsync(teapot), await viewer.Http.StockAsync(tote)));

        // A retry of the same checkout answers with the same three orders and takes nothing more.
        var retry = await viewer.Http.PostOrderAsync(request, key);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var again = (await retry.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal(all.Select(o => o.Id), new[] { again }.Concat(again.AlsoPlaced ?? []).Select(o => o.Id));
        Assert.Equal(48, await viewer.Http.StockAsync(oil));

        // A page that lost the answer asks by its key: the same three orders.
        using (var byKey = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.OrderByKey))
        {
            byKey.Headers.Add(ApiRoutes.IdempotencyKeyHeader, key);
            var found = (await (await viewer.Http.SendAsync(byKey)).Content.ReadFromJsonAsync<OrderDto>())!;
            Assert.Equal(all.Select(o => o.Id), new[] { found }.Concat(found.AlsoPlaced ?? []).Select(o => o.Id));
        }

        // The brand's price is the brand's: the creator cannot run a flash price on it (their own tote, yes).
        var discount = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => room.StartSaleAsync(teapot, 30m));
        Assert.Contains("another brand's product", discount.Message, StringComparison.Ordinal);
        await room.StartSaleAsync(tote, 9m);

        // The channel pays its hosts' commission on its own sales only (the tote), not on the brands' money.
        var dashboard = (await creator.Http.GetFromJsonAsync<LiveShop.Shared.Sales.SalesDashboardDto>(ApiRoutes.ShowSales(room.Show.Id)))!;
        Assert.Equal(12m, dashboard.Earnings.Gmv);

        // Each brand sees its own order in its back office, not the others'.
        var oliveOrders = (await oliveSeller.Http.GetFromJsonAsync<ShopOrdersPageDto>(ApiRoutes.ShopOrders(olive.Id)))!;
        Assert.Equal(all[0].Id, Assert.Single(oliveOrders.Items).Id);
        Assert.Equal(all[1].Id, Assert.Single((await teaSeller.Http.GetFromJsonAsync<ShopOrdersPageDto>(ApiRoutes.ShopOrders(tea.Id)))!.Items).Id);

        // The creator's list of the show's orders shows a brand's buyer as the room does, without address, phone or card;
        // the order itself, its refunds and its parcel are the brand's alone.
        var seenByCreator = (await creator.Http.GetFromJsonAsync<List<OrderDto>>(ApiRoutes.ShowOrders(room.Show.Id)))!;
        var oilSeen = seenByCreator.Single(o => o.Id == all[0].Id);
        Assert.Equal(("Basket V.", "", "", null), (oilSeen.BuyerName, oilSeen.ShippingAddress.Line1, oilSeen.ShippingAddress.Phone, oilSeen.CardLast4));
        Assert.Equal(Shopping.Address.Line1, seenByCreator.Single(o => o.Id == all[2].Id).ShippingAddress.Line1);
        Assert.Equal(HttpStatusCode.NotFound, (await creator.Http.GetAsync(ApiRoutes.Order(all[0].Id))).StatusCode);
        var creatorRefund = await creator.Http.PostAsJsonAsync(ApiRoutes.RefundOrder(all[0].Id), new RefundRequest([new RefundLineRequest(1, 1)], true, "Not theirs"));
        Assert.Equal(HttpStatusCode.NotFound, creatorRefund.StatusCode);
        Assert.Equal(Shopping.Address.Line1, (await oliveSeller.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(all[0].Id)))!.ShippingAddress.Line1);

        // The creator earns each brand's rate on what it opened: 37.00 × 15 % = 5.55, 42.00 × 10 % = 4.20; nothing on their own tote.
        var results = (await creator.Http.GetFromJsonAsync<CreatorResultsDto>(ApiRoutes.CreatorResults))!;
        Assert.Equal((1, 37m, 5.55m), results.Brands.Where(b => b.ShopId == olive.Id).Select(b => (b.Orders, b.Gmv, b.CommissionPending)).Single());
        Assert.Equal((1, 42m, 4.20m), results.Brands.Where(b => b.ShopId == tea.Id).Select(b => (b.Orders, b.Gmv, b.CommissionPending)).Single());
        Assert.DoesNotContain(results.Brands, b => b.ShopId == channel.Id);

        // The month's statements: one per brand, with its commission pending (not yet delivered).
        var statements = (await creator.Http.GetFromJsonAsync<List<CreatorStatementDto>>(ApiRoutes.CreatorStatements))!;
        Assert.Equal([(olive.Id, 5.55m), (tea.Id, 4.20m)], statements.OrderBy(x => x.BrandName, StringComparer.Ordinal).Select(x => (x.ShopId, x.CommissionPending)));
        Assert.Equal(9.75m, results.Links.Single(l => l.ShowId == room.Show.Id).Commission);
        var oliveReport = (await oliveSeller.Http.GetFromJsonAsync<BrandCreatorResultsDto>(ApiRoutes.ShopCreatorResults(olive.Id)))!;
        Assert.Equal((37m, 5.55m), oliveReport.Creators.Where(c => c.CreatorId == creator.User.Id).Select(c => (c.Gmv, c.CommissionPending)).Single());

        // The olive brand pauses the creator: its oil can no longer be bought in the creator's show, and the refusal takes nothing.
        (await oliveSeller.Http.PutAsJsonAsync(ApiRoutes.ShopCreator(olive.Id, creator.User.Id!.Value), new ProgramCreatorRequest(CreatorStatus.Paused, null))).EnsureSuccessStatusCode();
        var withdrawn = await viewer.Http.PostOrderAsync(request with { Lines = [new PlaceOrderLine(teapot, 1, 42m), new PlaceOrderLine(oil, 1, 18.50m)] }, Guid.NewGuid().ToString());
        var problem = await Problem.ReadAsync(withdrawn);
        Assert.Equal((HttpStatusCode.Conflict, ProblemCodes.ProductWithdrawn), (withdrawn.StatusCode, problem.Code));
        Assert.Contains("Olive oil", problem.Detail ?? "", StringComparison.Ordinal);
        Assert.Equal((48, 49), (await viewer.Http.StockAsync(oil), await viewer.Http.StockAsync(teapot)));
        Assert.Equal(3, (await viewer.Http.MyOrdersAsync()).Count);
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private static async Task SaveProgramAsync(SignedIn who, Guid shopId, CreatorProgramRequest request) =>
        (await who.Http.PutAsJsonAsync(ApiRoutes.ShopCreatorProgram(shopId), request)).EnsureSuccessStatusCode();

    private static async Task JoinAsync(SignedIn creator, Guid shopId) =>
        (await creator.Http.PostAsync(ApiRoutes.CreatorProgramJoin(shopId), null)).EnsureSuccessStatusCode();
}
