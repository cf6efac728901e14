using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveShop.Server.Data;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>
/// Several instances as they run in production (issue 16, docs/deploy.md): a PostgreSQL server of their own, a Redis,
/// two LiveShop.Server processes (the built server, Development, demo data) and nginx in front of them with the
/// configuration from <c>deploy/nginx.conf</c>. Each part can be stopped and started again, as faults.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private Cluster(string folder, PostgresCluster postgres, RedisServer redis, AppProcess[] apps, NginxProcess nginx)
    {
        Folder = folder;
        Postgres = postgres;
        Redis = redis;
        Apps = apps;
        Nginx = nginx;
    }

    public string Folder { get; }

    public PostgresCluster Postgres { get; }

    public RedisServer Redis { get; }

    public IReadOnlyList<AppProcess> Apps { get; }

    public NginxProcess Nginx { get; }

    /// <summary>The connection string of the instances' database.</summary>
    public string Database => Postgres.ConnectionString("liveshop");

    public static async Task<Cluster> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("liveshop-cluster-").FullName;
        // The PostgreSQL server runs as the postgres user: it must be able to reach its folder inside this one.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        var postgres = PostgresCluster.Start(Path.Combine(folder, "pg"));
        var redis = new RedisServer();
        var database = postgres.ConnectionString("liveshop");
        var apps = new[] { new AppProcess(folder, 1, database, redis.ConnectionString), new AppProcess(folder, 2, database, redis.ConnectionString) };

        // One after the other: the first creates the schema and the demo shop, the second finds them.
        foreach (var app in apps)
        {
            app.Start();
            await app.WaitReadyAsync();
        }

        var nginx = NginxProcess.Start(Path.Combine(folder, "nginx"), apps);
        return new Cluster(folder, postgres, redis, apps, nginx);
    }

    /// <summary>A client of the whole site through nginx, as a phone sees it.</summary>
    public LiveShopFactory ThroughNginx() => new Endpoint(Nginx.Address, Database, Folder);

    /// <summary>A client of one instance, bypassing nginx (to put someone on a known instance).</summary>
    public LiveShopFactory Direct(int instance) => new Endpoint(Apps[instance].Address, Database, Folder);

    public async ValueTask DisposeAsync()
    {
        Nginx.Stop();
        foreach (var app in Apps)
        {
            app.Kill();
        }

        await Redis.DisposeAsync();
        Postgres.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The PostgreSQL files belong to the postgres user; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>The test helpers (sign in, guests, hub connections, a database context) pointed at a running server.</summary>
    private sealed class Endpoint(Uri address, string database, string folder) : LiveShopFactory(Path.Combine(folder, "client-" + Guid.NewGuid().ToString("N")), ownsFolder: false)
    {
        protected override Uri? ExternalAddress => address;

        protected override bool SkipNegotiation => true;

        protected override DatabaseProvider Database => DatabaseProvider.PostgreSql;

        public override string ConnectionString => database;
    }

    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(what);
            }

            await Task.Delay(100);
        }
    }
}

/// <summary>The repository's root (where LiveShop.slnx is), found from the test's output folder.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    /// <summary>Debug or Release: the configuration this test assembly was built in, and so the server beside it.</summary>
    public static string Configuration { get; } = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveShop.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LiveShop.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A throwaway PostgreSQL server of its own (.ci/postgres.sh: Debian's packages, loopback, trust).</summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _dir;

    private PostgresCluster(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public static PostgresCluster Start(string dir)
    {
        var cluster = new PostgresCluster(dir, Cluster.FreePort());
        Script("start", dir, cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return cluster;
    }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=liveshop;Database={database}";

    /// <summary>Stops the server (fast shutdown: connections are cut).</summary>
    public void Stop() => Script("stop", _dir);

    /// <summary>Starts it again on the same port with the same data.</summary>
    public void Up() => Script("up", _dir, Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => Stop();

    private static void Script(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Repo.Root, ".ci", "postgres.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($".ci/postgres.sh {string.Join(' ', args)} failed: {error.Result}");
        }
    }
}

/// <summary>One LiveShop.Server process on a fixed loopback port (so it can be killed and started again behind nginx).</summary>
public sealed class AppProcess(string folder, int number, string database, string redis)
{
    private Process? _process;
    private StreamWriter? _log;

    public int Port { get; } = Cluster.FreePort();

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public string LogPath => Path.Combine(folder, $"app{number}.log");

    public void Start()
    {
        var dll = Path.Combine(Repo.Root, "LiveShop.Server", "bin", Repo.Configuration, "net10.0", "LiveShop.Server.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build the solution first.", dll);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var settings = new Dictionary<string, string>(LiveShopFactory.RaisedLimits)
        {
            ["urls"] = Address.ToString().TrimEnd('/'),
            ["Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:LiveShop"] = database,
            ["ConnectionStrings:Redis"] = redis,
            ["DataProtection:KeysDirectory"] = Path.Combine(folder, "keys"),
            ["Database:DataDirectory"] = Path.Combine(folder, $"app{number}"),
            ["Email:PickupDirectory"] = Path.Combine(folder, "mail"),
            ["Media:ImagesDirectory"] = Path.Combine(folder, "images"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        start.ArgumentList.Add(dll);
        foreach (var (name, value) in settings)
        {
            start.ArgumentList.Add("--" + name);
            start.ArgumentList.Add(value);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        _log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        var log = _log;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Write(log, e.Data);
        _process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public async Task WaitReadyAsync(int seconds = 90)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        await Cluster.WaitUntilAsync(
            async () =>
            {
                if (_process is { HasExited: true })
                {
                    throw new InvalidOperationException($"instance {number} exited: see {LogPath}\n" + File.ReadAllText(LogPath));
                }

                try
                {
                    return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            $"instance {number} was not ready within {seconds} s (see {LogPath})",
            seconds);
    }

    /// <summary>SIGKILL: no drain, no goodbye — as when the machine under it dies.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}

/// <summary>nginx (Debian's package) with deploy/nginx.conf, its upstreams and port swapped for the test's.</summary>
public sealed class NginxProcess
{
    private readonly Process _process;

    private NginxProcess(Process process, int port)
    {
        _process = process;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    public static NginxProcess Start(string dir, IReadOnlyList<AppProcess> apps)
    {
        Directory.CreateDirectory(Path.Combine(dir, "logs"));
        var port = Cluster.FreePort();
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, "deploy", "nginx.conf"));
        var upstreams = new Queue<AppProcess>(apps);
        var config = lines.Select(line =>
        {
            if (!line.Contains("# tests replace", StringComparison.Ordinal))
            {
                return line;
            }

            var indent = line[..(line.Length - line.TrimStart().Length)];
            return line.TrimStart().StartsWith("listen", StringComparison.Ordinal)
                ? $"{indent}listen 127.0.0.1:{port};"
                : $"{indent}server 127.0.0.1:{upstreams.Dequeue().Port} max_fails=1 fail_timeout=5s;";
        });
        var path = Path.Combine(dir, "nginx.conf");
        File.WriteAllLines(path, config);
        var start = new ProcessStartInfo("nginx") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in new[] { "-p", dir, "-c", path, "-g", $"daemon off; pid {Path.Combine(dir, "nginx.pid")}; error_log {Path.Combine(dir, "logs", "error.log")};" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start (apt-get install nginx).");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var nginx = new NginxProcess(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return nginx;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                Thread.Sleep(50);
            }
        }
    }

    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
