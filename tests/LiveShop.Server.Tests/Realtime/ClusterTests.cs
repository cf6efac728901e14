using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Testing;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Realtime;

/// <summary>
/// The deployment of docs/deploy.md, for real (issue 16): nginx (deploy/nginx.conf, round robin, WebSockets) in front
/// of two LiveShop.Server processes on one PostgreSQL server and one Redis. Phones connect through nginx; the host is
/// put on one instance and a viewer on the other. Then the faults: an instance killed with SIGKILL mid-show, and the
/// database restarted. Runs in the suite's SQLite pass only: it brings its own PostgreSQL.
/// </summary>
public sealed class ClusterTests : IClassFixture<ClusterTests.Running>
{
    private static readonly Guid Teapot = LiveRoom.Lineup[2];   // NT$1,980
    private readonly Cluster _cluster;

    public ClusterTests(Running running) => _cluster = running.Cluster;

    [Fact]
    public async Task ThroughNginx_OneRoomAcrossTwoProcesses_InOrder_CountsAddUp_AndABurstNeverOversells()
    {
        var site = _cluster.ThroughNginx();
        await using var room = await LiveRoom.StartAsync(_cluster.Direct(0), "Two processes behind nginx");
        var other = _cluster.Direct(1);
        await using var onTheOther = await RoomWatcher.JoinAsync(other, room.Show, (await other.GuestAsync("On the second process")).Cookies);
        var guests = new List<SignedIn>();
        for (var i = 0; i < 4; i++)
        {
            guests.Add(await site.GuestAsync($"Phone {i}"));
        }

        var phones = new List<RoomWatcher>();
        foreach (var guest in guests)
        {
            phones.Add(await RoomWatcher.JoinAsync(site, room.Show, guest.Cookies));
        }

        try
        {
            // The host (first process) pins and chats; the viewer on the second and every phone through nginx see it all, in order.
            var pinned = await room.PinAsync(LiveRoom.Lineup[1]);
            var lines = new List<ChatPostedEvent>();
            for (var i = 0; i < 3; i++)
            {
                lines.Add(await room.ChatAsync($"host says {i}"));
                lines.Add(await room.ChatAsync(onTheOther.Connection, $"second process says {i}"));
                await Task.Delay(1100);   // the chat's own pace: a line a second each
            }

            var last = lines.Max(l => l.Sequence);
            foreach (var watcher in phones.Append(onTheOther).Append(room.HostRoom))
            {
                await watcher.WaitForSequenceAsync(last);
                Assert.False(watcher.State.NeedsResync);
                Assert.Contains(LiveRoom.Lineup[1], watcher.State.Pinned);
                Assert.All(lines, l => Assert.Contains(watcher.State.Chat, c => c.Text == l.Message.Text));
            }

            Assert.True(pinned.Sequence < last);
            await AssertGapFreeAsync(site, room.Show.Id);

            // Host, the viewer on the second process and four phones: six people, pushed to a phone on either process.
            await phones[0].StatsAsync(s => s.ViewersNow == 6);
            await phones[1].StatsAsync(s => s.ViewersNow == 6);

            // A burst of 12 buyers through nginx on a 4-unit flash price: exactly 4 orders, stock down by 4.
            var stock = await site.NewBrowser().StockAsync(Teapot);
            await room.StartSaleAsync(Teapot, 990m, quantity: 4, perBuyer: 1);
            var buyers = new List<SignedIn>();
            for (var i = 0; i < 12; i++)
            {
                buyers.Add(await site.GuestAsync($"Buyer {i}"));
            }

            var answers = await Task.WhenAll(buyers.Select(b => b.Http.PostOrderAsync(Shopping.Request(room.Show.Id, Teapot, 990m), Guid.NewGuid().ToString("N"))));
            Assert.Equal(4, answers.Count(a => a.IsSuccessStatusCode));
            Assert.All(answers.Where(a => !a.IsSuccessStatusCode), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
            Assert.Equal(stock - 4, await site.NewBrowser().StockAsync(Teapot));
            await using var db = site.NewDbContext();
            Assert.Equal(4, await db.Orders.CountAsync(o => o.ShowId == room.Show.Id));
        }
        finally
        {
            await Task.WhenAll(phones.Select(p => p.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task AnInstanceKilledMidShow_ItsPhonesReconnectThroughNginxToTheOther_AndCatchUp()
    {
        var site = _cluster.ThroughNginx();
        await using var room = await LiveRoom.StartAsync(_cluster.Direct(0), "An instance dies");
        var guests = new List<SignedIn>();
        for (var i = 0; i < 4; i++)
        {
            guests.Add(await site.GuestAsync($"Phone {i}"));
        }

        // Four phones through round robin: two on each process. One more certainly on the second.
        var phones = new List<(RoomWatcher Watcher, SignedIn Guest)>();
        foreach (var guest in guests)
        {
            phones.Add((await RoomWatcher.JoinAsync(site, room.Show, guest.Cookies), guest));
        }

        var second = await _cluster.Direct(1).GuestAsync("Surely on the second");
        phones.Add((await RoomWatcher.JoinAsync(_cluster.Direct(1), room.Show, second.Cookies), second));
        var closed = phones.Select(p => Closed(p.Watcher.Connection)).ToList();
        await room.ChatAsync("before the crash");
        try
        {
            _cluster.Apps[1].Kill();

            // The show goes on on the first process meanwhile.
            var during = new List<ChatPostedEvent>();
            for (var i = 0; i < 3; i++)
            {
                during.Add(await room.ChatAsync($"while the second is gone {i}"));
                await Task.Delay(1100);
            }

            var pinned = await room.PinAsync(LiveRoom.Lineup[3]);

            // The phones that were on the killed process lost their connection; each reconnects through nginx (which
            // finds the dead upstream refusing and sends it to the other) and rejoins from its last sequence, as the app does.
            var lost = closed.Select((c, i) => (c, i)).Where(x => x.c.IsCompleted).Select(x => x.i).ToList();
            Assert.Contains(phones.Count - 1, lost);
            for (var i = 0; i < phones.Count; i++)
            {
                if (!lost.Contains(i))
                {
                    continue;
                }

                var (watcher, guest) = phones[i];
                await watcher.DisposeAsync();
                phones[i] = (await RoomWatcher.JoinAsync(site, room.Show, guest.Cookies, watcher.State), guest);
                Assert.NotNull(phones[i].Watcher.LastJoin);
            }

            foreach (var (watcher, _) in phones)
            {
                await watcher.WaitForSequenceAsync(pinned.Sequence);
                Assert.False(watcher.State.NeedsResync);
                Assert.Contains(watcher.State.Chat, c => c.Text == "before the crash");
                Assert.All(during, l => Assert.Contains(watcher.State.Chat, c => c.Text == l.Message.Text));
                Assert.Contains(LiveRoom.Lineup[3], watcher.State.Pinned);
            }

            await AssertGapFreeAsync(site, room.Show.Id);
        }
        finally
        {
            await Task.WhenAll(phones.Select(p => p.Watcher.DisposeAsync().AsTask()));
            _cluster.Apps[1].Start();
            await _cluster.Apps[1].WaitReadyAsync();
        }
    }

    [Fact]
    public async Task DatabaseRestarted_RequestsFailWithAClear503WhileItIsDown_ThenRecover_WithoutADuplicateOrder()
    {
        var site = _cluster.ThroughNginx();
        await using var room = await LiveRoom.StartAsync(_cluster.Direct(0), "The database restarts");
        var buyer = await site.GuestAsync("Patient Buyer");
        var key = Guid.NewGuid().ToString("N");
        var request = Shopping.Request(room.Show.Id, LiveRoom.Lineup[0], 690m);
        buyer.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-TW");

        _cluster.Postgres.Stop();
        try
        {
            // An order: 503 database-unavailable, in the buyer's language, with when to try again; nothing stored.
            var refused = await buyer.Http.PostOrderAsync(request, key);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            var problem = await refused.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
            Assert.Equal(ProblemCodes.DatabaseUnavailable, problem!.Extensions["code"]!.ToString());
            Assert.Contains("資料庫", problem.Detail, StringComparison.Ordinal);

            // A chat line: refused with the same code over the hub.
            var chat = await Assert.ThrowsAsync<HubException>(() => room.ChatAsync("into the void"));
            Assert.Contains(ProblemCodes.DatabaseUnavailable, chat.Message, StringComparison.Ordinal);

            // Readiness says so on both processes.
            foreach (var app in _cluster.Apps)
            {
                using var http = new HttpClient { BaseAddress = app.Address };
                await Cluster.WaitUntilAsync(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable, "readiness stayed 200 with the database down", 10);
            }
        }
        finally
        {
            _cluster.Postgres.Up();
            // This process's own pooled connections died with the server.
            Npgsql.NpgsqlConnection.ClearAllPools();
        }

        foreach (var app in _cluster.Apps)
        {
            await app.WaitReadyAsync(30);
        }

        // Back: the same order (same key) goes through once; trying again returns it, never a second one.
        HttpResponseMessage placed = null!;
        await Cluster.WaitUntilAsync(async () => (placed = await buyer.Http.PostOrderAsync(request, key)).IsSuccessStatusCode, "the order did not go through after the database came back", 30);
        var order = (await placed.Content.ReadFromJsonAsync<OrderDto>())!;
        var again = await buyer.Http.PostOrderAsync(request, key);
        Assert.Equal(order.Id, (await again.Content.ReadFromJsonAsync<OrderDto>())!.Id);
        await using var db = site.NewDbContext();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.ShowId == room.Show.Id));
        Assert.Equal("after the restart", (await room.ChatAsync("after the restart")).Message.Text);
    }

    private static async Task AssertGapFreeAsync(LiveShopFactory site, Guid showId)
    {
        await using var db = site.NewDbContext();
        var sequences = await db.RoomEvents.Where(e => e.ShowId == showId).OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }

    private static Task Closed(HubConnection connection)
    {
        var closed = new TaskCompletionSource();
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    /// <summary>The cluster, started once for the class (about 20 s).</summary>
    public sealed class Running : IAsyncLifetime
    {
        public Cluster Cluster { get; private set; } = null!;

        public async Task InitializeAsync() => Cluster = await Cluster.StartAsync();

        public async Task DisposeAsync() => await Cluster.DisposeAsync();
    }
}
