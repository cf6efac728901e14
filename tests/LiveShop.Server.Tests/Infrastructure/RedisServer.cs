using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>
/// A real Redis (Debian's <c>redis-server</c>, installed by .ci/test.sh) on a loopback port of its own, nothing kept on
/// disk. It can be stopped and started again on the same port, as an outage and a recovery.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    public RedisServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
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
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
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
