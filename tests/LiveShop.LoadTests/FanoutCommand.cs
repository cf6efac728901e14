using System.Diagnostics;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.LoadTests;

/// <summary>
/// <c>fanout --viewers N [--rounds R]</c>: N viewers in one live show; per round the host pins a
/// product, unpins it, starts a flash sale and ends it, a few seconds apart. For each action, per
/// viewer: the time from just before the host's hub call until the viewer received the event
/// (matched by its sequence number). Server memory before and after connecting the viewers, and the
/// time all N took to connect and join. Then the same against the plain SignalR baseline (one group
/// send per event), unless <c>--skip-baseline</c>.
/// </summary>
public static class FanoutCommand
{
    public static async Task<int> RunAsync(Options options, CancellationToken cancellationToken)
    {
        Preflight.Check(options.Viewers);
        await Box.WaitForQuietAsync(options.QuietWaitSeconds, cancellationToken);
        Console.WriteLine($"== LiveShop: {options.Viewers} viewers");
        FanoutResult liveShop;
        await using (var server = await ServerProcess.StartLiveShopAsync(options, cancellationToken))
        {
            await using var host = await HostSession.StartAsync(server.BaseUrl, cancellationToken);
            var products = host.Show.Lineup.Select(p => new LoadProduct(p.ProductId, p.Price, p.Stock)).ToList();
            liveShop = await RoundsAsync(server, host.Hub, host.ShowId, products, options, cancellationToken);
        }

        FanoutResult? baseline = null;
        if (!options.SkipBaseline)
        {
            await Box.WaitForQuietAsync(options.QuietWaitSeconds, cancellationToken);
            Console.WriteLine($"== Plain SignalR baseline: {options.Viewers} viewers");
            await using var server = await ServerProcess.StartBaselineAsync(options, cancellationToken);
            await using var host = await HostSession.ConnectAsync(server.BaseUrl, null, cancellationToken);
            baseline = await RoundsAsync(server, host, Guid.NewGuid(), LoadProduct.Fake(10), options, cancellationToken);
        }

        var p99 = Report.Percentile(liveShop.Latencies, 0.99);
        var baselineP99 = baseline is null ? double.NaN : Report.Percentile(baseline.Latencies, 0.99);
        var ratio = baselineP99 > 0 ? p99 / baselineP99 : double.NaN;
        Console.WriteLine(Goals.Fanout(options.Viewers, liveShop, ratio));
        Console.WriteLine(
            $"fanout viewers={options.Viewers} received={liveShop.Received} {Report.Summary(liveShop.Latencies)} " +
            $"join_s={Report.F(liveShop.Memory.JoinSeconds)} baseline_join_s={(baseline is null ? "nan" : Report.F(baseline.Memory.JoinSeconds))} " +
            $"baseline_p99_ms={Report.F(baselineP99)} ratio={Report.F(ratio, 2)} " +
            $"kb_per_conn={(liveShop.Memory.KbPerConnection is { } k ? Report.F(k) : "nan")} " +
            $"baseline_kb_per_conn={(baseline?.Memory.KbPerConnection is { } b ? Report.F(b) : "nan")} {liveShop.Wire.Fields}");
        return 0;
    }

