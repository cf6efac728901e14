using System.Diagnostics;
using System.Globalization;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.LoadTests;

/// <summary>
/// <c>chat --viewers N --rate R --seconds T</c>: G guests (default R, each at the per-user pace of one line
/// a second) send R chat lines a second, evenly spaced, for T seconds, into a room of N viewers, and the
/// host adds one line a second; during the storm the host pins a product, starts a flash price and ends
/// it. Then the same storm against the plain SignalR baseline (one group send per message). Per run:
/// delivered lines per second (the lines the room's policy sends: in a big room a sample), their p99,
/// whether every one reached every viewer, the host's answers, the commerce events' delivery and the
/// server's peak memory.
/// </summary>
public static class ChatCommand
{
    public static async Task<int> RunAsync(Options options, CancellationToken cancellationToken)
    {
        Preflight.Check(options.Viewers + options.Guests);
        await Box.WaitForQuietAsync(options.QuietWaitSeconds, cancellationToken);
        var big = options.Viewers >= options.RoomSetting("BigRoomViewers");
        Console.WriteLine($"== LiveShop: {options.Viewers} viewers, {options.Rate} msg/s for {options.Seconds} s " +
            $"({(big ? $"a big room: each viewer is sent at most {options.RoomSetting("ChatLinesPerSecond")} lines/s besides the host's" : $"not a big room (under {options.RoomSetting("BigRoomViewers")} viewers): every line to everyone")})");
        StormResult liveShop;
        await using (var server = await ServerProcess.StartLiveShopAsync(options, cancellationToken))
        {
            await using var host = await HostSession.StartAsync(server.BaseUrl, cancellationToken);
            var senders = options.HostStorm ? [host.Hub] : await HostSession.ConnectGuestsAsync(server.BaseUrl, options.Guests, cancellationToken);
            var products = host.Show.Lineup.Select(p => new LoadProduct(p.ProductId, p.Price, p.Stock)).ToList();
            try
            {
                liveShop = await StormAsync(server, senders, host.Hub, host.ShowId, products, sampled: big, options, cancellationToken);
            }
            finally
            {
                await DisposeAllAsync(senders.Where(s => s != host.Hub));
            }
        }

        StormResult? baseline = null;
        if (!options.SkipBaseline)
        {
            await Box.WaitForQuietAsync(options.QuietWaitSeconds, cancellationToken);
            Console.WriteLine($"== Plain SignalR baseline: {options.Viewers} viewers, {options.Rate} msg/s for {options.Seconds} s");
            await using var server = await ServerProcess.StartBaselineAsync(options, cancellationToken);
            var senders = new List<HubConnection>();
            for (var i = 0; i < Math.Max(1, options.Guests); i++)
            {
                senders.Add(await HostSession.ConnectAsync(server.BaseUrl, null, cancellationToken));
            }

            var baselineHost = options.HostStorm ? senders[0] : await HostSession.ConnectAsync(server.BaseUrl, null, cancellationToken);
            try
            {
                baseline = await StormAsync(server, senders, baselineHost, Guid.NewGuid(), LoadProduct.Fake(10), sampled: false, options, cancellationToken);
            }
            finally
            {
                await DisposeAllAsync(senders.Append(baselineHost).Distinct());
            }
        }

        var ratio = baseline is { DeliveredPerSecond: > 0 } ? liveShop.DeliveredPerSecond / baseline.DeliveredPerSecond : double.NaN;
        // In a big room the host's lines count against each viewer's budget first (ChatSampler); the bucket starts full.
        var lineBound = big && !options.HostStorm ? options.RoomSetting("ChatLinesPerSecond") * (options.Seconds + 1) : (int?)null;
        Console.WriteLine(Goals.Chat(liveShop, lineBound));
        Console.WriteLine(
            $"chat viewers={options.Viewers} rate={options.Rate} seconds={options.Seconds} " +
            $"delivered_per_s={liveShop.DeliveredPerSecond:0} host_ack_p99_ms={Report.F(liveShop.HostAckP99Ms)} " +
            $"commerce_p99_ms={Report.F(liveShop.CommerceP99Ms)} rss_max_mb={(liveShop.RssMaxMb is { } mb ? Report.F(mb, 0) : "nan")} " +
            $"baseline_delivered_per_s={(baseline is null ? "nan" : baseline.DeliveredPerSecond.ToString("0", CultureInfo.InvariantCulture))} " +
            $"baseline_p99_ms={baseline?.P99Text ?? "nan"} ratio={Report.F(ratio, 2)} " +
            $"p99_ms={liveShop.P99Text} undelivered={liveShop.Missing} max_lines_per_viewer_s={Report.F(liveShop.MaxLinesPerViewerPerSecond)} " +
            $"{liveShop.Wire.Fields}");
        return 0;
    }

    private static async Task DisposeAllAsync(IEnumerable<HubConnection> connections)
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task<StormResult> StormAsync(
        ServerProcess server, IReadOnlyList<HubConnection> senders, HubConnection host, Guid showId, IReadOnlyList<LoadProduct> products,
        bool sampled, Options options, CancellationToken cancellationToken)
    {
        Console.WriteLine(options.HostStorm
            ? "storm: the host sends every line (at LiveShop exempt from the chat rate limit; a host's lines go to everyone)"
            : $"storm: {senders.Count} guest connections, line i from guest i mod {senders.Count} (at LiveShop rate-limited per user), and one host line a second");
        var total = options.Rate * options.Seconds;
        var hostLines = options.HostStorm ? 0 : options.Seconds;
        var observer = new ChatObserver(total + hostLines, options.Viewers, TimeSpan.FromSeconds(options.Seconds + options.DrainSeconds + 10));
        await WarmUpAsync(server, senders, showId, options, cancellationToken);
        await using var pool = new ViewerPool(server.BaseUrl, showId, observer, options.FullParse, resync: server.IsLiveShop);
        await pool.ConnectMeasuringAsync(server, options.Viewers, options.Batch, cancellationToken);

        var connected = pool.Connected;
        var acked = new bool[total + hostLines];
        var ackedCount = 0;
        var failed = 0;
        string? firstError = null;
        var hostAcks = new List<(double SentAtS, double AckMs)>();
        var sends = new List<Task>(total + hostLines);
        var storm = new CpuMeter(server);
        var wire = LightRoomProtocol.Received;
        var interval = TimeSpan.FromSeconds(1.0 / options.Rate);
        using var stopSampling = new CancellationTokenSource();
        var rss = SampleRssAsync(server, stopSampling.Token);
        var start = Stopwatch.GetTimestamp();

        Task Send(HubConnection sender, int message, bool fromHost)
        {
            var sentAt = Stopwatch.GetTimestamp();
            observer.Sent(message, sentAt);
            var request = new SendChatRequest($"{ScannedFrame.ChatMarkerText}{message}# chat storm line from the load tool", Guid.NewGuid());
            return sender.InvokeAsync<SendChatResult>(nameof(ILiveShowHub.SendChat), showId, request, cancellationToken).ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully && t.Result.Posted is not null)
                {
                    acked[message] = true;
                    Interlocked.Increment(ref ackedCount);
                    if (fromHost)
                    {
                        lock (hostAcks)
                        {
                            hostAcks.Add((Stopwatch.GetElapsedTime(start, sentAt).TotalSeconds, Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds));
                        }
                    }
                }
                else if (Interlocked.Increment(ref failed) == 1)
                {
                    firstError = t.Exception?.GetBaseException().Message ?? (t.IsCanceled ? "canceled" : "held for review");
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        // The host's own line every second (half a second in) and its commerce calls at 1/4, 1/2 and 3/4 of the storm.
        var hostLoop = Task.Run(async () =>
        {
            for (var k = 0; k < hostLines; k++)
            {
                var due = TimeSpan.FromSeconds(k + 0.5) - Stopwatch.GetElapsedTime(start);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken);
                }

                var send = Send(host, total + k, fromHost: true);
                lock (sends)
                {
                    sends.Add(send);
                }
            }
        }, cancellationToken);
        var commerce = Task.Run(() => CommerceAsync(host, showId, products, options.Seconds, start, cancellationToken), cancellationToken);

        for (var i = 0; i < total; i++)
        {
            var due = interval * i - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(due, cancellationToken);
            }

            var send = Send(senders[i % senders.Count], i, fromHost: options.HostStorm);
            lock (sends)
            {
                sends.Add(send);
            }
        }

        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.WriteLine($"storm: {total} sends issued in {Report.F(sendSeconds, 2)} s ({Report.F(total / sendSeconds, 0)} /s)");
        await hostLoop;
        var actions = await commerce;

