using System.Diagnostics;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.LoadTests;

/// <summary>Gets every frame a viewer receives, with the receive time (<see cref="Stopwatch.GetTimestamp"/>).</summary>
public interface IRoomObserver
{
    void OnFrame(int viewer, RoomFrame frame, long receivedAt);
}

/// <summary>
/// N anonymous, cookie-less viewers, each with its own SignalR connection (WebSockets) that calls
/// JoinShow, connected a batch at a time.
/// </summary>
public sealed class ViewerPool(Uri baseUrl, Guid showId, IRoomObserver observer, bool fullParse) : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    private readonly List<HubConnection?> _connections = [];
    private int _closed;

    public int Connected { get; private set; }

    /// <summary>Connections the server closed (or that failed) after they had joined.</summary>
    public int Closed => Volatile.Read(ref _closed);

    /// <summary>Connects <paramref name="count"/> more viewers (numbered after those already there).</summary>
    public async Task ConnectAsync(int count, int batch, CancellationToken cancellationToken)
    {
        var hubUrl = new Uri(baseUrl, HubRoutes.Live);
        var first = _connections.Count;
        var connections = new HubConnection?[count];
        var failed = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(5);
        var done = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = batch, CancellationToken = cancellationToken }, async (viewer, token) =>
        {
            var connection = Build(hubUrl, first + viewer);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(ConnectTimeout);
            try
            {
                await connection.StartAsync(timeout.Token);
                await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), showId, null, timeout.Token);
                connection.Closed += _ =>
                {
                    Interlocked.Increment(ref _closed);
                    return Task.CompletedTask;
                };
                connections[viewer] = connection;
            }
            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
            {
                if (Interlocked.Increment(ref failed) == 1)
                {
                    firstError = $"{e.GetType().Name}: {e.Message}";
                }

                await connection.DisposeAsync();
            }

            var finished = Interlocked.Increment(ref done);
            if (clock.Elapsed > nextReport)
            {
                lock (connections)
                {
                    if (clock.Elapsed > nextReport)
                    {
                        nextReport = clock.Elapsed + TimeSpan.FromSeconds(5);
                        Console.WriteLine($"  ... {finished}/{count} after {clock.Elapsed.TotalSeconds:0} s");
                    }
                }
            }
        });

        _connections.AddRange(connections);
        Connected = _connections.Count(c => c is not null);
        Console.WriteLine($"viewers: {connections.Count(c => c is not null)}/{count} connected and joined in {clock.Elapsed.TotalSeconds:0.0} s ({connections.Count(c => c is not null) / clock.Elapsed.TotalSeconds:0} /s), {failed} failed{(firstError is null ? "" : $" (first: {firstError})")}");
    }

    private HubConnection Build(Uri hubUrl, int viewer)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(hubUrl, options =>
            {
                // WebSockets straight away (the browser client negotiates first; the connection is the same afterwards).
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            });
        if (!fullParse)
        {
            builder.Services.AddSingleton<IHubProtocol>(LightRoomProtocol.Instance);
        }

        var connection = builder.Build();
        // A load generator starved of CPU must not drop its viewers on its own.
        connection.ServerTimeout = TimeSpan.FromSeconds(120);
        connection.HandshakeTimeout = TimeSpan.FromSeconds(60);
        if (fullParse)
        {
            connection.On<Guid, IReadOnlyList<RoomEvent>>(nameof(ILiveShowClient.RoomEvents), (_, events) =>
            {
                observer.OnFrame(viewer, RoomFrame.From(events), Stopwatch.GetTimestamp());
                return Task.CompletedTask;
            });
            connection.On<RoomStats>(nameof(ILiveShowClient.RoomStats), _ => Task.CompletedTask);
        }
        else
        {
            connection.On(nameof(ILiveShowClient.RoomEvents), [typeof(RoomFrame)], (arguments, _) =>
            {
                observer.OnFrame(viewer, (RoomFrame)arguments[0]!, Stopwatch.GetTimestamp());
                return Task.CompletedTask;
            }, this);
            connection.On(nameof(ILiveShowClient.RoomStats), [typeof(object)], (_, _) => Task.CompletedTask, this);
        }

        return connection;
    }

    /// <summary>
    /// Connects <paramref name="count"/> viewers in two halves and reads the server's memory before,
    /// between and after (each after a short settle): the summary figure is (after − before) / count;
    /// the second half alone, (after − middle) / (count − half), leaves out one-off costs (JIT, caches).
    /// </summary>
    public async Task<MemoryFigures> ConnectMeasuringAsync(ServerProcess server, int count, int batch, CancellationToken cancellationToken)
    {
        var before = server.RssKb();
        var connecting = new CpuMeter(server);
        var half = count / 2;
        if (half > 0)
        {
            await ConnectAsync(half, batch, cancellationToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var middle = server.RssKb();
        var connectedAtMiddle = Connected;
        await ConnectAsync(count - half, batch, cancellationToken);
        Console.WriteLine($"  {connecting.Describe()}");

        // Let the server settle (stats push, GC) before reading its memory.
        var idle = new CpuMeter(server);
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var after = server.RssKb();
        Console.WriteLine($"  idle {idle.Describe()}");
        var figures = new MemoryFigures(before, middle, after, connectedAtMiddle, Connected);
        Console.WriteLine(figures);
        return figures;
    }

    /// <summary>Closes every connection, a batch at a time, within a minute.</summary>
    public async ValueTask DisposeAsync()
    {
        var clock = Stopwatch.StartNew();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await Parallel.ForEachAsync(_connections.Where(c => c is not null), new ParallelOptions { MaxDegreeOfParallelism = 500, CancellationToken = limit.Token }, async (connection, _) =>
                await connection!.DisposeAsync());
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("viewers: not all closed within 60 s; the server stop closes the rest");
        }

        _connections.Clear();
        Console.WriteLine($"viewers: closed in {clock.Elapsed.TotalSeconds:0.0} s");
    }
}

/// <summary>Server VmRSS (KB) before the viewers, after the first half, after all.</summary>
public sealed record MemoryFigures(long? Before, long? Middle, long? After, int AtMiddle, int Connected)
{
    /// <summary>(after − before) / connected: the figure of the summary line.</summary>
    public double? KbPerConnection => Before is { } b && After is { } a && Connected > 0 ? (a - b) / (double)Connected : null;

    /// <summary>(after − middle) / (second half): without one-off costs.</summary>
    public double? MarginalKbPerConnection => Middle is { } m && After is { } a && Connected > AtMiddle ? (a - m) / (double)(Connected - AtMiddle) : null;

    public override string ToString() =>
        $"memory: server VmRSS {Before} KB before, {Middle} KB after {AtMiddle} viewers, {After} KB after {Connected} -> " +
        $"{(KbPerConnection is { } kb ? Report.F(kb) : "n/a")} KB per connection; second half alone {(MarginalKbPerConnection is { } m ? Report.F(m) : "n/a")} KB per connection";
}
