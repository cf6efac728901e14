using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveShop.Server.Data;
using LiveShop.Testing;

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
        var postgres = PostgresCluster.Start(Path.Combine(folder, "pg"), Repo.Root);
        var redis = new RedisServer();
        var database = postgres.ConnectionString("liveshop");
        var apps = new[] { new AppProcess(folder, 1, database, redis.ConnectionString), new AppProcess(folder, 2, database, redis.ConnectionString) };
        try
        {
            // One after the other: the first creates the schema and the demo shop, the second finds them.
            foreach (var app in apps)
            {
                app.Start();
                await app.WaitReadyAsync();
            }

            var nginx = NginxProcess.Start(Path.Combine(folder, "nginx"), Repo.Root, [.. apps.Select(a => a.Port)]);
            return new Cluster(folder, postgres, redis, apps, nginx);
        }
        catch
        {
            // Nothing left running: the servers of a cluster that did not start.
            foreach (var app in apps)
            {
                app.Kill();
            }

            await redis.DisposeAsync();
            postgres.Dispose();
            throw;
        }
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

/// <summary>One LiveShop.Server process on a fixed loopback port (so it can be killed and started again behind nginx).</summary>
public sealed class AppProcess(string folder, int number, string database, string redis)
{
    private Process? _process;
    private StreamWriter? _log;

    public int Port { get; } = Ports.Free();

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
