using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Orders;

/// <summary>POST /api/orders on real Kestrel: pricing by the server, stock, flash sales, idempotency and every refusal.</summary>
public class PlaceOrderTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0];      // NT$690
    private static readonly Guid Oolong = LiveRoom.Lineup[1];    // NT$890
    private static readonly Guid Teapot = LiveRoom.Lineup[2];    // NT$1,980, 12 in stock
    private static readonly Guid Boba = LiveRoom.Lineup[3];      // NT$590

    [Fact]
    public async Task Buyer_PaysTheListPrice_TheOrderIsPaidCreditedToTheHostAndStockGoesDown()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var buyer = await factory.GuestAsync("Ada Lovelace");
        var before = await buyer.Http.StockAsync(Oolong);

        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 890m, quantity: 2));

        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(1780m, order.Total);
        Assert.Equal(SalesChannel.Live, order.Channel);
        Assert.Null(order.AffiliateCode);
        Assert.Null(order.CoHost);
        Assert.Equal("4242", order.CardLast4);
        Assert.Matches("^[2-9A-Z]{8}$", order.Number);
        Assert.Equal(before - 2, await buyer.Http.StockAsync(Oolong));
        var mine = Assert.Single(await buyer.Http.MyOrdersAsync());
        Assert.Equal(order.Id, mine.Id);
        Assert.Equal(room.Show.Title, mine.ShowTitle);

        // The host sees it among the show's orders; the address was remembered for the next checkout.
        var hostView = await room.Host.Http.GetFromJsonAsync<IReadOnlyList<OrderDto>>(ApiRoutes.ShowOrders(room.Show.Id));
        Assert.Equal(order.Id, Assert.Single(hostView!).Id);
        var profile = await buyer.Http.GetFromJsonAsync<ProfileDto>(ApiRoutes.Profile);
        Assert.Equal(Shopping.Address, profile!.SavedAddress);
    }

    [Fact]
    public async Task SameKey_ReturnsTheSameOrder_EvenWhenTwentyIdenticalRequestsRace()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var buyer = await factory.GuestAsync("Racer");
        var before = await buyer.Http.StockAsync(Boba);
        var request = Shopping.Request(room.Show.Id, Boba, 590m);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => buyer.Http.PostOrderAsync(request, key)));

        Assert.True(1 == responses.Count(r => r.StatusCode == HttpStatusCode.Created), string.Join("\n", await Task.WhenAll(responses.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}"))));
        Assert.True(19 == responses.Count(r => r.StatusCode == HttpStatusCode.OK), string.Join("\n", await Task.WhenAll(responses.Select(async r => $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}"))));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<OrderDto>())!.Id));
        Assert.Single(ids.Distinct());
        Assert.Single(await buyer.Http.MyOrdersAsync());
        Assert.Equal(before - 1, await buyer.Http.StockAsync(Boba));

        // Later, the same key again: still that order, nothing new.
        var again = await buyer.Http.PostOrderAsync(request, key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(ids[0], (await again.Content.ReadFromJsonAsync<OrderDto>())!.Id);
        Assert.Equal(before - 1, await buyer.Http.StockAsync(Boba));
    }

    [Fact]
    public async Task SameKey_ForADifferentOrder_IsRefused()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var buyer = await factory.GuestAsync("Reuser");
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Boba, 590m), key)).StatusCode);

        var response = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Boba, 590m, quantity: 3), key);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ProblemCodes.IdempotencyKeyReused, (await Problem.ReadAsync(response)).Code);
        Assert.Single(await buyer.Http.MyOrdersAsync());
    }

    public static TheoryData<string, int, string> BadRequests => new()
    {
        { "no key", 400, ProblemCodes.IdempotencyKeyMissing },
        { "quantity 0", 400, ProblemCodes.QuantityInvalid },
        { "quantity -1", 400, ProblemCodes.QuantityInvalid },
        { "quantity 100", 400, ProblemCodes.QuantityInvalid },
        { "huge quantity", 400, ProblemCodes.QuantityInvalid },
        { "empty cart", 400, ProblemCodes.OrderEmpty },
        { "unknown product", 404, ProblemCodes.ProductNotFound },
        { "product not in show", 400, ProblemCodes.ProductNotInLineup },
        { "unknown show", 404, ProblemCodes.ShowNotFound },
        { "stale price", 409, ProblemCodes.PriceChanged },
        { "more than in stock", 409, ProblemCodes.OutOfStock },
        { "no address", 400, ProblemCodes.AddressInvalid },
        { "oversized address", 400, ProblemCodes.AddressInvalid },
        { "unknown card", 400, ProblemCodes.PaymentInvalid },
        { "card number with cash", 400, ProblemCodes.PaymentInvalid },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadOrders_GetAClearProblem_AndChangeNothing(string what, int status, string code)
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var buyer = await factory.GuestAsync("Careful Buyer");
        var show = room.Show.Id;
        var key = what == "no key" ? null : Guid.NewGuid().ToString();
        var request = what switch
        {
            "quantity 0" => Shopping.Request(show, Jade, 690m, quantity: 0),
            "quantity -1" => Shopping.Request(show, Jade, 690m, quantity: -1),
            "quantity 100" => Shopping.Request(show, Jade, 690m, quantity: 100),
            "huge quantity" => Shopping.Request(show, Jade, 690m, quantity: int.MaxValue),
            "empty cart" => Shopping.Request(show, Jade, 690m) with { Lines = [] },
            "unknown product" => Shopping.Request(show, Guid.NewGuid(), 690m),
            "product not in show" => Shopping.Request(show, DemoSeeder.ProductId(4), 450m),
            "unknown show" => Shopping.Request(Guid.NewGuid(), Jade, 690m),
            "stale price" => Shopping.Request(show, Jade, 590m),
            "more than in stock" => Shopping.Request(show, Teapot, 1980m, quantity: 99),
            "no address" => Shopping.Request(show, Jade, 690m) with { ShippingAddress = Shopping.Address with { City = " " } },
            "oversized address" => Shopping.Request(show, Jade, 690m) with { ShippingAddress = Shopping.Address with { Line2 = new string('x', Limits.AddressFieldMaxLength + 1) } },
            "unknown card" => Shopping.Request(show, Jade, 690m, payment: new PaymentDetailsDto(PaymentMethod.Card, "5555 5555 5555 4444")),
            "card number with cash" => Shopping.Request(show, Jade, 690m, payment: new PaymentDetailsDto(PaymentMethod.CashOnDelivery, TestCards.Succeeds)),
            "no key" => Shopping.Request(show, Jade, 690m),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        var stock = await Task.WhenAll(LiveRoom.Lineup.Select(buyer.Http.StockAsync));
        var lastSequence = room.HostRoom.State.LastSequence;

        var response = await buyer.Http.PostOrderAsync(request, key);

        Assert.Equal(status, (int)response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(code, problem.Code);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.Empty(await buyer.Http.MyOrdersAsync());
        Assert.Equal(stock, await Task.WhenAll(LiveRoom.Lineup.Select(buyer.Http.StockAsync)));
        Assert.Equal(lastSequence, room.HostRoom.State.LastSequence);
    }

    public static TheoryData<string> MalformedBodies => ["a null line", "a null line after a good one", "lines null", "address null", "payment null", "body null"];

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task MalformedBody_IsValidationFailed_AndChangesNothing(string what)
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var buyer = await factory.GuestAsync("Odd Client");
        var body = JsonSerializer.SerializeToNode(Shopping.Request(room.Show.Id, Jade, 690m), JsonSerializerOptions.Web)!.AsObject();
        switch (what)
        {
            case "a null line": body["lines"] = new JsonArray((JsonNode?)null); break;
            case "a null line after a good one": body["lines"]!.AsArray().Add((JsonNode?)null); break;
            case "lines null": body["lines"] = null; break;
            case "address null": body["shippingAddress"] = null; break;
            case "payment null": body["payment"] = null; break;
            case "body null": break;
            default: throw new ArgumentOutOfRangeException(nameof(what));
        }

        var stock = await Task.WhenAll(LiveRoom.Lineup.Select(buyer.Http.StockAsync));
        var lastSequence = await factory.LastSequenceAsync(room.Show.Id);
        using var message = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Orders)
        {
            Content = new StringContent(what == "body null" ? "null" : body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        message.Headers.Add(ApiRoutes.IdempotencyKeyHeader, Guid.NewGuid().ToString());

        var response = await buyer.Http.SendAsync(message);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(ProblemCodes.ValidationFailed, problem.Code);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.Empty(await buyer.Http.MyOrdersAsync());
        Assert.Equal(0, await factory.ReadAsync(db => db.Orders.CountAsync(o => o.ShowId == room.Show.Id)));
        Assert.Equal(stock, await Task.WhenAll(LiveRoom.Lineup.Select(buyer.Http.StockAsync)));
        Assert.Equal(lastSequence, await factory.LastSequenceAsync(room.Show.Id));
        Assert.Null((await buyer.Http.GetFromJsonAsync<ProfileDto>(ApiRoutes.Profile))!.SavedAddress);
    }

    [Fact]
    public async Task StalePrice_ProblemCarriesTheCurrentPrice()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var buyer = await factory.GuestAsync("Bargain Hunter");

        var response = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Jade, 490m), Guid.NewGuid().ToString());

        var problem = await Shopping.ProblemJsonAsync(response);
        Assert.Equal(ProblemCodes.PriceChanged, problem.GetProperty("code").GetString());
        Assert.Equal(690m, problem.GetProperty("currentPrice").GetDecimal());
        Assert.Equal(Jade, problem.GetProperty("productId").GetGuid());
        Assert.Contains("NT$690", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_IsToldToSignIn()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var response = await factory.NewBrowser().PostOrderAsync(Shopping.Request(room.Show.Id, Jade, 690m), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ProblemCodes.NotSignedIn, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task ScheduledShow_DoesNotSellYet()
    {
        await using var room = await LiveRoom.StartAsync(factory, goLive: false);
        var buyer = await factory.GuestAsync("Early Bird");
        var before = await buyer.Http.StockAsync(Jade);

        var response = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Jade, 690m), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ProblemCodes.ShowNotLive, (await Problem.ReadAsync(response)).Code);
        Assert.Equal(before, await buyer.Http.StockAsync(Jade));
    }

    [Fact]
    public async Task FlashPrice_IsChargedWhileTheSaleRuns_AndThePerBuyerCapHolds()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var sale = (await room.StartSaleAsync(Oolong, 690m, seconds: 300, quantity: 10, perBuyer: 2)).Sale;
        var buyer = await factory.GuestAsync("Flash Fan");

        // The list price is stale while the flash price runs: the buyer never pays a price they did not see.
        var listPrice = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Oolong, 890m), Guid.NewGuid().ToString());
        Assert.Equal(ProblemCodes.PriceChanged, (await Problem.ReadAsync(listPrice)).Code);

        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 690m, quantity: 2));
        var line = Assert.Single(order.Lines);
        Assert.Equal(690m, line.UnitPrice);
        Assert.Equal(890m, line.ListPrice);
        Assert.Equal(sale.Id, line.FlashSaleId);
        var update = await viewer.NextAsync<FlashSaleUpdatedEvent>(e => e.SaleId == sale.Id);
        Assert.Equal(2, update.Sold);
        Assert.Equal(8, viewer.State.Sales.Values.Single().Remaining);

        var third = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Oolong, 690m), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        var problem = await Problem.ReadAsync(third);
        Assert.Equal(ProblemCodes.PerBuyerCapReached, problem.Code);
        Assert.Contains("at most 2", problem.Detail, StringComparison.Ordinal);
        Assert.Single(await buyer.Http.MyOrdersAsync());
    }

    [Fact]
    public async Task BuyerPastTheirFlashAllowance_CanStillBuyAtTheListPriceWhileTheSaleRuns()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var sale = (await room.StartSaleAsync(Boba, 390m, seconds: 300, quantity: 10, perBuyer: 1)).Sale;
        var buyer = await factory.GuestAsync("Second Helping");
        await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Boba, 390m));

        // Another at the flash price: refused, with the list price offered.
        var again = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Boba, 390m), Guid.NewGuid().ToString());
        var problem = await Shopping.ProblemJsonAsync(again);
        Assert.Equal(ProblemCodes.PerBuyerCapReached, problem.GetProperty("code").GetString());
        Assert.Equal(590m, problem.GetProperty("currentPrice").GetDecimal());

        // At the list price it goes through, and the sale's units are untouched.
        var atList = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Boba, 590m, quantity: 2));
        var line = Assert.Single(atList.Lines);
        Assert.Equal((590m, (Guid?)null), (line.UnitPrice, line.FlashSaleId));
        await room.HostRoom.JoinAgainAsync();
        Assert.Equal(1, room.HostRoom.State.Sales.Values.Single(s => s.Id == sale.Id).Sold);
    }

    [Fact]
    public async Task SellOut_EndsTheSaleForEveryone_AndTheNextBuyerIsToldItEnded()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var sale = (await room.StartSaleAsync(Boba, 390m, seconds: 300, quantity: 2, perBuyer: 1)).Sale;
        var first = await factory.GuestAsync("First");
        var second = await factory.GuestAsync("Second");
        var third = await factory.GuestAsync("Third");

        await first.Http.BuyAsync(Shopping.Request(room.Show.Id, Boba, 390m));
        await second.Http.BuyAsync(Shopping.Request(room.Show.Id, Boba, 390m));

        var ended = await viewer.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Id);
        Assert.Equal(FlashSaleEndReason.SoldOut, ended.Reason);
        Assert.Empty(viewer.State.Sales);

        var late = await third.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Boba, 390m), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var problem = await Shopping.ProblemJsonAsync(late);
        Assert.Equal(ProblemCodes.FlashSaleEnded, problem.GetProperty("code").GetString());
        Assert.Equal(590m, problem.GetProperty("currentPrice").GetDecimal());
        Assert.Contains("sold out", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await third.Http.MyOrdersAsync());

        // At the list price it goes through.
        await third.Http.BuyAsync(Shopping.Request(room.Show.Id, Boba, 590m));
    }

    [Fact]
    public async Task MoreThanTheFlashUnitsLeft_IsRefusedWithWhatIsLeft_WritesNothing_AndTheListPriceStillSells()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var sale = (await room.StartSaleAsync(Boba, 390m, seconds: 300, quantity: 3, perBuyer: 3)).Sale;
        var first = await factory.GuestAsync("Quick Buyer");
        var second = await factory.GuestAsync("Slow Buyer");
        await first.Http.BuyAsync(Shopping.Request(room.Show.Id, Boba, 390m, quantity: 2));
        var before = await factory.FlashFootprintAsync(room.Show.Id, sale.Id, Boba);

        var response = await second.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Boba, 390m, quantity: 2), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await Shopping.ProblemJsonAsync(response);
        Assert.Equal(ProblemCodes.FlashSaleSoldOut, problem.GetProperty("code").GetString());
        Assert.Equal(1, problem.GetProperty("unitsLeft").GetInt32());
        Assert.Equal(590m, problem.GetProperty("currentPrice").GetDecimal());
        Assert.Contains("Only 1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.FlashFootprintAsync(room.Show.Id, sale.Id, Boba));
        Assert.Empty(await second.Http.MyOrdersAsync());

        // The price the refusal offered goes through, and leaves the last flash unit for someone else.
        var atList = await second.Http.BuyAsync(Shopping.Request(room.Show.Id, Boba, 590m, quantity: 2));
        Assert.Equal((590m, (Guid?)null, 1180m), (atList.Lines[0].UnitPrice, atList.Lines[0].FlashSaleId, atList.Total));
        Assert.Equal(2, await factory.ReadAsync(db => db.FlashSales.Where(s => s.Id == sale.Id).Select(s => s.Sold).SingleAsync()));
    }

    [Fact]
    public async Task PerBuyerCapRefusal_WritesNothing()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var sale = (await room.StartSaleAsync(Jade, 490m, seconds: 300, quantity: 5, perBuyer: 1)).Sale;
        var buyer = await factory.GuestAsync("Greedy Buyer");
        await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 490m));
        var before = await factory.FlashFootprintAsync(room.Show.Id, sale.Id, Jade);

        var again = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Jade, 490m), Guid.NewGuid().ToString());

        Assert.Equal(ProblemCodes.PerBuyerCapReached, (await Problem.ReadAsync(again)).Code);
        Assert.Equal(before, await factory.FlashFootprintAsync(room.Show.Id, sale.Id, Jade));
        Assert.Single(await buyer.Http.MyOrdersAsync());
    }

    [Fact]
    public async Task FiftyBuyersEachSendingTheirKeyTwiceAtOnce_TenUnits_TenOrders_OnePerWinner()
    {
        const int buyers = 50;
        const int units = 10;
        await using var room = await LiveRoom.StartAsync(factory);
        var sale = (await room.StartSaleAsync(Oolong, 690m, seconds: 300, quantity: units, perBuyer: 1)).Sale;
        var guests = await Task.WhenAll(Enumerable.Range(0, buyers).Select(i => factory.GuestAsync($"Twin Tapper {i}")));
        var keys = guests.Select(_ => Guid.NewGuid().ToString()).ToArray();
        var request = Shopping.Request(room.Show.Id, Oolong, 690m);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<(int Buyer, HttpStatusCode Status, Guid? OrderId, string? Code)> AttemptAsync(int buyer)
        {
            await start.Task;
            var response = await guests[buyer].Http.PostOrderAsync(request, keys[buyer]);
            return response.IsSuccessStatusCode
                ? (buyer, response.StatusCode, (await response.Content.ReadFromJsonAsync<OrderDto>())!.Id, null)
                : (buyer, response.StatusCode, null, (await Problem.ReadAsync(response)).Code);
        }

        var attempts = Enumerable.Range(0, buyers).SelectMany(i => new[] { AttemptAsync(i), AttemptAsync(i) }).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(attempts);

        var perBuyer = answers.GroupBy(a => a.Buyer).ToList();
        var winners = perBuyer.Where(g => g.Any(a => a.Status == HttpStatusCode.Created)).ToList();
        Assert.Equal(units, winners.Count);
        Assert.All(winners, g =>
        {
            // Both of a winner's answers name the one order: one created it, the other was answered with it.
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Created], g.Select(a => a.Status).Order());
            Assert.Single(g.Select(a => a.OrderId).Distinct());
        });
        Assert.All(perBuyer.Except(winners).SelectMany(g => g), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.Contains(a.Code, new[] { ProblemCodes.FlashSaleEnded, ProblemCodes.FlashSaleSoldOut });
        });

        var stored = await factory.ReadAsync(db => db.Orders.Where(o => o.ShowId == room.Show.Id).Select(o => new { o.Id, o.BuyerId }).ToListAsync());
        Assert.Equal(units, stored.Count);
        Assert.All(stored.GroupBy(o => o.BuyerId), g => Assert.Single(g));
        Assert.Equal(winners.Select(g => g.First(a => a.OrderId is not null).OrderId!.Value).Order(), stored.Select(o => o.Id).Order());
        Assert.Equal(units, await factory.ReadAsync(db => db.FlashSales.Where(s => s.Id == sale.Id).Select(s => s.Sold).SingleAsync()));
        Assert.Equal(units, await factory.ReadAsync(db => db.FlashSaleClaims.Where(c => c.SaleId == sale.Id).SumAsync(c => c.Units)));
    }

    [Fact]
    public async Task CoHostedShow_TheOrderRecordsTheHostAndTheCoHost()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var created = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Co-hosted show", LiveRoom.Lineup) with
        {
            CoHostEmail = DemoSeeder.CoHostAccount.Email,
            CoHostShare = 0.4m,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var show = (await created.Content.ReadFromJsonAsync<Shared.Shows.ShowDetailDto>())!;
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).StatusCode);
        var buyer = await factory.GuestAsync("Co-host Fan");

        var order = await buyer.Http.BuyAsync(Shopping.Request(show.Id, Oolong, 890m));

        var stored = await factory.ReadAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id));
        Assert.Equal(DemoSeeder.CoHostAccount.Id, stored.CoHostId);
        Assert.Equal(DemoSeeder.HostAccount.Id, stored.HostId);
        Assert.Equal(SalesChannel.Live, stored.Channel);
        Assert.Null(stored.AffiliateCode);

        // The buyer's answer and the host's list name the co-host too.
        Assert.Equal(new Shared.Shows.HostDto(DemoSeeder.CoHostAccount.Id, DemoSeeder.CoHostAccount.DisplayName), order.CoHost);
        var listed = (await host.Http.GetFromJsonAsync<IReadOnlyList<OrderDto>>(ApiRoutes.ShowOrders(show.Id)))!;
        Assert.Equal(DemoSeeder.CoHostAccount.DisplayName, Assert.Single(listed).CoHost?.DisplayName);
    }

    [Fact]
    public async Task StockSoldElsewhere_EndsTheFlashSaleForEveryone_InsteadOfShowingUnitsItCannotDeliver()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var sale = (await room.StartSaleAsync(Teapot, 1500m, seconds: 300, quantity: 2, perBuyer: 1)).Sale;

        // Another show sells every teapot left at the list price (stock is the shop's, not the show's).
        await using var other = await LiveRoom.StartAsync(factory, "Another show");
        var bulk = await factory.GuestAsync("Bulk Buyer");
        var stock = await bulk.Http.StockAsync(Teapot);
        await bulk.Http.BuyAsync(Shopping.Request(other.Show.Id, Teapot, 1980m, quantity: stock));

        // The sale ends as sold out the moment the stock is gone, before anyone asks for the flash price.
        var ended = await viewer.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Id);
        Assert.Equal((FlashSaleEndReason.SoldOut, 0), (ended.Reason, ended.Sold));
        await viewer.WaitForSequenceAsync(ended.Sequence);
        Assert.Empty(viewer.State.Sales);

        var buyer = await factory.GuestAsync("Flash Teapot Fan");
        var response = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Teapot, 1500m), Guid.NewGuid().ToString());

        Assert.Equal(ProblemCodes.FlashSaleEnded, (await Problem.ReadAsync(response)).Code);
        Assert.Empty(await buyer.Http.MyOrdersAsync());
    }

    [Fact]
    public async Task SaleEndedByTheHost_RefusesTheFlashPrice()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var sale = (await room.StartSaleAsync(Jade, 590m, seconds: 300, quantity: 5)).Sale;
        await room.HostRoom.Connection.InvokeAsync<FlashSaleEndedEvent>(nameof(ILiveShowHub.EndFlashSale), room.Show.Id, sale.Id);
        var buyer = await factory.GuestAsync("Too Late");

        var response = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Jade, 590m), Guid.NewGuid().ToString());

        Assert.Equal(ProblemCodes.FlashSaleEnded, (await Problem.ReadAsync(response)).Code);
        Assert.Empty(await buyer.Http.MyOrdersAsync());
    }

    [Fact]
    public async Task DeclinedCard_ReleasesTheStockAndTheFlashUnits_AndTheBuyerCanPayAnotherWay()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var sale = (await room.StartSaleAsync(Jade, 490m, seconds: 300, quantity: 3, perBuyer: 1)).Sale;
        var buyer = await factory.GuestAsync("Unlucky Card");
        var before = await buyer.Http.StockAsync(Jade);
        var key = Guid.NewGuid().ToString();

        var declined = await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Jade, 490m, payment: Shopping.DeclinedCard), key);

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        Assert.Equal(ProblemCodes.PaymentDeclined, (await Problem.ReadAsync(declined)).Code);
        Assert.Equal(before, await buyer.Http.StockAsync(Jade));
        var released = await viewer.NextAsync<FlashSaleUpdatedEvent>(e => e.SaleId == sale.Id && e.Sold == 0);
        await viewer.WaitForSequenceAsync(released.Sequence);
        Assert.Equal(3, viewer.State.Sales.Values.Single().Remaining);
        Assert.Equal(OrderStatus.PaymentDeclined, Assert.Single(await buyer.Http.MyOrdersAsync()).Status);

        // The same key still answers with that declined order; a new attempt (new key) by cash on delivery succeeds.
        Assert.Equal(HttpStatusCode.PaymentRequired, (await buyer.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Jade, 490m, payment: Shopping.DeclinedCard), key)).StatusCode);
        var cod = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 490m, payment: new PaymentDetailsDto(PaymentMethod.CashOnDelivery, null)));
        Assert.Equal(OrderStatus.CashOnDelivery, cod.Status);
        Assert.Equal(before - 1, await buyer.Http.StockAsync(Jade));
    }

    [Fact]
    public async Task EndedShow_SellsFromTheReplay()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await room.HostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.EndShow), room.Show.Id);
        var buyer = await factory.GuestAsync("Replay Watcher");

        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));

        Assert.Equal(SalesChannel.Replay, order.Channel);
    }
}
