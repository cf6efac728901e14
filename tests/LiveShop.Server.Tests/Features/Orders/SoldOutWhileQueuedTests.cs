using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Realtime;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Orders;

/// <summary>
/// A buyer queued behind the show's lock for a flash price is refused as soon as the sale ends, not
/// when their turn comes: in a 5,000-buyer burst the 4,900 refusals would otherwise each wait for every
/// order ahead of them.
/// </summary>
public class SoldOutWhileQueuedTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static readonly Guid Cakes = DemoSeeder.ProductId(4); // NT$450

    [Fact]
    public async Task BuyerWaitingForTheShowsLock_IsRefusedWhenTheSaleEnds_WhileTheLockIsStillHeld()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var created = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Queued buyers", Cakes));
        var show = (await created.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).EnsureSuccessStatusCode();
        await using var hostRoom = await RoomWatcher.JoinAsync(factory, show, host.Cookies);
        var sale = (await hostRoom.Connection.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), show.Id, new StartFlashSaleRequest(Cakes, 350m, 600, 5, 1))).Sale;
        var buyer = await factory.GuestAsync("Queued buyer");

        // Someone else holds the show's lock (a long order, say) and the buyer queues behind it.
        var sequencer = factory.Services.GetRequiredService<RoomSequencer>();
        var held = await sequencer.LockAsync(show.Id);
        Task<HttpResponseMessage> pending;
        try
        {
            pending = buyer.Http.PostOrderAsync(Shopping.Request(show.Id, Cakes, 350m), Guid.NewGuid().ToString());
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (sequencer.Users(show.Id) < 2)
            {
                if (pending.IsCompleted)
                {
                    var early = await pending;
                    Assert.Fail($"The order did not queue: {(int)early.StatusCode} {await early.Content.ReadAsStringAsync()}");
                }

                Assert.True(DateTime.UtcNow < deadline, "The order never queued for the show's lock.");
                await Task.Delay(20);
            }

            // The sale sells out (as the order holding the lock would commit it): the book learns it ended.
            factory.Services.GetRequiredService<FlashSaleBook>().Observe(show.Id, [new FlashSaleEndedEvent(999, DateTimeOffset.UtcNow, sale.Id, Cakes, FlashSaleEndReason.SoldOut, 5)]);

            var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains((await Problem.ReadAsync(response)).Code, new[] { ProblemCodes.FlashSaleEnded, ProblemCodes.FlashSaleSoldOut });
            // The buyer left the queue: only the holder remains.
            Assert.Equal(1, sequencer.Users(show.Id));
        }
        finally
        {
            held.Dispose();
        }

        Assert.Equal(0, await factory.ReadAsync(db => db.Orders.CountAsync(o => o.ShowId == show.Id)));
    }
}
