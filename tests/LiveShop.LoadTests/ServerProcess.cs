using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LiveShop.LoadTests;

/// <summary>
/// A server under test in its own process (LiveShop.Server or this tool's baseline-server mode) on a
/// fresh loopback port, or a server someone else runs (<c>--url</c>). Stopped and cleaned up on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly string? _folder;
    private readonly bool _keep;
    private readonly StreamWriter? _log;
    private readonly Lock _logGate = new();

    /// <summary>With <c>--instances</c>: the LiveShop processes behind nginx, and the servers beside them, stopped on dispose.</summary>
    private readonly List<ServerProcess> _instances = [];
    private readonly List<IAsyncDisposable> _services = [];

    private ServerProcess(Uri baseUrl, Process? process, string? folder, bool keep)
    {
        BaseUrl = baseUrl;
        _process = process;
        _folder = folder;
        _keep = keep;
        if (process is not null && folder is not null)
        {
            _log = new StreamWriter(Path.Combine(folder, "server.log")) { AutoFlush = true };
        }
    }

    public Uri BaseUrl { get; private set; }

    /// <summary>LiveShop (started or at <c>--url</c>), not the plain SignalR baseline.</summary>
    public bool IsLiveShop { get; private set; } = true;

    /// <summary>The server's process id, or null for a server given by <c>--url</c>.</summary>
    public int? Pid => _process?.Id;

    public string? LogPath => _folder is null ? null : Path.Combine(_folder, "server.log");

    /// <summary>LiveShop.Server in Development with a fresh SQLite file, logging at Warning; or the one at <c>--url</c>.</summary>
    public static async Task<ServerProcess> StartLiveShopAsync(Options options, CancellationToken cancellationToken)
    {
        if (options.Url is not null)
        {
            Console.WriteLine($"server: using {options.Url} (not started by this tool: no memory or CPU figures)");
            return new ServerProcess(options.Url, null, null, keep: true);
        }

        if (options.Instances > 0)
        {
            return await StartClusterAsync(options, cancellationToken);
        }

        var folder = Directory.CreateTempSubdirectory("liveshop-load-").FullName;
        return await StartInstanceAsync(options, folder, [
            "--ConnectionStrings:LiveShop", $"Data Source={Path.Combine(folder, "liveshop.db")}",
        ], cancellationToken);
    }

    /// <summary>
    /// <c>--instances N</c>: a PostgreSQL server and a Redis (.ci/postgres.sh, redis-server), N LiveShop processes on them
    /// (the first seeds the demo shop before the others start), and nginx with deploy/nginx.conf in front; the returned
    /// server is nginx's address, its memory and CPU those of all N processes.
    /// </summary>
    private static async Task<ServerProcess> StartClusterAsync(Options options, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("liveshop-cluster-").FullName;
        var postgres = Testing.PostgresCluster.Start(Path.Combine(folder, "pg"), Repo.Root);
        var redis = new Testing.RedisServer();
        var cluster = new ServerProcess(new Uri("http://127.0.0.1"), null, folder, options.Keep);
        cluster._services.Add(redis);
        cluster._services.Add(new Stop(() => postgres.Dispose()));
        try
        {
            for (var i = 1; i <= options.Instances; i++)
            {
                var instanceFolder = Path.Combine(folder, $"app{i}");
                Directory.CreateDirectory(instanceFolder);
                cluster._instances.Add(await StartInstanceAsync(options, instanceFolder, [
                    "--Database:Provider", "PostgreSql",
                    "--ConnectionStrings:LiveShop", postgres.ConnectionString("liveshop"),
                    "--ConnectionStrings:Redis", redis.ConnectionString,
                    "--DataProtection:KeysDirectory", Path.Combine(folder, "keys"),
                ], cancellationToken));
            }

            var nginx = Testing.NginxProcess.Start(Path.Combine(folder, "nginx"), Repo.Root, [.. cluster._instances.Select(i => i.BaseUrl.Port)]);
            cluster._services.Insert(0, new Stop(nginx.Stop));
            cluster.BaseUrl = nginx.Address;
            Console.WriteLine($"server: {options.Instances} instance(s) behind nginx at {nginx.Address}, PostgreSQL on {postgres.Port}, Redis on {redis.Port}");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>One LiveShop.Server process in Development (demo data), its settings then <paramref name="settings"/>.</summary>
    private static async Task<ServerProcess> StartInstanceAsync(Options options, string folder, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        var dll = options.ServerDll ?? Path.Combine(Repo.Root, "LiveShop.Server", "bin", "Release", "net10.0", "LiveShop.Server.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build it first with `dotnet build -c Release LiveShop.Server` (run.sh does).", dll);
        }

        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--urls", url.ToString().TrimEnd('/'), "--Database:SeedDemoData", "true" }.Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";

        // Thousands of viewers and buyers from one loopback address: the load tool lifts the rate limits
        // through their settings (docs/security.md), as the tests do; --server-env can set them back.
        foreach (var limit in new[] { "Guest", "Register", "SignIn", "SignInFailuresPerAccount", "PlaceOrder", "ShareLink", "Mail", "AnonymousConnections", "GuestChatPerShow", "GuestQuestionsPerShow", "ChatPerAddress", "HeartsPerAddress" })
        {
            start.Environment[$"RateLimits__{limit}__Permits"] = "1000000";
            start.Environment[$"RateLimits__{limit}__WindowSeconds"] = "1";
        }

        start.Environment["RateLimits__HubConnectionsPerAddress"] = "1000000";
        start.Environment["RateLimits__GuestChatAfterSeconds"] = "0";
        // Its buyers share one shipping address and the test card: flash caps by identity would make them one buyer.
        start.Environment["Identities__CapFlashSalesByIdentity"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Warning";
        foreach (var (name, value) in options.ServerEnvironment)
        {
            start.Environment[name] = value;
            Console.WriteLine($"server: environment {name}={value}");
        }

        return await LaunchAsync(start, url, "/api/account/me", folder, options.Keep, cancellationToken);
    }

    /// <summary>This tool again, in <c>baseline-server</c> mode, with server GC like LiveShop.Server.</summary>
    public static async Task<ServerProcess> StartBaselineAsync(Options options, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("liveshop-baseline-").FullName;
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var self = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }

        foreach (var arg in new[]
                 {
                     "baseline-server", "--port", port.ToString(CultureInfo.InvariantCulture),
                     "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                     "--max-minutes", ((int)Math.Ceiling(options.MaxMinutes)).ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_gcServer"] = "1";
        start.Environment["DOTNET_gcConcurrent"] = "1";
        var server = await LaunchAsync(start, url, BaselineServer.ReadyPath, folder, options.Keep, cancellationToken);
        server.IsLiveShop = false;
        return server;
    }

    private static async Task<ServerProcess> LaunchAsync(ProcessStartInfo start, Uri url, string readyPath, string folder, bool keep, CancellationToken cancellationToken)
    {
        var process = new Process { StartInfo = start };
        var server = new ServerProcess(url, process, folder, keep);
        process.OutputDataReceived += (_, e) => server.Log(e.Data);
        process.ErrorDataReceived += (_, e) => server.Log(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync(new Uri(url, readyPath), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Console.WriteLine($"server: pid {process.Id} ready at {url} after {clock.Elapsed.TotalSeconds:0.0} s (log {server.LogPath})");
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Too slow to answer yet.
            }

            await Task.Delay(250, cancellationToken);
        }

        var exited = process.HasExited ? $"exited with code {process.ExitCode}" : "did not answer within 120 s";
        await server.DisposeAsync();
        throw new InvalidOperationException($"The server {exited}; see {Path.Combine(folder, "server.log")}.");
    }

    private void Log(string? line)
    {
        if (line is null || _log is null)
        {
            return;
        }

        lock (_logGate)
        {
            _log.WriteLine(line);
        }
    }

    /// <summary>The server's resident memory (VmRSS) in KB (all instances together), or null when it is not ours.</summary>
    public long? RssKb() => _instances.Count > 0 ? _instances.Sum(i => i.RssKb() ?? 0) : _process is null ? null : ProcStat.RssKb(_process.Id);

    /// <summary>CPU seconds (user + system) the server has used so far (all instances together), or null when it is not ours.</summary>
    public double? CpuSeconds() => _instances.Count > 0 ? _instances.Sum(i => i.CpuSeconds() ?? 0) : _process is null ? null : ProcStat.CpuSeconds(_process.Id);

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services.Take(1))
        {
            await service.DisposeAsync();   // nginx first: nothing new reaches the instances
        }

        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        foreach (var service in _services.Skip(1))
        {
            await service.DisposeAsync();
        }

        if (_process is not null)
        {
            try
            {
                if (!_process.HasExited)
                {
                    // SIGTERM: a graceful stop; then SIGKILL if it takes longer than 15 s.
                    using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                    {
                        await kill.WaitForExitAsync();
                    }

                    using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                    try
                    {
                        await _process.WaitForExitAsync(grace.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        _process.Kill(entireProcessTree: true);
                        await _process.WaitForExitAsync(CancellationToken.None);
                    }
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _process.Dispose();
        }

        if (_log is not null)
        {
            lock (_logGate)
            {
                _log.Dispose();
            }
        }

        if (_folder is not null && !_keep)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: it is a temp folder.
            }
        }
    }

    /// <summary>A loopback port nobody listens on now; a fresh one each run avoids TIME_WAIT leftovers.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>An action run on dispose.</summary>
internal sealed class Stop(Action stop) : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        stop();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Reads /proc for a process's memory and CPU time (Linux).</summary>
public static class ProcStat
{
    private const double ClockTicksPerSecond = 100.0;

    public static long? RssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var digits = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(digits, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process is gone.
        }

        return null;
    }

    /// <summary>utime + stime from /proc/PID/stat, in seconds.</summary>
    public static double? CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state): utime is field 14, stime field 15.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / ClockTicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The open-files limit of this process (soft), from /proc/self/limits.</summary>
    public static long? OpenFilesLimit()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?["Max open files".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return long.TryParse(soft, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>The repository root: the folder above this tool holding LiveShop.slnx.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LiveShop.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
