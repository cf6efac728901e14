using System.Diagnostics;
using System.Globalization;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.LoadTests;

/// <summary>
/// <c>chat --viewers N --rate R --seconds T</c>: the show's host (exempt from the per-user limit)
/// sends R chat messages a second, evenly spaced, for T seconds, to a room of N viewers; then the same
/// storm against the plain SignalR baseline (one group send per message). Delivered messages per
/// second across all viewers and the p99 delivery latency of each.
/// </summary>
public static class ChatCommand
{
    public static async Task<int> RunAsync(Options options, CancellationToken cancellationToken)
    {
        Preflight.Check(options.Viewers);
        await Box.WaitForQuietAsync(options.QuietWaitSeconds, cancellationToken);
        Console.WriteLine($"== LiveShop: {options.Viewers} viewers, {options.Rate} msg/s for {options.Seconds} s");
        StormResult liveShop;
        await using (var server = await ServerProcess.StartLiveShopAsync(options, cancellationToken))
        {
            await using var host = await HostSession.StartAsync(server.BaseUrl, cancellationToken);
            var senders = options.Guests > 0 ? await HostSession.ConnectGuestsAsync(server.BaseUrl, options.Guests, cancellationToken) : [host.Hub];
            try
            {
                liveShop = await StormAsync(server, senders, host.ShowId, options, cancellationToken);
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

            try
            {
                baseline = await StormAsync(server, senders, Guid.NewGuid(), options, cancellationToken);
            }
            finally
            {
                await DisposeAllAsync(senders);
            }
        }

        var ratio = baseline is { DeliveredPerSecond: > 0 } ? liveShop.DeliveredPerSecond / baseline.DeliveredPerSecond : double.NaN;
        Console.WriteLine(Goals.Chat(ratio, liveShop.P99Ms));
        Console.WriteLine(
            $"chat viewers={options.Viewers} rate={options.Rate} seconds={options.Seconds} " +
            $"delivered_per_s={liveShop.DeliveredPerSecond:0} p99_ms={liveShop.P99Text} " +
            $"baseline_delivered_per_s={(baseline is null ? "nan" : baseline.DeliveredPerSecond.ToString("0", CultureInfo.InvariantCulture))} " +
            $"baseline_p99_ms={baseline?.P99Text ?? "nan"} ratio={Report.F(ratio, 2)}");
        return 0;
    }

    private static async Task DisposeAllAsync(IEnumerable<HubConnection> connections)
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task<StormResult> StormAsync(ServerProcess server, IReadOnlyList<HubConnection> senders, Guid showId, Options options, CancellationToken cancellationToken)
    {
        Console.WriteLine(senders.Count == 1 ? "storm: one sender connection (at LiveShop the show's host, exempt from the chat rate limit)" : $"storm: {senders.Count} sender connections, message i from sender i mod {senders.Count} (at LiveShop guests, rate-limited per user)");
        var total = options.Rate * options.Seconds;
        var observer = new ChatObserver(total, TimeSpan.FromSeconds(options.Seconds + options.DrainSeconds + 10));
        await WarmUpAsync(server, senders, showId, options, cancellationToken);
        await using var pool = new ViewerPool(server.BaseUrl, showId, observer, options.FullParse);
        await pool.ConnectMeasuringAsync(server, options.Viewers, options.Batch, cancellationToken);

        var connected = pool.Connected;
        var acks = new double[total];
        var acked = 0;
        var failed = 0;
        string? firstError = null;
        var sends = new Task[total];
        var storm = new CpuMeter(server);
        var received = LightRoomProtocol.Received;
        var interval = TimeSpan.FromSeconds(1.0 / options.Rate);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = interval * i - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(due, cancellationToken);
            }

            var message = i;
            var sentAt = Stopwatch.GetTimestamp();
            observer.Sent(message, sentAt);
            var request = new SendChatRequest($"{RoomFrame.ChatMarkerText}{message}# chat storm line from the load tool", Guid.NewGuid());
            sends[i] = senders[i % senders.Count].InvokeAsync<SendChatResult>(nameof(ILiveShowHub.SendChat), showId, request, cancellationToken).ContinueWith(t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    acks[message] = Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds;
                    Interlocked.Increment(ref acked);
                }
                else if (Interlocked.Increment(ref failed) == 1)
                {
                    firstError = t.Exception?.GetBaseException().Message ?? "canceled";
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        var sendSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.WriteLine($"storm: {total} sends issued in {Report.F(sendSeconds, 2)} s ({Report.F(total / sendSeconds, 0)} /s)");

        // Drain: until every accepted message reached every viewer, or the drain time is up.
        var drainUntil = TimeSpan.FromSeconds(options.Seconds + options.DrainSeconds);
        var nextReport = Stopwatch.GetElapsedTime(start) + TimeSpan.FromSeconds(5);
        while (Stopwatch.GetElapsedTime(start) < drainUntil)
        {
            var pending = sends.Any(t => !t.IsCompleted);
            if (!pending && observer.Delivered >= (long)Volatile.Read(ref acked) * connected)
            {
                break;
            }

            if (Stopwatch.GetElapsedTime(start) > nextReport)
            {
                nextReport += TimeSpan.FromSeconds(5);
                Console.WriteLine($"  ... {Report.F(Stopwatch.GetElapsedTime(start).TotalSeconds, 0)} s: {Volatile.Read(ref acked)} acked, {observer.Delivered} delivered");
            }

            await Task.Delay(20, cancellationToken);
        }

        observer.Close();
        var (frames, bytes) = (LightRoomProtocol.Received.Frames - received.Frames, LightRoomProtocol.Received.Bytes - received.Bytes);
        var ackedNow = Volatile.Read(ref acked);
        var delivered = observer.Delivered;
        var span = Math.Max(options.Seconds, Stopwatch.GetElapsedTime(start, observer.LastDeliveryAt == 0 ? start : observer.LastDeliveryAt).TotalSeconds);
        // Viewers may get a message before its sender got the answer: count those as expected too.
        var expected = Math.Max((long)ackedNow * connected, delivered);
        var result = new StormResult(delivered / span, observer.Percentile(0.99, expected), observer.Percentile(0.50, expected));
        var ackTimes = acks.Where(a => a > 0).Order().ToList();
        Console.WriteLine($"  {storm.Describe()}");
        Console.WriteLine(
            $"storm: {ackedNow}/{total} accepted by the server (host ack p50 {Report.F(Report.Percentile(ackTimes, 0.5))} ms, p99 {Report.F(Report.Percentile(ackTimes, 0.99))} ms), {failed} refused{(firstError is null ? "" : $" (first: {firstError})")}");
        Console.WriteLine(
            $"storm: {delivered}/{expected} deliveries within {Report.F(span)} s -> {delivered / span:0} /s; " +
            $"{observer.MessagesReachingAll(total, connected)}/{total} messages reached all {connected} viewers; latency p50 {result.P50Text} ms, p99 {result.P99Text} ms; " +
            $"{pool.Closed} connections closed; server VmRSS now {server.RssKb()} KB");

        if (frames > 0)
        {
            Console.WriteLine(
                $"storm: viewers got {frames} RoomEvents frames ({Report.F(frames / (double)Math.Max(1, connected) / span, 1)} per viewer per s, {Report.F(delivered / (double)frames, 1)} messages per frame), " +
                $"{Report.F(bytes / 1e6, 0)} MB of JSON ({Report.F(bytes / 1e6 / span, 0)} MB/s, {Report.F(bytes / (double)Math.Max(1, delivered), 0)} bytes per delivered message)");
        }

        // Deliveries still queued when the drain ended are not counted (the observer is closed).
        await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
        if (observer.Late > 0)
        {
            Console.WriteLine($"storm: {observer.Late} more deliveries arrived after the drain time (not counted)");
        }

        return result;
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
        await using (var pool = new ViewerPool(server.BaseUrl, showId, new ChatObserver(1, TimeSpan.FromSeconds(1)), options.FullParse))
        {
            await pool.ConnectAsync(Math.Min(100, options.Viewers), options.Batch, cancellationToken);
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

        Console.WriteLine($"warm-up: {count} messages to {Math.Min(100, options.Viewers)} viewers in {Report.F(clock.Elapsed.TotalSeconds)} s (not measured)");
    }

    private sealed record StormResult(double DeliveredPerSecond, long? P99Ms, long? P50Ms)
    {
        public string P99Text => P99Ms?.ToString(CultureInfo.InvariantCulture) ?? "inf";

        public string P50Text => P50Ms?.ToString(CultureInfo.InvariantCulture) ?? "inf";
    }
}