        // Lines owed to every viewer: the host's (always sent) and, outside a big room, every stored line.
        IEnumerable<int> AlwaysSent() => Enumerable.Range(0, total + hostLines).Where(i => acked[i] && (!sampled || i >= total || options.HostStorm));

        // Drain: until every line the policy sent and every commerce event reached every viewer and nothing
        // new came for a second, or the drain time is up.
        var drainUntil = TimeSpan.FromSeconds(options.Seconds + options.DrainSeconds);
        var nextReport = Stopwatch.GetElapsedTime(start) + TimeSpan.FromSeconds(5);
        while (Stopwatch.GetElapsedTime(start) < drainUntil)
        {
            bool pending;
            lock (sends)
            {
                pending = sends.Any(t => !t.IsCompleted);
            }

            var owed = observer.PolicyLines(AlwaysSent(), connected);
            var commerceDone = actions.All(a => a.Sequence is null || observer.Commerce(a.Sequence.Value).Count >= connected);
            var quiet = observer.LastDeliveryAt != 0 && Stopwatch.GetElapsedTime(observer.LastDeliveryAt) > TimeSpan.FromSeconds(1);
            if (!pending && commerceDone && owed.Missing == 0 && quiet)
            {
                break;
            }

            if (Stopwatch.GetElapsedTime(start) > nextReport)
            {
                nextReport += TimeSpan.FromSeconds(5);
                Console.WriteLine($"  ... {Report.F(Stopwatch.GetElapsedTime(start).TotalSeconds, 0)} s: {Volatile.Read(ref ackedCount)} acked, {observer.Delivered} delivered, {owed.Missing} owed deliveries missing");
            }

            await Task.Delay(100, cancellationToken);
        }

