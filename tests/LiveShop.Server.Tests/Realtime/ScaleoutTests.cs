using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Testing;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Video;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Realtime;

/// <summary>
/// Two instances on one database and one real Redis (issue 16): a show's room is one room whichever instance a phone
/// is on. The host on one instance and viewers on the other see the same events in the same order, numbered without a
/// gap whoever wrote them; an order burst split across both never oversells; viewer counts add up; and with Redis
/// gone for ten seconds the rooms still converge (from the database), nothing lost.
/// </summary>
public sealed class ScaleoutTests : IClassFixture<ScaleoutTests.TwoInstances>
{
    private static readonly Guid Teapot = LiveRoom.Lineup[2];   // NT$1,980
    private readonly TwoInstances _instances;

    public ScaleoutTests(TwoInstances instances) => _instances = instances;

    private LiveShopFactory First => _instances.First;

    private LiveShopFactory Second => _instances.Second;

    [Fact]
    public async Task HostOnOneInstance_ViewersOnTheOther_SeeEveryChangeInOrder_NumberedWithoutAGap()
    {
        var relay = Second.Services.GetRequiredService<LiveShop.Server.Realtime.Scaleout.RoomRelay>();
        var readBefore = Interlocked.Read(ref relay.CaughtUpFromDatabase);
        await using var room = await LiveRoom.StartAsync(First, "Across instances");
        var there = await Second.GuestAsync("Mei on the second");
        await using var viewer = await RoomWatcher.JoinAsync(Second, room.Show, there.Cookies);

        // The host (first instance) pins; the viewer (second) sees it.
        var pinned = await room.PinAsync(LiveRoom.Lineup[0]);
        Assert.Equal(pinned.Sequence, (await viewer.NextAsync<PinsChangedEvent>()).Sequence);

        // Five viewers on each instance chat at once with the host: every change from both instances gets its own number.
        var guests = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => (i % 2 == 0 ? First : Second).GuestAsync($"Fan {i}")));
        var connections = await Task.WhenAll(guests.Select((g, i) => (i % 2 == 0 ? Second : First).ConnectAsync(g.Cookies)));
        try
        {
            var sent = await Task.WhenAll(connections.SelectMany((c, i) => new[] { room.ChatAsync(c, $"line {i}a"), room.ChatAsync(c, $"line {i}b") })
                .Append(room.ChatAsync("host line")));
            var last = sent.Max(s => s.Sequence);

            await using var db = First.NewDbContext();
            var sequences = await db.RoomEvents.Where(e => e.ShowId == room.Show.Id).OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);

            // Both rooms apply everything, in order, each frame following on from the one before.
            await viewer.WaitForSequenceAsync(last);
            await room.HostRoom.WaitForSequenceAsync(last);
            foreach (var watcher in new[] { viewer, room.HostRoom })
            {
                Assert.False(watcher.State.NeedsResync);
                var texts = watcher.State.Chat.Select(c => c.Text).ToHashSet();
                Assert.All(sent, line => Assert.Contains(line.Message.Text, texts));
                var pushed = watcher.Frames.SelectMany(f => f).Select(e => e.Sequence).ToList();
                Assert.Equal(pushed.Order(), pushed);
            }

            // They came over Redis: the database filled in a few at most (a check may race a message in flight).
            var fromDatabase = Interlocked.Read(ref relay.CaughtUpFromDatabase) - readBefore;
            Assert.True(fromDatabase < sent.Length / 2, $"{fromDatabase} of {sent.Length} lines reached the second instance only from the database");

            // And back: the viewer on the second instance writes, the host on the first sees it.
            var back = await room.ChatAsync(viewer.Connection, "from the second instance");
            Assert.Equal(back.Sequence, (await room.HostRoom.NextAsync<ChatPostedEvent>(c => c.Message.Text == "from the second instance")).Sequence);
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task HostsCameraOnOneInstance_ViewersOnBoth_SignalEachOther_AndLeavingFreesThePlace()
    {
        const string offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n";
        const string answer = "v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n";
        var candidate = new CameraIceCandidateDto("candidate:1 1 udp 2122260223 192.168.1.2 54321 typ host", "0", 0);
        var (_, show, console) = await CameraPeer.CameraShowAsync(First, "Camera across instances");
        await using var _console = console;
        await using var there = await CameraPeer.JoinAsync(Second, show.Id);
        await using var here = await CameraPeer.JoinAsync(First, show.Id);

        // Before the camera starts, a viewer on either instance is told it is not on; once started, both are told it is.
        Assert.Contains($"[{ProblemCodes.CameraNotStarted}]", (await Assert.ThrowsAsync<HubException>(there.RequestAsync)).Message, StringComparison.Ordinal);
        await console.StartCameraAsync();
        await there.NextAsync(nameof(ILiveShowClient.CameraAvailable));

        // The viewer on the second instance asks; the host's console on the first hears it, and the offer, answer and
        // candidates travel between them.
        await there.RequestAsync();
        Assert.Equal(new object?[] { show.Id, there.Id }, await console.NextAsync(nameof(ILiveShowClient.CameraViewerRequested)));
        Assert.Equal(1, ((CameraViewersDto)(await console.NextAsync(nameof(ILiveShowClient.CameraViewers)))[0]!).DirectViewers);
        await console.OfferAsync(there.Id, offer);
        Assert.Equal(new object?[] { show.Id, offer }, await there.NextAsync(nameof(ILiveShowClient.CameraOffer)));
        await there.AnswerAsync(answer);
        Assert.Equal(new object?[] { show.Id, there.Id, answer }, await console.NextAsync(nameof(ILiveShowClient.CameraAnswer)));
        await console.IceAsync(there.Id, candidate);
        Assert.Equal(new object?[] { show.Id, null, candidate }, await there.NextAsync(nameof(ILiveShowClient.CameraIceCandidate)));
        await there.IceAsync(null, candidate);
        Assert.Equal(new object?[] { show.Id, there.Id, candidate }, await console.NextAsync(nameof(ILiveShowClient.CameraIceCandidate)));

        // The one beside the host counts in the same session: two direct viewers, whichever instance.
        await here.RequestAsync();
        Assert.Equal(here.Id, (await console.NextAsync(nameof(ILiveShowClient.CameraViewerRequested)))[1]);
        Assert.Equal(2, ((CameraViewersDto)(await console.NextAsync(nameof(ILiveShowClient.CameraViewers)))[0]!).DirectViewers);

        // Checks hold across instances: a viewer cannot offer, an answer without an offer is refused.
        Assert.Contains($"[{ProblemCodes.NotShowHost}]", (await Assert.ThrowsAsync<HubException>(() => there.OfferAsync(here.Id, offer))).Message, StringComparison.Ordinal);
        Assert.Contains($"[{ProblemCodes.CameraPeerUnknown}]", (await Assert.ThrowsAsync<HubException>(() => here.AnswerAsync(answer))).Message, StringComparison.Ordinal);

        // The viewer on the second instance closes its page: the console on the first closes that peer; one place left taken.
        var thereId = there.Id;
        await there.Connection.StopAsync();
        Assert.Equal(new object?[] { show.Id, thereId }, await console.NextAsync(nameof(ILiveShowClient.CameraViewerLeft)));
        Assert.Equal(1, ((CameraViewersDto)(await console.NextAsync(nameof(ILiveShowClient.CameraViewers)))[0]!).DirectViewers);

        // The host stops: the viewer still watching is told, on its instance.
        await console.Connection.InvokeAsync(nameof(ILiveShowHub.StopCamera), show.Id);
        await here.NextAsync(nameof(ILiveShowClient.CameraPaused));
    }

    [Fact]
    public async Task OrderBurstSplitAcrossBothInstances_SellsExactlyTheUnits_AndARetryOnTheOtherInstanceIsTheSameOrder()
    {
        await using var room = await LiveRoom.StartAsync(First, "Burst on two instances");
        var stockBefore = await First.NewBrowser().StockAsync(Teapot);
        var sale = await room.StartSaleAsync(Teapot, 990m, quantity: 5, perBuyer: 1);
        await using var watcher = await RoomWatcher.JoinAsync(Second, room.Show);
        var buyers = await Task.WhenAll(Enumerable.Range(1, 16).Select(i => (i % 2 == 0 ? First : Second).GuestAsync($"Buyer {i}")));
        var keys = buyers.Select(_ => Guid.NewGuid().ToString("N")).ToList();

        var answers = await Task.WhenAll(buyers.Select((b, i) => Via(i % 2 == 0 ? First : Second, b)
            .PostOrderAsync(Shopping.Request(room.Show.Id, Teapot, 990m), keys[i])));

        Assert.Equal(5, answers.Count(a => a.IsSuccessStatusCode));
        Assert.All(answers.Where(a => !a.IsSuccessStatusCode), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        await using (var db = First.NewDbContext())
        {
            Assert.Equal(5, await db.Orders.CountAsync(o => o.ShowId == room.Show.Id));
        }

        Assert.Equal(stockBefore - 5, await Second.NewBrowser().StockAsync(Teapot));
        var ended = await watcher.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Sale.Id);
        Assert.Equal((FlashSaleEndReason.SoldOut, 5), (ended.Reason, ended.Sold));

        // A buyer whose answer was lost tries again with the same key, on the other instance: the same order, no second one.
        var winner = answers.Select((a, i) => (a, i)).First(x => x.a.IsSuccessStatusCode).i;
        var first = await answers[winner].Content.ReadFromJsonAsync<LiveShop.Shared.Orders.OrderDto>();
        var retry = await Via(winner % 2 == 0 ? Second : First, buyers[winner]).PostOrderAsync(Shopping.Request(room.Show.Id, Teapot, 990m), keys[winner]);
        Assert.True(retry.IsSuccessStatusCode, await retry.Content.ReadAsStringAsync());
        Assert.Equal(first!.Id, (await retry.Content.ReadFromJsonAsync<LiveShop.Shared.Orders.OrderDto>())!.Id);
        await using (var db = First.NewDbContext())
        {
            Assert.Equal(5, await db.Orders.CountAsync(o => o.ShowId == room.Show.Id));
        }
    }

    [Fact]
    public async Task ViewerCounts_AddUpAcrossInstances_AndDropWhenViewersLeave()
    {
        await using var room = await LiveRoom.StartAsync(First, "Counting on two instances");
        var onFirst = await Task.WhenAll(Enumerable.Range(1, 3).Select(async i => await RoomWatcher.JoinAsync(First, room.Show, (await First.GuestAsync($"First {i}")).Cookies)));
        var onSecond = await Task.WhenAll(Enumerable.Range(1, 2).Select(async i => await RoomWatcher.JoinAsync(Second, room.Show, (await Second.GuestAsync($"Second {i}")).Cookies)));
        try
        {
            // The host and five viewers: six people, whichever instance they are on.
            var seenThere = await onSecond[0].StatsAsync(s => s.ViewersNow == 6);
            var seenHere = await onFirst[0].StatsAsync(s => s.ViewersNow == 6);
            Assert.True(seenThere.PeakViewers >= 6 && seenHere.PeakViewers >= 6);

            // One viewer on the second instance leaves: every phone, on either instance, is told once — one instance
            // pushes the room's numbers, not each of them.
            await onSecond[1].DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.Equal(1, Drain(onFirst[1]).Count(s => s.ViewersNow == 5));
            Assert.Equal(1, Drain(onSecond[0]).Count(s => s.ViewersNow == 5));

            await onSecond[0].DisposeAsync();
            await onFirst[0].StatsAsync(s => s.ViewersNow == 4);
        }
        finally
        {
            await Task.WhenAll(onFirst.Select(w => w.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task RedisGoneForTenSeconds_RoomsStillConvergeFromTheDatabase_NothingLost_AndOrdersGoThrough()
    {
        await using var room = await LiveRoom.StartAsync(First, "Redis outage");
        var guest = await Second.GuestAsync("Through the outage");
        await using var viewer = await RoomWatcher.JoinAsync(Second, room.Show, guest.Cookies);
        var buyer = await Second.GuestAsync("Buyer in the outage");

        var relay = Second.Services.GetRequiredService<LiveShop.Server.Realtime.Scaleout.RoomRelay>();
        var readBefore = Interlocked.Read(ref relay.CaughtUpFromDatabase);
        _instances.Redis.Stop();
        try
        {
            var during = new List<long>();
            var started = DateTime.UtcNow;
            during.Add((await room.PinAsync(LiveRoom.Lineup[1])).Sequence);
            for (var i = 0; i < 4; i++)
            {
                // One line a second each (the chat's own pace).
                await Task.Delay(TimeSpan.FromSeconds(1.1));
                during.Add((await room.ChatAsync($"said while Redis is down {i}")).Sequence);
                during.Add((await room.ChatAsync(viewer.Connection, $"answered while Redis is down {i}")).Sequence);
            }

            // An order placed on the second instance while Redis is away goes through (its pushes are dropped, not its order).
            var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, LiveRoom.Lineup[0], await PriceAsync(LiveRoom.Lineup[0])));
            Assert.NotEqual(Guid.Empty, order.Id);

            // Each instance's room catches up from the database within a couple of seconds, in order, no gap.
            await viewer.WaitForSequenceAsync(during.Max());
            await room.HostRoom.WaitForSequenceAsync(during.Max());
            Assert.False(viewer.State.NeedsResync);
            Assert.False(room.HostRoom.State.NeedsResync);
            Assert.Contains(viewer.State.Chat, c => c.Text == "said while Redis is down 3");
            Assert.True(Interlocked.Read(ref relay.CaughtUpFromDatabase) > readBefore, "the second instance's room did not read the host's lines from the database");
            Assert.Contains(room.HostRoom.State.Chat, c => c.Text == "answered while Redis is down 3");
            var rest = TimeSpan.FromSeconds(10) - (DateTime.UtcNow - started);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }
        finally
        {
            _instances.Redis.Start();
            await _instances.WaitForRedisAsync();
        }

        // Redis is back: the next line reaches the other instance again, with everything in between.
        var after = await room.ChatAsync("Redis is back");
        await viewer.WaitForSequenceAsync(after.Sequence);
        Assert.Contains(viewer.State.Chat, c => c.Text == "Redis is back");
        await using var db = First.NewDbContext();
        var sequences = await db.RoomEvents.Where(e => e.ShowId == room.Show.Id).OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task FlashSaleStartedOnAnInstanceThatStops_StillEndsOnTimeOnTheOther()
    {
        await using var third = new TwoInstances.Instance(_instances.Folder, ownsFolder: false, _instances.Redis);
        await using var room = await LiveRoom.StartAsync(third, "Leaving instance");
        await using var viewer = await RoomWatcher.JoinAsync(Second, room.Show);
        var sale = await room.StartSaleAsync(LiveRoom.Lineup[3], 99m, seconds: 10, quantity: 10);
        await viewer.NextAsync<FlashSaleStartedEvent>(e => e.Sale.Id == sale.Sale.Id);

        await room.HostRoom.DisposeAsync();
        await third.DisposeAsync();

        // The sale runs its ten seconds; the watcher's patience is ten seconds a wait.
        FlashSaleEndedEvent ended;
        try
        {
            ended = await viewer.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Sale.Id);
        }
        catch (OperationCanceledException)
        {
            ended = await viewer.NextAsync<FlashSaleEndedEvent>(e => e.SaleId == sale.Sale.Id);
        }

        Assert.Equal(FlashSaleEndReason.Expired, ended.Reason);
        Assert.True(ended.At >= sale.Sale.EndsAt);
    }

    [Fact]
    public async Task ARateLimitHoldsAcrossInstances_AFloodSpreadOverBothGetsOneAllowance()
    {
        // Three guest sign-ups a minute per address. Round robin spreads six from one address over two instances:
        // three pass, three are refused — not three on each.
        var limited = new Dictionary<string, string> { ["RateLimits:Guest:Permits"] = "3", ["RateLimits:Guest:WindowSeconds"] = "60" };
        await using var a = new TwoInstances.Instance(_instances.Folder, ownsFolder: false, _instances.Redis, limited);
        await using var b = new TwoInstances.Instance(_instances.Folder, ownsFolder: false, _instances.Redis, limited);
        List<HttpResponseMessage> answers = [];
        for (var i = 0; i < 6; i++)
        {
            using var http = (i % 2 == 0 ? a : b).NewBrowser();
            answers.Add(await http.PostAsJsonAsync(LiveShop.Shared.ApiRoutes.Guest, new LiveShop.Shared.Accounts.GuestRequest($"Flood {i}")));
        }

        Assert.Equal(3, answers.Count(r => r.IsSuccessStatusCode));
        var refused = answers.Where(r => !r.IsSuccessStatusCode).ToList();
        Assert.Equal(3, refused.Count);
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.All(refused, r => Assert.NotNull(r.Headers.RetryAfter));
    }

    /// <summary>Every stats push the watcher has received and not yet read.</summary>
    private static List<RoomStats> Drain(RoomWatcher watcher)
    {
        List<RoomStats> all = [];
        while (watcher.TryReadStats(out var stats))
        {
            all.Add(stats);
        }

        return all;
    }

    private static HttpClient Via(LiveShopFactory instance, SignedIn buyer)
    {
        var http = instance.NewBrowser(out var cookies);
        foreach (System.Net.Cookie cookie in buyer.Cookies.GetAllCookies())
        {
            cookies.Add(new System.Net.Cookie(cookie.Name, cookie.Value, "/", "127.0.0.1"));
        }

        return http;
    }

    private async Task<decimal> PriceAsync(Guid productId)
    {
        await using var db = First.NewDbContext();
        return await db.Products.Where(p => p.Id == productId).Select(p => p.Price).SingleAsync();
    }

    /// <summary>One Redis, two app instances on one database (the second owns the folder and drops the database).</summary>
    public sealed class TwoInstances : IAsyncLifetime
    {
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "liveshop-tests", "scaleout-" + Guid.NewGuid().ToString("N"));

        public RedisServer Redis { get; } = new();

        public Instance First { get; private set; } = null!;

        public Instance Second { get; private set; } = null!;

        public Task InitializeAsync()
        {
            First = new Instance(Folder, ownsFolder: false, Redis);
            Second = new Instance(Folder, ownsFolder: true, Redis);
            _ = First.BaseAddress;
            _ = Second.BaseAddress;
            return Task.CompletedTask;
        }

        /// <summary>Waits until both instances say Redis answers again (their readiness check).</summary>
        public async Task WaitForRedisAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            foreach (var instance in new[] { First, Second })
            {
                using var http = instance.NewBrowser();
                while (!(await http.GetStringAsync("/health/ready")).Contains("\"redis\":\"Healthy\"", StringComparison.Ordinal))
                {
                    Assert.True(DateTime.UtcNow < deadline, "an instance did not reconnect to Redis");
                    await Task.Delay(100);
                }
            }
        }

        public async Task DisposeAsync()
        {
            await First.DisposeAsync();
            await Second.DisposeAsync();
            await Redis.DisposeAsync();
        }

        public sealed class Instance(string folder, bool ownsFolder, RedisServer redis, IReadOnlyDictionary<string, string>? settings = null) : LiveShopFactory(folder, ownsFolder)
        {
            protected override void ConfigureWebHost(IWebHostBuilder builder)
            {
                base.ConfigureWebHost(builder);
                builder.UseSetting("ConnectionStrings:Redis", redis.ConnectionString);
                foreach (var (name, value) in settings ?? new Dictionary<string, string>())
                {
                    builder.UseSetting(name, value);
                }
            }
        }
    }
}
