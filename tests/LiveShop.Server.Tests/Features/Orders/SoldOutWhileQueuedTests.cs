using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Realtime;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
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
        var (host, show, hostRoom) = await LiveShowAsync("Queued buyers");
        await using var _ = hostRoom;
        var sale = (await hostRoom.Connection.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), show.Id, new StartFlashSaleRequest(Cakes, 350m, 600, 5, 1))).Sale;
        var buyer = await factory.GuestAsync("Queued buyer");

        // Someone else holds the show's lock (a long order, say) and the buyer queues behind it.
        var sequencer = factory.Services.GetRequiredService<RoomSequencer>();
        var held = await sequencer.LockAsync(show.Id);
        Task<HttpResponseMessage> pending;
        try
        {
            pending = buyer.Http.PostOrderAsync(Shopping.Request(show.Id, Cakes, 350m), Guid.NewGuid().ToString());
            await QueuedForTheLockAsync(sequencer, show.Id, 2, pending);

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

    [Fact]
    public async Task MoreBuyersThanUnitsLeft_TheRestWaitBeforeTheShowsLock_AndAreRefusedWhenItSellsOut()
    {
        var (host, show, hostRoom) = await LiveShowAsync("Door of a flash sale");
        await using var _ = hostRoom;
        var sale = (await hostRoom.Connection.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), show.Id, new StartFlashSaleRequest(Cakes, 350m, 600, 2, 1))).Sale;
        var buyers = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => factory.GuestAsync($"Door buyer {i}")));

        var sequencer = factory.Services.GetRequiredService<RoomSequencer>();
        var held = await sequencer.LockAsync(show.Id);
        List<Task<HttpResponseMessage>> pending;
        try
        {
            // Two units left: two buyers go on to the show's lock; the other two wait in memory, not in the lock's queue.
            pending = buyers.Select(b => b.Http.PostOrderAsync(Shopping.Request(show.Id, Cakes, 350m), Guid.NewGuid().ToString())).ToList();
            await QueuedForTheLockAsync(sequencer, show.Id, 3, [.. pending]);

            await Task.Delay(300);
            Assert.Equal(3, sequencer.Users(show.Id));
            Assert.DoesNotContain(pending, p => p.IsCompleted);

            // The sale ends (as a sell-out committed by another instance's order would tell this one).
            factory.Services.GetRequiredService<FlashSaleBook>().Observe(show.Id, [new FlashSaleEndedEvent(999, DateTimeOffset.UtcNow, sale.Id, Cakes, FlashSaleEndReason.SoldOut, 2)]);
            var answers = await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
            foreach (var answer in answers)
            {
                Assert.Equal(ProblemCodes.FlashSaleEnded, (await Problem.ReadAsync(answer)).Code);
            }

            Assert.Equal(1, sequencer.Users(show.Id));
        }
        finally
        {
            held.Dispose();
        }

        Assert.Equal(0, await factory.ReadAsync(db => db.Orders.CountAsync(o => o.ShowId == show.Id)));
    }

    [Fact]
    public async Task AnOrderAheadIsRefused_TheBuyerWaitingAtTheDoorIsLetIn_AndBuys()
    {
        var (host, show, hostRoom) = await LiveShowAsync("Door lets the next in");
        await using var _ = hostRoom;
        await hostRoom.Connection.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), show.Id, new StartFlashSaleRequest(Cakes, 350m, 600, 2, 1));
        var greedy = await factory.GuestAsync("Wants two");
        var next = await factory.GuestAsync("Next at the door");

        var sequencer = factory.Services.GetRequiredService<RoomSequencer>();
        var held = await sequencer.LockAsync(show.Id);
        Task<HttpResponseMessage> refused, waiting;
        try
        {
            // Two units left and the first buyer asks for both: it goes on, the next buyer waits at the door.
            refused = greedy.Http.PostOrderAsync(Shopping.Request(show.Id, Cakes, 350m, quantity: 2), Guid.NewGuid().ToString());
            await QueuedForTheLockAsync(sequencer, show.Id, 2, refused);

            waiting = next.Http.PostOrderAsync(Shopping.Request(show.Id, Cakes, 350m), Guid.NewGuid().ToString());
            await Task.Delay(300);
            Assert.Equal(2, sequencer.Users(show.Id));
            Assert.False(waiting.IsCompleted);
        }
        finally
        {
            held.Dispose();
        }

        // Over the per-buyer cap, the first order is refused and takes nothing: the buyer who waited gets a unit at the flash price.
        var refusal = await refused.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ProblemCodes.PerBuyerCapReached, (await Problem.ReadAsync(refusal)).Code);
        var bought = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.Created, bought.StatusCode);
        var order = (await bought.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal(350m, Assert.Single(order.Lines).UnitPrice);
    }

    [Fact]
    public async Task AfterASellOut_TheWinnerRetryingGetsItsOrder_AnyoneElseIsRefused()
    {
        var (host, show, hostRoom) = await LiveShowAsync("Retry after a sell-out");
        await using var _ = hostRoom;
        await hostRoom.Connection.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), show.Id, new StartFlashSaleRequest(Cakes, 350m, 600, 1, 1));
        var winner = await factory.GuestAsync("Winner");
        var late = await factory.GuestAsync("Too late");
        var key = Guid.NewGuid().ToString();

        var won = await winner.Http.PostOrderAsync(Shopping.Request(show.Id, Cakes, 350m), key);
        Assert.Equal(HttpStatusCode.Created, won.StatusCode);
        var order = (await won.Content.ReadFromJsonAsync<OrderDto>())!;
        await hostRoom.NextAsync<FlashSaleEndedEvent>();

        // Sold out: the late buyer is refused; the winner's retry (lost answer, same key) is its order, not a refusal.
        var refused = await late.Http.PostOrderAsync(Shopping.Request(show.Id, Cakes, 350m), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(ProblemCodes.FlashSaleEnded, (await Problem.ReadAsync(refused)).Code);
        var retried = await winner.Http.PostOrderAsync(Shopping.Request(show.Id, Cakes, 350m), key);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(order.Id, (await retried.Content.ReadFromJsonAsync<OrderDto>())!.Id);
        Assert.Equal(1, await factory.ReadAsync(db => db.Orders.CountAsync(o => o.ShowId == show.Id)));
    }

    /// <summary>
    /// Waits until <paramref name="users"/> hold or wait for the show's lock (the test's own hold counts); an order
    /// that is answered before it queues fails the test with its answer.
    /// </summary>
    private static async Task QueuedForTheLockAsync(RoomSequencer sequencer, Guid showId, int users, params Task<HttpResponseMessage>[] orders)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sequencer.Users(showId) < users)
        {
            if (orders.FirstOrDefault(o => o.IsCompleted) is { } early)
            {
                var answer = await early;
                Assert.Fail($"An order did not queue: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            }

            Assert.True(DateTime.UtcNow < deadline, $"Only {sequencer.Users(showId) - 1} of {users - 1} orders queued for the show's lock.");
            await Task.Delay(20);
        }
    }

    private async Task<(SignedIn Host, ShowDetailDto Show, RoomWatcher HostRoom)> LiveShowAsync(string title)
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var created = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request(title, Cakes));
        var show = (await created.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).EnsureSuccessStatusCode();
        return (host, show, await RoomWatcher.JoinAsync(factory, show, host.Cookies));
    }
}