        observer.Close();
        await stopSampling.CancelAsync();
        var rssMaxKb = await rss;
        var received = LightRoomProtocol.Received - wire;
        var ackedNow = Volatile.Read(ref ackedCount);
        var delivered = observer.Delivered;
        var span = Math.Max(options.Seconds, Stopwatch.GetElapsedTime(start, observer.LastDeliveryAt == 0 ? start : observer.LastDeliveryAt).TotalSeconds);
        var policy = observer.PolicyLines(AlwaysSent(), connected);
        var pushed = observer.PushedPerViewer(connected);
        var maxPushed = pushed.Count > 0 ? pushed.Max() : 0;

        var commerceLatencies = new List<double>();
        foreach (var action in actions)
        {
            if (action.Sequence is not { } sequence)
            {
                commerceLatencies.AddRange(Enumerable.Repeat(double.PositiveInfinity, connected));
                continue;
            }

            var latencies = observer.Commerce(sequence).LatenciesMs(action.StartedAt);
            commerceLatencies.AddRange(latencies);
            commerceLatencies.AddRange(Enumerable.Repeat(double.PositiveInfinity, Math.Max(0, connected - latencies.Count)));
            latencies.Sort();
            Console.WriteLine($"commerce: {action.Name,-11} seq={sequence,-5} host_ack_ms={Report.F(action.AckMs)} received={latencies.Count}/{connected} {Report.Summary(latencies)}");
        }

