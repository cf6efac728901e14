using System.Diagnostics;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.LoadTests;

/// <summary>
/// <c>fanout --viewers N [--rounds R]</c>: N viewers in one live show; per round the host pins a
/// product, unpins it, starts a flash sale and ends it, a few seconds apart. For each action, per
/// viewer: the time from just before the host's hub call until the viewer received the event
/// (matched by its sequence number). Server memory before and after connecting the viewers.
/// </summary>
public static class FanoutCommand
{
    public static async Task<int> RunAsync(Options options, CancellationToken cancellationToken)
    {
        Preflight.Check(options.Viewers);
        await Box.WaitForQuietAsync(options.QuietWaitSeconds, cancellationToken);
        await using var server = await ServerProcess.StartLiveShopAsync(options, cancellationToken);
        await using var host = await HostSession.StartAsync(server.BaseUrl, cancellationToken);

        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var observer = new FanoutObserver(options.Viewers);
        var pool = new ViewerPool(server.BaseUrl, host.ShowId, observer, options.FullParse);
        await using var _ = pool;
        var memory = await pool.ConnectMeasuringAsync(server, options.Viewers, options.Batch, cancellationToken);
        var kbPerConnection = memory.KbPerConnection;

        var products = host.Show.Lineup.Select(p => p.ProductId).ToList();
        var all = new List<double>();
        var minReceived = int.MaxValue;
        var measuring = new CpuMeter(server);
        var measured = false;
        for (var round = 1 - options.WarmupRounds; round <= options.Rounds; round++)
        {
            // Warm-up rounds (round <= 0) run the same actions, unmeasured: a fresh server still JIT-compiles its hot paths.
            if (round == 1)
            {
                measured = true;
                measuring = new CpuMeter(server);
            }

            var pinned = products[0];
            await MeasureAsync($"round {round} pin", async () => await host.Hub.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.PinProduct), host.ShowId, pinned, cancellationToken));
            await MeasureAsync($"round {round} unpin", async () => await host.Hub.InvokeAsync<PinsChangedEvent>(nameof(ILiveShowHub.UnpinProduct), host.ShowId, pinned, cancellationToken));

            var product = host.Show.Lineup[(round + options.WarmupRounds - 1) % products.Count];
            var price = Math.Max(1m, Math.Floor(product.Price * 0.8m));
            var sale = new StartFlashSaleRequest(product.ProductId, price, DurationSeconds: 120, QuantityCap: Math.Min(10, product.Stock), PerBuyerCap: 1);
            FlashSaleStartedEvent? started = null;
            await MeasureAsync($"round {round} flash-start", async () => started = await host.Hub.InvokeAsync<FlashSaleStartedEvent>(nameof(ILiveShowHub.StartFlashSale), host.ShowId, sale, cancellationToken));
            await MeasureAsync($"round {round} flash-end", async () => await host.Hub.InvokeAsync<FlashSaleEndedEvent>(nameof(ILiveShowHub.EndFlashSale), host.ShowId, started!.Sale.Id, cancellationToken));
        }

        Console.WriteLine($"  {measuring.Describe()}");
        Console.WriteLine($"viewers: {pool.Closed} connections closed during the run");
        all.Sort();
        var received = minReceived == int.MaxValue ? 0 : minReceived;
        Console.WriteLine(Goals.Fanout(options.Viewers, received, Report.Percentile(all, 0.99), kbPerConnection));
        Console.WriteLine($"fanout viewers={options.Viewers} received={received} {Report.Summary(all)} kb_per_conn={(kbPerConnection is { } k ? Report.F(k) : "nan")}");
        return 0;

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

/// <summary>The goals of the issue, checked against one run (informative lines before the summary).</summary>
public static class Goals
{
    public static string Fanout(int viewers, int received, double p99, double? kbPerConnection) =>
        $"goals: every viewer receives {(received >= viewers ? "MET" : $"MISSED ({viewers - received} missing)")}; " +
        $"p99 <= 250 ms {(p99 <= 250 ? "MET" : "MISSED")} ({Report.F(p99)} ms); " +
        $"<= 30 KB per connection {(kbPerConnection is { } kb ? kb <= 30 ? "MET" : "MISSED" : "n/a")} ({(kbPerConnection is { } k ? Report.F(k) : "n/a")} KB)";

    public static string Chat(double ratio, long? p99) =>
        $"goals: throughput >= 3x baseline {(ratio >= 3 ? "MET" : "MISSED")} ({Report.F(ratio, 2)}x); " +
        $"p99 <= 500 ms {(p99 is <= 500 ? "MET" : "MISSED")} ({(p99 is { } p ? $"{p.ToString(System.Globalization.CultureInfo.InvariantCulture)} ms" : "not 99% delivered before the drain time ended")})";
}