    private static async Task<FanoutResult> RoundsAsync(ServerProcess server, HubConnection host, Guid showId, IReadOnlyList<LoadProduct> products, Options options, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var observer = new FanoutObserver(options.Viewers);
        var pool = new ViewerPool(server.BaseUrl, showId, observer, options.FullParse, resync: server.IsLiveShop);
        await using var _ = pool;
        var memory = await pool.ConnectMeasuringAsync(server, options.Viewers, options.Batch, cancellationToken);

        var all = new List<double>();
        var minReceived = int.MaxValue;
        var measuring = new CpuMeter(server);
        var measured = false;
        var wire = LightRoomProtocol.Received;
        for (var round = 1 - options.WarmupRounds; round <= options.Rounds; round++)
        {
            // Warm-up rounds (round <= 0) run the same actions, unmeasured: a fresh server still JIT-compiles its hot paths.
            if (round == 1)
            {
                measured = true;
                measuring = new CpuMeter(server);
                wire = LightRoomProtocol.Received;
            }

            var pinned = products[0].Id;
            await MeasureAsync($"round {round} pin", async () => await host.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.PinProduct), showId, pinned, cancellationToken));
            await MeasureAsync($"round {round} unpin", async () => await host.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.UnpinProduct), showId, pinned, cancellationToken));

            var product = products[(round + options.WarmupRounds - 1) % products.Count];
            var price = Math.Max(1m, Math.Floor(product.Price * 0.8m));
            var sale = new StartFlashSaleRequest(product.Id, price, DurationSeconds: 120, QuantityCap: Math.Min(10, product.Stock), PerBuyerCap: 1);
            FlashSaleStartedEvent? started = null;
            await MeasureAsync($"round {round} flash-start", async () => started = await host.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), showId, sale, cancellationToken));
            await MeasureAsync($"round {round} flash-end", async () => await host.InvokeAsync<FlashSaleEndedEvent>(nameof(ILiveShowHub.EndFlashSale), showId, started!.Sale.Id, cancellationToken));
        }

        var received = LightRoomProtocol.Received - wire;
        Console.WriteLine($"  {measuring.Describe()}");
        Console.WriteLine($"viewers: {pool.Closed} connections closed during the run; {pool.DescribeResyncs()}");
        Console.WriteLine($"viewers got {received}");
        all.Sort();
        return new FanoutResult(all, minReceived == int.MaxValue ? 0 : minReceived, memory, received);

        async Task MeasureAsync(string name, Func<Task<RoomEvent>> action)
        {
            var cpu = new CpuMeter(server);
            var start = Stopwatch.GetTimestamp();
            var roomEvent = await action();
            var ack = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var slot = observer.Get(roomEvent.Sequence);
            var deadline = Stopwatch.StartNew();
            while (slot.Count < pool.Connected && deadline.Elapsed < TimeSpan.FromSeconds(options.WaitSeconds))
            {
                await Task.Delay(5, cancellationToken);
            }

            var cpuUsed = cpu.Describe();
            var latencies = slot.LatenciesMs(start);
            latencies.Sort();
            if (measured)
            {
                all.AddRange(latencies);
                minReceived = Math.Min(minReceived, latencies.Count);
            }

            Console.WriteLine($"{(measured ? name : $"warm-up {name}"),-18} seq={roomEvent.Sequence,-4} host_ack_ms={Report.F(ack)} received={latencies.Count}/{options.Viewers} first_ms={Report.F(latencies.Count > 0 ? latencies[0] : double.NaN)} {Report.Summary(latencies)}");
            Console.WriteLine($"    until the last viewer: {cpuUsed}");
            await Task.Delay(options.GapMs, cancellationToken);
        }
    }

    /// <summary>One server's fan-out: the sorted latencies of the measured rounds, the fewest viewers any event reached, memory and join time.</summary>
    public sealed record FanoutResult(List<double> Latencies, int Received, MemoryFigures Memory, WireCount Wire);
}

/// <summary>Checks before a big run.</summary>
public static class Preflight
{
    public static void Check(int viewers)
    {
        var limit = ProcStat.OpenFilesLimit();
        if (limit is { } files && files < viewers + 500)
        {
            Console.WriteLine($"warning: this process may open only {files} files; {viewers} viewers need about {viewers + 500}. Run `ulimit -n 20000` first (run.sh does).");
        }
    }
}

/// <summary>The goals of issue 15, checked against one run (informative lines before the summary).</summary>
public static class Goals
{
    public static string Fanout(int viewers, FanoutCommand.FanoutResult run, double ratio)
    {
        var p99 = Report.Percentile(run.Latencies, 0.99);
        var kb = run.Memory.KbPerConnection;
        return $"goals: every viewer receives {(run.Received >= viewers ? "MET" : $"MISSED ({viewers - run.Received} missing)")}; " +
            $"p99 <= 250 ms {Met(p99 <= 250)} ({Report.F(p99)} ms); " +
            $"<= 0.6x plain SignalR {(double.IsNaN(ratio) ? "n/a" : Met(ratio <= 0.6))} ({Report.F(ratio, 2)}x); " +
            $"all joined <= 10 s {Met(run.Memory.JoinSeconds <= 10)} ({Report.F(run.Memory.JoinSeconds)} s); " +
            $"<= 20 KB per connection {(kb is { } k ? Met(k <= 20) : "n/a")} ({(kb is { } v ? Report.F(v) : "n/a")} KB)";
    }

    /// <summary><paramref name="lineBound"/>: the most chat lines a viewer of a big room may be pushed in the storm (null: not sampled).</summary>
    public static string Chat(ChatCommand.StormResult run, int? lineBound) =>
        $"goals: host_ack_p99 <= 100 ms {Met(run.HostAckP99Ms <= 100)} ({Report.F(run.HostAckP99Ms)} ms); " +
        $"commerce_p99 <= 500 ms {Met(run.CommerceP99Ms <= 500)} ({Report.F(run.CommerceP99Ms)} ms); " +
        $"every line the policy sends delivered {(run.Missing == 0 ? "MET" : $"MISSED ({run.Missing} deliveries missing)")}; " +
        $"rss_max <= 1024 MB {(run.RssMaxMb is { } mb ? Met(mb <= 1024) : "n/a")} ({(run.RssMaxMb is { } m ? Report.F(m, 0) : "n/a")} MB)" +
        (lineBound is { } bound ? $"; each viewer sent <= {bound} lines (the sample and the host's) {Met(run.MaxLinesPerViewer <= bound)} (max {run.MaxLinesPerViewer})" : "");

    private static string Met(bool met) => met ? "MET" : "MISSED";
}
