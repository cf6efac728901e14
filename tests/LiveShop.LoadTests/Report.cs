using System.Globalization;

namespace LiveShop.LoadTests;

/// <summary>Percentiles and the invariant number format of the summary lines.</summary>
public static class Report
{
    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static string F(double value, int decimals = 1) =>
        double.IsNaN(value) ? "nan" : double.IsPositiveInfinity(value) ? "inf" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Summary(IReadOnlyList<double> sorted) =>
        $"p50_ms={F(Percentile(sorted, 0.50))} p95_ms={F(Percentile(sorted, 0.95))} p99_ms={F(Percentile(sorted, 0.99))} max_ms={F(sorted.Count == 0 ? double.NaN : sorted[^1])}";
}

/// <summary>CPU seconds of the server, of this tool and of every other process on the box over one phase.</summary>
public sealed class CpuMeter(ServerProcess server)
{
    private readonly double? _server = server.CpuSeconds();
    private readonly double? _tool = ProcStat.CpuSeconds(Environment.ProcessId);
    private readonly double _box = Box.BusySeconds();
    private readonly DateTime _started = DateTime.UtcNow;

    public string Describe()
    {
        var wall = (DateTime.UtcNow - _started).TotalSeconds;
        var serverUsed = server.CpuSeconds() - _server;
        var toolUsed = ProcStat.CpuSeconds(Environment.ProcessId) - _tool;
        var others = Box.BusySeconds() - _box - (serverUsed ?? 0) - (toolUsed ?? 0);
        string Part(string name, double? used) => used is { } u ? $"{name} {Report.F(u)} s ({Report.F(100 * u / wall, 0)}%)" : $"{name} n/a";
        return $"cpu over {Report.F(wall)} s wall (100% = one core, the box has 2): {Part("server", serverUsed)}, {Part("load tool", toolUsed)}, {Part("other processes", Math.Max(0, others))}";
    }
}

/// <summary>The whole box: busy CPU time from /proc/stat, and waiting for other work on it to stop.</summary>
public static class Box
{
    private const double ClockTicksPerSecond = 100.0;

    /// <summary>Busy CPU seconds of all cores since boot (user, nice, system, irq, softirq, steal).</summary>
    public static double BusySeconds()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long busy = 0;
            foreach (var index in new[] { 1, 2, 3, 6, 7, 8 })
            {
                busy += long.Parse(fields[index], CultureInfo.InvariantCulture);
            }

            return busy / ClockTicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Other sessions build and test on this box too: waits (at most <paramref name="maxSeconds"/>)
    /// until the rest of the box uses under a quarter of a core over 3 s, so the figures are ours.
    /// </summary>
    public static async Task WaitForQuietAsync(int maxSeconds, CancellationToken cancellationToken)
    {
        if (maxSeconds <= 0)
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var before = BusySeconds();
            var self = ProcStat.CpuSeconds(Environment.ProcessId) ?? 0;
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            var others = BusySeconds() - before - ((ProcStat.CpuSeconds(Environment.ProcessId) ?? 0) - self);
            var share = others / 3.0;
            if (share < 0.25)
            {
                Console.WriteLine($"box: quiet (other processes {Report.F(100 * share, 0)}% of one core over 3 s)");
                return;
            }

            if (clock.Elapsed.TotalSeconds >= maxSeconds)
            {
                Console.WriteLine($"box: WARNING other processes still use {Report.F(100 * share, 0)}% of one core after {maxSeconds} s of waiting; the figures below share the box with them");
                return;
            }

            Console.WriteLine($"box: busy (other processes {Report.F(100 * share, 0)}% of one core); waiting for it to quiet down");
        }
    }
}
