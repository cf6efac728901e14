using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Orders;

/// <summary>
/// 5,000 buyers hit "Buy" at once on a flash sale of 100 units (one per buyer), through the real
/// HTTP endpoint. The shop has exactly those 100 in stock, so the sale's cap and the stock run out on
/// the same unit: exactly 100 orders, stock 0 (never below), nobody with two; then every buyer
/// retries with the same idempotency key (twice, racing) and nothing new appears.
/// </summary>
public class FlashSaleBurstTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private const int Buyers = 5000;
    private const int Units = 100;
    private static readonly Guid Cakes = DemoSeeder.ProductId(4); // NT$450

    [Fact]
    public async Task FiveThousandBuyers_HundredUnits_ExactlyHundredOrders_AndRetriesAddNothing()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var created = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Burst show", Cakes));
        var show = (await created.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null);
        // The shop's stock of the product is exactly the sale's units (set directly: there is no stock API).
        await factory.ReadAsync(db => db.Products.Where(p => p.Id == Cakes).ExecuteUpdateAsync(p => p.SetProperty(x => x.Stock, Units)));
        Assert.Equal(Units, await host.Http.StockAsync(Cakes));
        await using var hostRoom = await RoomWatcher.JoinAsync(factory, show, host.Cookies);
        var sale = (await hostRoom.Connection.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), show.Id,
            new StartFlashSaleRequest(Cakes, 350m, 600, Units, 1))).Sale;

        // One shared client, each request carrying its buyer's own auth cookie (like 5,000 phones).
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 512 }) { BaseAddress = factory.BaseAddress };
        var cookies = new string[Buyers];
        await Parallel.ForAsync(0, Buyers, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var response = await http.PostAsJsonAsync(ApiRoutes.Guest, new GuestRequest($"Buyer {i}"), ct);
            response.EnsureSuccessStatusCode();
            cookies[i] = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        });
        var keys = Enumerable.Range(0, Buyers).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var request = Shopping.Request(show.Id, Cakes, 350m);

        async Task<(int Buyer, HttpStatusCode Status, Guid? OrderId, string? Code)> AttemptAsync(int buyer)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Orders) { Content = JsonContent.Create(request) };
            message.Headers.Add("Cookie", cookies[buyer]);
            message.Headers.Add(ApiRoutes.IdempotencyKeyHeader, keys[buyer]);
            var response = await http.SendAsync(message);
            if (response.IsSuccessStatusCode)
            {
                return (buyer, response.StatusCode, (await response.Content.ReadFromJsonAsync<OrderDto>())!.Id, null);
            }

            return (buyer, response.StatusCode, null, (await Problem.ReadAsync(response)).Code);
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var burst = Enumerable.Range(0, Buyers).Select(async i => { await start.Task; return await AttemptAsync(i); }).ToList();
        start.SetResult();
        var first = await Task.WhenAll(burst);

        var won = first.Where(r => r.Status == HttpStatusCode.Created).ToList();
        Assert.Equal(Units, won.Count);
        Assert.Equal(Units, won.Select(r => r.OrderId).Distinct().Count());
        Assert.All(first.Where(r => r.Status != HttpStatusCode.Created), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.Status);
            Assert.Contains(r.Code, new[] { ProblemCodes.FlashSaleEnded, ProblemCodes.FlashSaleSoldOut });
        });

        // Everyone retries with the key they used, twice at once.
        var retries = await Task.WhenAll(Enumerable.Range(0, Buyers).SelectMany(i => new[] { AttemptAsync(i), AttemptAsync(i) }));
        Assert.DoesNotContain(retries, r => r.Status == HttpStatusCode.Created);
        var winners = won.ToDictionary(r => r.Buyer, r => r.OrderId);
        Assert.All(retries, r =>
        {
            if (winners.TryGetValue(r.Buyer, out var orderId))
            {
                Assert.Equal((HttpStatusCode.OK, orderId), (r.Status, r.OrderId));
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, r.Status);
            }
        });

        // What the server stored agrees: 100 orders, 100 units, stock exactly 0, the sale sold out.
        var summary = (await host.Http.GetFromJsonAsync<SalesDashboardDto>(ApiRoutes.ShowSales(show.Id)))!.Summary;
        Assert.Equal((Units, Units, Units), (summary.Orders, summary.Units, summary.Buyers));
        Assert.Equal(0, await host.Http.StockAsync(Cakes));
        Assert.Equal(Units, await factory.ReadAsync(db => db.Orders.CountAsync(o => o.ShowId == show.Id)));
        var ended = await hostRoom.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Id);
        Assert.Equal((FlashSaleEndReason.SoldOut, Units), (ended.Reason, ended.Sold));
    }
}