        commerceLatencies.Sort();
        var allHostAcks = hostAcks.Select(a => a.AckMs).Concat(actions.Where(a => a.Sequence is not null).Select(a => a.AckMs)).Order().ToList();
        var result = new StormResult(
            delivered / span,
            observer.Percentile(0.99, Math.Max(policy.Owed, delivered)),
            observer.Percentile(0.50, Math.Max(policy.Owed, delivered)),
            Report.Percentile(allHostAcks, 0.99),
            Report.Percentile(commerceLatencies, 0.99),
            rssMaxKb / 1024.0,
            policy.Missing,
            maxPushed / (double)options.Seconds,
            maxPushed,
            received);

        Console.WriteLine($"  {storm.Describe()}");
        Console.WriteLine(
            $"storm: {ackedNow}/{total + hostLines} lines accepted by the server, {failed} refused{(firstError is null ? "" : $" (first: {firstError})")}; " +
            $"host answers (its {hostAcks.Count} lines and {actions.Count(a => a.Sequence is not null)} commerce calls) p50 {Report.F(Report.Percentile(allHostAcks, 0.5))} ms, p99 {Report.F(result.HostAckP99Ms)} ms");
        Console.WriteLine($"storm: the host's lines, sent at (s into the storm) → answered (ms): {string.Join(", ", hostAcks.OrderBy(a => a.SentAtS).Select(a => $"{a.SentAtS:0.0}→{a.AckMs:0}"))}");
        Console.WriteLine(
            $"storm: the policy sent {policy.Lines} lines to every viewer{(sampled && !options.HostStorm ? " (a sample, plus the host's)" : "")}: {policy.Owed - policy.Missing}/{policy.Owed} deliveries arrived ({policy.Missing} missing), " +
            $"{observer.MessagesReachingAll(total + hostLines, connected)} lines reached all {connected} viewers; {delivered} deliveries within {Report.F(span)} s -> {delivered / span:0} /s " +
            $"({observer.ResyncLines} of them from resyncs); latency p50 {result.P50Text} ms, p99 {result.P99Text} ms");
        Console.WriteLine(
            $"storm: lines pushed per viewer: max {maxPushed} ({Report.F(result.MaxLinesPerViewerPerSecond)}/s over {options.Seconds} s), " +
            $"min {(pushed.Count > 0 ? pushed.Min() : 0)}; {pool.DescribeResyncs()}; {pool.Closed} connections closed");
        Console.WriteLine($"storm: server VmRSS max {(rssMaxKb is { } kb ? Report.F(kb / 1024.0, 0) : "n/a")} MB (every 250 ms from the storm's start to the end of the drain), now {server.RssKb()} KB");
        Console.WriteLine($"storm: viewers got {received}");

        // Deliveries still queued when the drain ended are not counted (the observer is closed).
        await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
        if (observer.Late > 0)
        {
            Console.WriteLine($"storm: {observer.Late} more deliveries arrived after the drain time (not counted)");
        }

        return result;
    }

