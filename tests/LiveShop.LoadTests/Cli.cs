using System.Globalization;
using System.Net;

namespace LiveShop.LoadTests;

/// <summary>Command line: <c>fanout</c>, <c>chat</c> or <c>baseline-server</c>, then <c>--name value</c> options.</summary>
public static class Cli
{
    public const string Usage = """
        LiveShop load tool (run with `ulimit -n 20000`; see tests/LiveShop.LoadTests/README.md)

          fanout --viewers N [--rounds 5] [--gap-ms 2000] [--warmup-rounds 1]
              Host pins, unpins, starts and ends a flash sale (R rounds); per viewer, the time from just
              before the host's hub call until that viewer got the event; server memory per connection.
          fanout ... [--skip-baseline]
              then the same rounds against a plain SignalR hub (one group send per event): join_s,
              baseline_join_s, baseline_p99_ms and ratio (ours / baseline p99) on the summary line
          chat --viewers N --rate R --seconds T [--drain-s 30] [--warmup-s 3] [--guests G] [--host-storm] [--skip-baseline]
              A chat storm of R msg/s for T s sent by G guests (default G = R: each guest sends one line a
              second, the per-user pace), plus one host line a second; during it the host pins a product,
              starts a flash price and ends it (host_ack_p99_ms, commerce_p99_ms; server VmRSS every
              250 ms: rss_max_mb). Then the same storm against a plain SignalR hub (one
              Clients.Group(g).SendAsync per message).
              --host-storm: the host sends the storm lines (a host's lines go to everyone: not sampled)
          flashsale --buyers N --units U [--per-buyer 1] [--attempts 1] [--warmup-buyers 100] [--cold-connections]
              N guests each place an order at once (A attempts per buyer, each with its own idempotency key)
              in a flash sale of U units (per-buyer cap P); then every attempt again with the same key.
              Orders, oversold units and duplicate orders (checked against the sales dashboard, the
              show's orders and the stock), attempts/s and latency of the first burst.
              --warmup-buyers W: first the same on a separate show and product with W buyers (unmeasured)
              --cold-connections: do not open the buyers' connections before the burst
              --perf FILE: `perf record -g` of the server during the first measured burst into FILE
              --expire: the demo shop takes cards through a fake Stripe API (in this tool) and nobody pays:
              every order waits PendingPayment, its hold (1 min) runs out and its units go back; reports
              how long until the room shows the flash units and the stock back, and checks the orders
          claims --buyers N --units U
              The demo host pins a product with U in stock and turns on "+1" claims; N guests, each in the
              room, type "+1" at once. Held claims (must be exactly U), waiting ones (positions 1..N-U, each
              once), the stock (must be 0) and the room's counts; claims/s and the latency of the answers.
          baseline-server --port P [--parent-pid PID]
              The plain SignalR hub on 127.0.0.1:P (started by `fanout` and `chat`).

        Common options:
          --url http://127.0.0.1:PORT   use a running LiveShop server (loopback only; needs its demo catalog)
          --server-dll PATH             LiveShop.Server.dll (default: LiveShop.Server/bin/Release/net10.0)
          --instances N                 N LiveShop.Server processes behind nginx (deploy/nginx.conf) on a PostgreSQL
                                        server and a Redis of their own (Debian's packages, loopback); the tool
                                        talks to nginx. Without it: one process on SQLite, as before. Compare
                                        --instances 1 and --instances 2 (docs/perf.md)
          --batch 200                   concurrent connects
          --wait-s 30                   longest wait for one event to reach every viewer
          --full-parse                  viewers deserialize every event like the real client (costs the
                                        load tool CPU); default: a byte scan for sequence numbers/markers
          --max-minutes 30              the whole run stops by itself after this
          --quiet-wait-s 300            first wait (at most this long) until other processes on the box
                                        use under 25% of one core; 0: do not wait
          --server-env K=V[,K=V...]     extra environment for the LiveShop server process (experiments,
                                        e.g. DOTNET_gcServer=0); the product is not changed
          --keep                        keep the server's temp folder (database, log)
          --room-big N, --room-chat-lines N, --room-frame-ms N, --room-max-queued N, --room-snapshot-ms N
                                        the server's Room settings (Room__BigRoomViewers, __ChatLinesPerSecond,
                                        __FrameMilliseconds, __MaxQueuedFramesPerConnection,
                                        __SnapshotMaxAgeMilliseconds); default: the server's (500, 10, 50, 8, 250)
        """;

