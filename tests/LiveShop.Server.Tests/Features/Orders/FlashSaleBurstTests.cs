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
    private static readonly Guid Scarf = DemoSeeder.ProductId(5); // Indigo, Tea (NT$1,290) and Jade (NT$1,390)

    [Fact]
    public async Task FiveThousandBuyers_HundredUnits_ExactlyHundredOrders_AndRetriesAddNothing()
    {
        var (host, show) = await LiveShowAsync("Burst show", Cakes);
        // The shop's stock of the product is exactly the sale's units (set directly: there is no stock API).
        await factory.ReadAsync(db => db.Products.Where(p => p.Id == Cakes).ExecuteUpdateAsync(p => p.SetProperty(x => x.Stock, Units)));
        Assert.Equal(Units, await host.Http.StockAsync(Cakes));

        await BurstAsync(host, show, Shopping.Request(show.Id, Cakes, 350m), new StartFlashSaleRequest(Cakes, 350m, 600, Units, 1));

        Assert.Equal(0, await host.Http.StockAsync(Cakes));
    }

    /// <summary>
    /// The same burst on one colour of the scarf (a product with three): its 100 units go to exactly 100
    /// buyers at the flash price, its stock and the product's total drop by exactly 100, and the other
    /// colours keep every unit.
    /// </summary>
    [Fact]
    public async Task FiveThousandBuyers_OnOneVariant_ExactlyHundredOrders_AndTheOtherVariantsUntouched()
    {
        var (host, show) = await LiveShowAsync("Variant burst show", Scarf);
        var jade = show.Lineup.Single(l => l.ProductId == Scarf).Variants!.Single(v => v.Label == "Jade").Id;
        await factory.SetVariantStockAsync(Scarf, jade, Units);
        var (total, before) = await factory.VariantStockAsync(Scarf);

        await BurstAsync(host, show, Shopping.Request(show.Id, Scarf, jade, 990m), new StartFlashSaleRequest(Scarf, 990m, 600, Units, 1, [jade]));

        var (totalAfter, after) = await factory.VariantStockAsync(Scarf);
        Assert.Equal(total - Units, totalAfter);
        Assert.Equal(0, after[jade]);
        Assert.All(before.Where(v => v.Key != jade), v => Assert.Equal(v.Value, after[v.Key]));
        Assert.Equal(Units, await factory.ReadAsync(db => db.Orders.Where(o => o.ShowId == show.Id).SelectMany(o => o.Lines).CountAsync(l => l.VariantId == jade && l.UnitPrice == 990m)));
    }

    private async Task<(SignedIn Host, ShowDetailDto Show)> LiveShowAsync(string title, Guid product)
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var created = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request(title, product));
        var show = (await created.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null);
        return (host, show);
    }

    /// <summary>Starts the sale, sends <see cref="Buyers"/> buyers at it at once with <paramref name="request"/>, then their retries, and checks what was stored.</summary>
    private async Task BurstAsync(SignedIn host, ShowDetailDto show, PlaceOrderRequest request, StartFlashSaleRequest start)
    {
        await using var hostRoom = await RoomWatcher.JoinAsync(factory, show, host.Cookies);
        var sale = (await hostRoom.Connection.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), show.Id, start)).Sale;

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

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var burst = Enumerable.Range(0, Buyers).Select(async i => { await go.Task; return await AttemptAsync(i); }).ToList();
        go.SetResult();
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

        // What the server stored agrees: 100 orders, 100 units, the sale sold out (the caller checks the stock).
        var summary = (await host.Http.GetFromJsonAsync<SalesDashboardDto>(ApiRoutes.ShowSales(show.Id)))!.Summary;
        Assert.Equal((Units, Units, Units), (summary.Orders, summary.Units, summary.Buyers));
        Assert.Equal(Units, await factory.ReadAsync(db => db.Orders.CountAsync(o => o.ShowId == show.Id)));
        var ended = await hostRoom.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Id);
        Assert.Equal((FlashSaleEndReason.SoldOut, Units), (ended.Reason, ended.Sold));
    }
}