    /// <summary>The host pins a product at a quarter of the storm, starts a flash price at half and ends it at three quarters.</summary>
    private static async Task<List<CommerceAction>> CommerceAsync(HubConnection host, Guid showId, IReadOnlyList<LoadProduct> products, int seconds, long start, CancellationToken cancellationToken)
    {
        var actions = new List<CommerceAction>();
        async Task<T?> TimeAsync<T>(string name, double atSecond, Func<Task<T>> call)
            where T : RoomEvent
        {
            var due = TimeSpan.FromSeconds(atSecond) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            var startedAt = Stopwatch.GetTimestamp();
            try
            {
                var answer = await call();
                actions.Add(new CommerceAction(name, startedAt, Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, answer.Sequence));
                return answer;
            }
            catch (Exception e) when (e is HubException or InvalidOperationException or IOException)
            {
                Console.WriteLine($"commerce: {name} failed: {e.GetBaseException().Message}");
                actions.Add(new CommerceAction(name, startedAt, double.PositiveInfinity, null));
                return null;
            }
        }

        var product = products[0];
        await TimeAsync("pin", seconds * 0.25, () => host.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.PinProduct), showId, product.Id, cancellationToken));
        var sale = new StartFlashSaleRequest(product.Id, Math.Max(1m, Math.Floor(product.Price * 0.8m)), DurationSeconds: 120, QuantityCap: Math.Max(1, Math.Min(10, product.Stock)), PerBuyerCap: 1);
        var started = await TimeAsync("flash-start", seconds * 0.5, () => host.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), showId, sale, cancellationToken));
        if (started is not null)
        {
            await TimeAsync("flash-end", seconds * 0.75, () => host.InvokeAsync<FlashSaleEndedEvent>(nameof(ILiveShowHub.EndFlashSale), showId, started.Sale.Id, cancellationToken));
        }

        return actions;
    }

    /// <summary>The server's VmRSS every 250 ms until stopped: the highest seen (KB), or null when it is not ours.</summary>
    private static async Task<long?> SampleRssAsync(ServerProcess server, CancellationToken stop)
    {
        long? max = null;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            if (server.RssKb() is { } kb && kb > (max ?? 0))
            {
                max = kb;
            }
        }
        while (await NextAsync(timer, stop));

        return max;

        static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken stop)
        {
            try
            {
                return await timer.WaitForNextTickAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// A short storm into a room of a few viewers, unmeasured, so a fresh server has compiled its hot
    /// paths (tiered JIT) before the measured storm; the same for LiveShop and the baseline.
    /// </summary>
    private static async Task WarmUpAsync(ServerProcess server, IReadOnlyList<HubConnection> senders, Guid showId, Options options, CancellationToken cancellationToken)
    {
        var count = options.Rate * options.WarmupSeconds;
        if (count == 0)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var viewers = Math.Min(100, options.Viewers);
        await using (var pool = new ViewerPool(server.BaseUrl, showId, new ChatObserver(1, viewers, TimeSpan.FromSeconds(1)), options.FullParse, resync: false))
        {
            await pool.ConnectAsync(viewers, options.Batch, cancellationToken);
            var sends = new List<Task>(count);
            var interval = TimeSpan.FromSeconds(1.0 / options.Rate);
            for (var i = 0; i < count; i++)
            {
                var due = interval * i - clock.Elapsed;
                if (due > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(due, cancellationToken);
                }

                sends.Add(senders[i % senders.Count].InvokeAsync<SendChatResult>(nameof(ILiveShowHub.SendChat), showId, new SendChatRequest($"WU#{i}# warm-up line", null), cancellationToken));
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await Task.WhenAll(sends).WaitAsync(limit.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Console.WriteLine($"warm-up: {sends.Count(t => t.IsCompletedSuccessfully)}/{count} sends accepted ({e.GetBaseException().Message})");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        Console.WriteLine($"warm-up: {count} messages to {viewers} viewers in {Report.F(clock.Elapsed.TotalSeconds)} s (not measured)");
    }

    private sealed record CommerceAction(string Name, long StartedAt, double AckMs, long? Sequence);

    public sealed record StormResult(
        double DeliveredPerSecond, long? P99Ms, long? P50Ms, double HostAckP99Ms, double CommerceP99Ms, double? RssMaxMb,
        long Missing, double MaxLinesPerViewerPerSecond, int MaxLinesPerViewer, WireCount Wire)
    {
        public string P99Text => P99Ms?.ToString(CultureInfo.InvariantCulture) ?? "inf";

        public string P50Text => P50Ms?.ToString(CultureInfo.InvariantCulture) ?? "inf";
    }
}

/// <summary>A lineup product as the host's commerce calls need it.</summary>
public sealed record LoadProduct(Guid Id, decimal Price, int Stock)
{
    /// <summary>Made-up products for the plain SignalR baseline, which checks nothing.</summary>
    public static IReadOnlyList<LoadProduct> Fake(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new LoadProduct(Guid.NewGuid(), 500m, 100))];
}
