using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LiveShop.Testing;

// The real servers a deployment runs beside LiveShop — Redis, PostgreSQL, nginx — started from Debian's packages on
// loopback ports, for the integration tests (tests/LiveShop.Server.Tests) and the load tool (--instances). One file,
// compiled into both.

/// <summary>Loopback ports nobody listens on now.</summary>
public static class Ports
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Waits (10 s at most) until <paramref name="server"/> accepts connections on <paramref name="port"/>; throws if it exits first.</summary>
    public static void WaitListening(int port, Process server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !server.HasExited)
            {
                Thread.Sleep(50);
            }
        }
    }
}

/// <summary>
/// A real Redis (Debian's <c>redis-server</c>, installed by .ci/test.sh) on a loopback port of its own, nothing kept on
/// disk. It can be stopped and started again on the same port, as an outage and a recovery.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    public RedisServer()
    {
        Port = Ports.Free();
        Start();
    }

    public int Port { get; }

    /// <summary>The app's <c>ConnectionStrings:Redis</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public void Start()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server", $"--bind 127.0.0.1 --port {Port} --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server).");
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        Ports.WaitListening(Port, _process);
    }

    /// <summary>Kills the server at once (nothing is kept): every client loses its connection.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A throwaway PostgreSQL server of its own (.ci/postgres.sh: Debian's packages, loopback, trust).</summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _dir;
    private string _root = "";

    private PostgresCluster(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    /// <param name="dir">Created if missing; its parent is made reachable (not readable) by others: the server runs as the postgres user.</param>
    /// <param name="repoRoot">Where .ci/postgres.sh is.</param>
    public static PostgresCluster Start(string dir, string repoRoot)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(dir))!;
        Directory.CreateDirectory(parent);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(parent, File.GetUnixFileMode(parent) | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        var cluster = new PostgresCluster(dir, Ports.Free());
        cluster._root = repoRoot;
        cluster.Script("start", dir, cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return cluster;
    }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=liveshop;Database={database}";

    /// <summary>Stops the server (fast shutdown: connections are cut).</summary>
    public void Stop() => Script("stop", _dir);

    /// <summary>Starts it again on the same port with the same data.</summary>
    public void Up() => Script("up", _dir, Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => Stop();

    private void Script(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(_root, ".ci", "postgres.sh"));
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

    public static NginxProcess Start(string dir, string repoRoot, IReadOnlyList<int> upstreamPorts)
    {
        Directory.CreateDirectory(Path.Combine(dir, "logs"));
        var port = Ports.Free();
        var lines = File.ReadAllLines(Path.Combine(repoRoot, "deploy", "nginx.conf"));
        var upstreamLines = lines.Where(l => l.Contains("# tests replace", StringComparison.Ordinal) && l.TrimStart().StartsWith("server ", StringComparison.Ordinal)).ToList();
        var upstreams = new Queue<int>(upstreamPorts);
        var config = lines.Select(line =>
        {
            if (!line.Contains("# tests replace", StringComparison.Ordinal))
            {
                return line;
            }

            var indent = line[..(line.Length - line.TrimStart().Length)];
            if (line.TrimStart().StartsWith("listen", StringComparison.Ordinal))
            {
                return $"{indent}listen 127.0.0.1:{port};";
            }

            // One upstream line per instance: the marked ones in turn, the rest after the first.
            return string.Join('\n', Enumerable.Range(0, upstreams.Count == 0 ? 0 : line == upstreamLines[^1] ? upstreams.Count : 1)
                .Select(_ => $"{indent}server 127.0.0.1:{upstreams.Dequeue()} max_fails=1 fail_timeout=5s;"));
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
        Ports.WaitListening(port, process);
        return new NginxProcess(process, port);
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
