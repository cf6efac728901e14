using LiveShop.Server.Data;
using LiveShop.Server.Realtime;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Realtime;

/// <summary>
/// Joins share one snapshot per show for a moment (<see cref="RoomSnapshotCache"/>) and catch up by sequence
/// from it; a page told to catch up resyncs by sequence. Either way the page must end up with the whole room.
/// </summary>
public class RoomCatchUpTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0];
    private static readonly Guid Oolong = LiveRoom.Lineup[1];
    private static readonly Guid Teapot = LiveRoom.Lineup[2];
    private static readonly Guid Boba = LiveRoom.Lineup[3];

    [Fact]
    public async Task JoinBurst_WhileTheHostSellsAndChats_EveryPageEqualsAFreshSnapshot_FromAFewSharedSnapshots()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Join burst");
        var buyer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);
        var pages = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => RoomWatcher.ConnectAsync(factory, room.Show)));
        var cache = factory.Services.GetRequiredService<RoomSnapshotCache>();
        var buildsBefore = Volatile.Read(ref cache.Builds);

        // The host pins, prices, sells and chats while forty pages join at once.
        var writes = Task.Run(async () =>
        {
            await room.ChatAsync("doors open");
            await room.PinAsync(Jade);
            await room.ChatAsync("jade roller first");
            await room.PinAsync(Boba);
            await room.StartSaleAsync(Oolong, 600m, seconds: 600, quantity: 15);
            await room.ChatAsync("oolong at 600 for ten minutes");
            await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Boba, 590m, quantity: 2));
            await room.UnpinAsync(Jade);
            await room.PinAsync(Teapot);
            for (var i = 1; i <= 5; i++)
            {
                await room.ChatAsync($"closing line {i}");
            }
        });
        await Task.WhenAll(pages.Select(p => p.JoinAgainAsync()));
        await writes;

        var last = await factory.LastSequenceAsync(room.Show.Id);
        RoomSnapshot fresh;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            fresh = await scope.ServiceProvider.GetRequiredService<IRoomSnapshotSource>().SnapshotAsync(room.Show.Id);
        }

        Assert.Equal(last, fresh.LastSequence);
        Assert.Equal([Boba, Teapot], fresh.Pinned);
        Assert.Equal(78, fresh.Stock!.Single(s => s.ProductId == Boba).Stock);
        foreach (var page in pages)
        {
            await page.WaitForSequenceAsync(last);
            lock (page.State)
            {
                Assert.False(page.State.NeedsResync);
                Assert.Equal(fresh.Status, page.State.Status);
                Assert.Equal(fresh.Pinned, page.State.Pinned);
                Assert.Equal(
                    fresh.ActiveSales.Select(s => (s.ProductId, s.Price, s.Remaining)),
                    page.State.Sales.Values.Select(s => (s.ProductId, s.Price, s.Remaining)));
                Assert.Equal(fresh.RecentChat.Select(m => m.Id), page.State.Chat.Select(m => m.Id));
                Assert.Equal(
                    fresh.Stock!.OrderBy(s => s.ProductId).Select(s => (s.ProductId, s.Stock)),
                    page.State.Show!.Lineup.OrderBy(l => l.ProductId).Select(l => (l.ProductId, l.Stock)));
            }
        }

        // Forty joins, a handful of snapshots: the rest were shared and caught up by sequence.
        var builds = Volatile.Read(ref cache.Builds) - buildsBefore;
        Assert.True(builds <= pages.Length / 4, $"{pages.Length} joins built {builds} snapshots.");
        foreach (var page in pages)
        {
            await page.DisposeAsync();
        }
    }

    [Fact]
    public async Task CatchUpFrame_AfterMissedCommerce_ResyncBySequenceBringsEveryCommerceEvent()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Catch-up");
        var state = new LiveShop.Client.State.ShowState();
        var page = await RoomWatcher.JoinAsync(factory, room.Show, state: state);
        var standsAt = state.LastSequence;

        // The page's socket stops (here: it is gone) while the host pins, prices and chats.
        await page.DisposeAsync();
        await room.PinAsync(Jade);
        await room.PinAsync(Oolong);
        await room.ChatAsync("you missed this");
        var sale = await room.StartSaleAsync(Oolong, 700m, seconds: 600, quantity: 5);
        await room.UnpinAsync(Jade);
        var last = await factory.LastSequenceAsync(room.Show.Id);

        // What the server writes to a connection that fell behind once it drains: the room is at `last`, no events.
        state.ApplyFrame(new RoomFrame(last, last, []));
        Assert.True(state.NeedsResync);
        Assert.Equal(standsAt, state.LastSequence);

        // The page answers by joining again from where it stands: the missed events, not a snapshot.
        await using var resynced = await RoomWatcher.JoinAsync(factory, room.Show, state: state);
        Assert.Null(resynced.LastJoin!.Snapshot);
        Assert.Equal(Enumerable.Range(1, (int)(last - standsAt)).Select(i => standsAt + i), resynced.LastJoin.Missed.Select(e => e.Sequence));
        Assert.False(state.NeedsResync);
        Assert.Equal(last, state.LastSequence);
        Assert.Equal([Oolong], state.Pinned);
        Assert.Equal((700m, 5), (state.Sales[Oolong].Price, state.Sales[Oolong].Remaining));
        Assert.Equal(sale.Sale.Id, state.Sales[Oolong].Id);
        Assert.Contains(state.Chat, m => m.Text == "you missed this");
    }
}
