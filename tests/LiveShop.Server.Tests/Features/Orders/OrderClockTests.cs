using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Orders;

/// <summary>POST /api/orders and what follows it, on a clock the test moves: sales that end by the server's time, and the pace of the "just bought" toasts.</summary>
public class OrderClockTests(FakeClockLiveShopFactory factory) : IClassFixture<FakeClockLiveShopFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0];   // NT$690
    private static readonly Guid Oolong = LiveRoom.Lineup[1]; // NT$890

    [Fact]
    public async Task FlashPricePastTheSalesEndTime_IsRefusedWithTheListPrice_AndWritesNothing_EvenBeforeTheSaleIsClosed()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var sale = (await room.StartSaleAsync(Oolong, 690m, seconds: 30, quantity: 10, perBuyer: 1)).Sale;
        var early = await factory.GuestAsync("Early Bird");
        await early.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 690m));
        var late = await factory.GuestAsync("Late Comer");

        // The server's time passes the sale's end, but its closing timer has not run: the price is still refused.
        factory.Clock.AdjustTime(sale.EndsAt + TimeSpan.FromSeconds(1));
        var before = await factory.FlashFootprintAsync(room.Show.Id, sale.Id, Oolong);
        Assert.Null(await EndedAtAsync(sale.Id));
        var response = await late.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Oolong, 690m), Guid.NewGuid().ToString());

        // Refused by the server's time alone: the sale was open in the database before the request and still is after it.
        Assert.Null(await EndedAtAsync(sale.Id));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await Shopping.ProblemJsonAsync(response);
        Assert.Equal(ProblemCodes.FlashSaleEnded, problem.GetProperty("code").GetString());
        Assert.Equal(890m, problem.GetProperty("currentPrice").GetDecimal());
        Assert.Contains("NT$890", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.FlashFootprintAsync(room.Show.Id, sale.Id, Oolong));
        Assert.Empty(await late.Http.MyOrdersAsync());

        // The list price sells.
        Assert.Equal(890m, (await late.Http.BuyAsync(Shopping.Request(room.Show.Id, Oolong, 890m))).Total);
    }

    [Fact]
    public async Task PurchaseToasts_AtMostOneEveryTwoSecondsPerShow_TheLatestWins_AndAPrivateBuyerNeverShows()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var toasts = new List<PurchaseToastDto>();
        await using var watcher = await factory.ConnectAsync();
        watcher.On<PurchaseToastDto>(nameof(ILiveShowClient.PurchaseToast), t =>
        {
            lock (toasts)
            {
                toasts.Add(t);
            }
        });
        await watcher.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), room.Show.Id, null);
        var buyers = await Task.WhenAll(new[] { "Ana Ash", "Ben Birch", "Cai Cedar", "Dan Dale" }.Select(factory.GuestAsync));
        var shy = await factory.GuestAsync("Shy Spruce");
        await shy.Http.PutAsJsonAsync(ApiRoutes.Profile, new UpdateProfileRequest(false, null));

        // Three orders in quick succession, then one from a buyer who keeps their purchases private.
        foreach (var buyer in buyers[..3].Append(shy))
        {
            await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));
        }

        await TickAsync();
        var first = Assert.Single(await ToastsAsync(1));
        Assert.Equal("Cai C.", first.BuyerName);

        // Another order right after: nothing more until 2 s after the first toast.
        await buyers[3].Http.BuyAsync(Shopping.Request(room.Show.Id, Jade, 690m));
        for (var i = 0; i < 7; i++)
        {
            await TickAsync();
        }

        Assert.Single(await ToastsAsync(1));
        await TickAsync();
        var all = await ToastsAsync(2);
        Assert.Equal(2, all.Count);
        Assert.Equal("Dan D.", all[1].BuyerName);
        Assert.Equal(TimeSpan.FromSeconds(2), all[1].At - first.At);
        Assert.DoesNotContain(all, t => t.BuyerName.StartsWith("Shy", StringComparison.Ordinal));

        async Task<List<PurchaseToastDto>> ToastsAsync(int expected)
        {
            for (var wait = 0; wait < 50; wait++)
            {
                lock (toasts)
                {
                    if (toasts.Count >= expected)
                    {
                        break;
                    }
                }

                await Task.Delay(50);
            }

            await Task.Delay(200); // time for one too many to arrive
            lock (toasts)
            {
                return [.. toasts];
            }
        }
    }

    /// <summary>When the sale was closed in the database (null: still open).</summary>
    private Task<DateTimeOffset?> EndedAtAsync(Guid saleId) =>
        factory.ReadAsync(db => db.FlashSales.Where(s => s.Id == saleId).Select(s => s.EndedAt).SingleAsync());

    /// <summary>One beat of the sales pulse (every 250 ms), with real time for it to finish.</summary>
    private async Task TickAsync()
    {
        factory.Clock.Advance(TimeSpan.FromMilliseconds(250));
        await Task.Delay(150);
    }
}