    /// <summary>The server's Room settings the tool can set (option, setting, the server's default).</summary>
    public static readonly (string Option, string Setting, int Default)[] RoomSettings =
    [
        ("--room-big", "BigRoomViewers", 500),
        ("--room-chat-lines", "ChatLinesPerSecond", 10),
        ("--room-frame-ms", "FrameMilliseconds", 50),
        ("--room-max-queued", "MaxQueuedFramesPerConnection", 8),
        ("--room-snapshot-ms", "SnapshotMaxAgeMilliseconds", 250),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(options.MaxMinutes));
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        try
        {
            return options.Command switch
            {
                "fanout" => await FanoutCommand.RunAsync(options, stop.Token),
                "chat" => await ChatCommand.RunAsync(options, stop.Token),
                "flashsale" => await FlashSaleCommand.RunAsync(options, stop.Token),
                "claims" => await ClaimsCommand.RunAsync(options, stop.Token),
                "baseline-server" => await BaselineServer.RunAsync(options, stop.Token),
                _ => throw new InvalidOperationException("unreachable"),
            };
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.Error.WriteLine($"Stopped: the run hit its time limit ({options.MaxMinutes} min) or was interrupted.");
            return 3;
        }
    }
}

public sealed class Options
{
    public required string Command { get; init; }
    public int Viewers { get; init; } = 1000;
    public int Buyers { get; init; } = 5000;
    public int Units { get; init; } = 100;
    public int PerBuyer { get; init; } = 1;
    public int Attempts { get; init; } = 1;
    public int WarmupBuyers { get; init; } = 100;
    public bool ColdConnections { get; init; }
    public bool Expire { get; init; }
    public int Rounds { get; init; } = 5;
    public int WarmupRounds { get; init; } = 1;
    public int WarmupSeconds { get; init; } = 3;
    /// <summary>Chat senders (guests); 0 with <see cref="HostStorm"/>.</summary>
    public int Guests { get; init; }
    public bool HostStorm { get; init; }

    /// <summary>The Room settings the server runs with (given, or the server's defaults).</summary>
    public IReadOnlyDictionary<string, int> Room { get; init; } = new Dictionary<string, int>();

    public int RoomSetting(string setting) =>
        Room.TryGetValue(setting, out var value) ? value : Cli.RoomSettings.Single(r => r.Setting == setting).Default;
    public int GapMs { get; init; } = 2000;
    public int Rate { get; init; } = 200;
    public int Seconds { get; init; } = 20;
    public int DrainSeconds { get; init; } = 30;
    public int WaitSeconds { get; init; } = 30;
    public int Batch { get; init; } = 200;
    public int Port { get; init; }
    public int ParentPid { get; init; }
    public int QuietWaitSeconds { get; init; } = 300;
    public double MaxMinutes { get; init; } = 30;
    public Uri? Url { get; init; }
    public string? ServerDll { get; init; }

    /// <summary>0: one server on SQLite; N ≥ 1: N servers behind nginx on PostgreSQL and Redis.</summary>
    public int Instances { get; init; }
    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();
    public bool FullParse { get; init; }
    public bool SkipBaseline { get; init; }
    public bool Keep { get; init; }
    public string? PerfFile { get; init; }

    public static Options Parse(string[] args)
    {
        var command = args[0];
        if (command is not ("fanout" or "chat" or "flashsale" or "claims" or "baseline-server"))
        {
            throw new ArgumentException($"Unknown command '{command}'.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        string[] flagNames = ["--full-parse", "--skip-baseline", "--keep", "--cold-connections", "--expire", "--host-storm"];
        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            if (flagNames.Contains(name))
            {
                flags.Add(name);
            }
            else if (name.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{name}'.");
            }
        }

        int Int(string name, int fallback, int min, int max)
        {
            if (!values.Remove(name, out var text))
            {
                return fallback;
            }

            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                throw new ArgumentException($"{name} must be a whole number from {min} to {max}.");
            }

            return value;
        }

        var rate = Int("--rate", 200, 1, 5_000);
        var hostStorm = flags.Contains("--host-storm");
        if (hostStorm && values.ContainsKey("--guests"))
        {
            throw new ArgumentException("--host-storm and --guests exclude each other: the storm comes from the host or from guests.");
        }

        var room = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (option, setting, _) in Cli.RoomSettings)
        {
            if (values.ContainsKey(option))
            {
                room[setting] = Int(option, 0, 1, 1_000_000);
            }
        }

        var options = new Options
        {
            Command = command,
            Viewers = Int("--viewers", 1000, 1, 18_000),
            // One connection per buyer during the bursts (descriptors: run.sh allows 20000).
            Buyers = Int("--buyers", 5000, 1, 15_000),
            Units = Int("--units", 100, 1, 100_000),
            PerBuyer = Int("--per-buyer", 1, 1, 99),
            Attempts = Int("--attempts", 1, 1, 10),
            WarmupBuyers = Int("--warmup-buyers", 100, 0, 1_000),
            ColdConnections = flags.Contains("--cold-connections"),
            Expire = flags.Contains("--expire"),
            Rounds = Int("--rounds", 5, 1, 100),
            WarmupRounds = Int("--warmup-rounds", 1, 0, 10),
            WarmupSeconds = Int("--warmup-s", 3, 0, 60),
            // Each guest may send one line a second (Limits.ChatRefill): R guests carry R lines a second.
            Guests = hostStorm ? 0 : Int("--guests", Math.Min(rate, 2_000), 1, 2_000),
            HostStorm = hostStorm,
            Room = room,
            GapMs = Int("--gap-ms", 2000, 0, 60_000),
            Rate = rate,
            Seconds = Int("--seconds", 20, 1, 600),
            DrainSeconds = Int("--drain-s", 30, 1, 600),
            WaitSeconds = Int("--wait-s", 30, 1, 600),
            Batch = Int("--batch", 200, 1, 2_000),
            Port = Int("--port", 0, 0, 65_535),
            ParentPid = Int("--parent-pid", 0, 0, int.MaxValue),
            QuietWaitSeconds = Int("--quiet-wait-s", 300, 0, 3_600),
            MaxMinutes = Int("--max-minutes", 30, 1, 240),
            Url = values.Remove("--url", out var url) ? LoopbackOnly(url) : null,
            ServerDll = values.Remove("--server-dll", out var dll) ? dll : null,
            Instances = Int("--instances", 0, 0, 4),
            ServerEnvironment = values.Remove("--server-env", out var env) ? Pairs(env) : new Dictionary<string, string>(),
            FullParse = flags.Contains("--full-parse"),
            SkipBaseline = flags.Contains("--skip-baseline"),
            Keep = flags.Contains("--keep"),
            PerfFile = values.Remove("--perf", out var perf) ? Path.GetFullPath(perf) : null,
        };

        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", values.Keys)}.");
        }

        if (room.Count > 0)
        {
            if (options.Url is not null)
            {
                throw new ArgumentException("--room-* options set the environment of a server this tool starts (not --url).");
            }

            var environment = (Dictionary<string, string>)options.ServerEnvironment;
            foreach (var (setting, value) in room)
            {
                environment[$"Room__{setting}"] = value.ToString(CultureInfo.InvariantCulture);
            }
        }

        if (options.PerfFile is not null)
        {
            if (command != "flashsale" || options.Url is not null)
            {
                throw new ArgumentException("--perf is for flashsale with a server this tool starts (not --url).");
            }

            // perf resolves JIT-compiled frames through /tmp/perf-PID.map (W^X off, or they show as memfd:doublemapper).
            var environment = (Dictionary<string, string>)options.ServerEnvironment;
            environment.TryAdd("DOTNET_PerfMapEnabled", "1");
            environment.TryAdd("DOTNET_EnableWriteXorExecute", "0");
        }

        if (options.Expire && (command != "flashsale" || options.Url is not null))
        {
            throw new ArgumentException("--expire is for flashsale with a server this tool starts (not --url): it sets the server's Stripe API and hold times.");
        }

        if (options.PerBuyer > options.Units)
        {
            throw new ArgumentException($"--per-buyer ({options.PerBuyer}) cannot be more than --units ({options.Units}).");
        }

        if ((long)options.Buyers * options.Attempts > 15_000)
        {
            throw new ArgumentException($"--buyers × --attempts is at most 15000 (one connection per attempt in flight); {options.Buyers} × {options.Attempts} is more.");
        }

        if (command == "baseline-server" && options.Port == 0)
        {
            throw new ArgumentException("baseline-server needs --port.");
        }

        return options;
    }

    private static Dictionary<string, string> Pairs(string text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new ArgumentException($"--server-env wants NAME=VALUE pairs, not '{pair}'.");
            }

            pairs[pair[..at]] = pair[(at + 1)..];
        }

        return pairs;
    }

    /// <summary>The tool only ever talks to this machine.</summary>
    private static Uri LoopbackOnly(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException("--url must be an http:// URL.");
        }

        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback)
        {
            throw new ArgumentException("--url must point at a loopback address (127.0.0.1, [::1] or localhost).");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority));
    }
}
