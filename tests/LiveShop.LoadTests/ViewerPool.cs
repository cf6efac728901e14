using System.Diagnostics;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.LoadTests;

/// <summary>Gets every frame a viewer receives, with the receive time (<see cref="Stopwatch.GetTimestamp"/>).</summary>
public interface IRoomObserver
{
    /// <summary><paramref name="resync"/>: the events a JoinShow resync answered (after a gap or a catch-up frame), not a pushed frame.</summary>
    void OnFrame(int viewer, ScannedFrame frame, long receivedAt, bool resync);
}

/// <summary>
/// N anonymous, cookie-less viewers, each with its own SignalR connection (WebSockets) that calls
/// JoinShow, connected a batch at a time. Like the page, each viewer stands at the last sequence it has:
/// a frame whose <c>after</c> is beyond it (a gap), or an empty catch-up frame (the server dropped the
/// viewer's queue because it fell behind), makes it call JoinShow again with that sequence, and the events
/// answered go to the observer as a resync. <paramref name="resync"/> false (the plain SignalR baseline,
/// which keeps no history): frames are only counted.
/// </summary>
public sealed class ViewerPool(Uri baseUrl, Guid showId, IRoomObserver observer, bool fullParse, bool resync = true) : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    private readonly List<HubConnection?> _connections = [];
    private readonly List<ViewerState> _states = [];
    private int _closed;
    private int _gaps;
    private int _catchUps;
    private int _resyncs;
    private int _resyncFailures;

    public int Connected { get; private set; }

    /// <summary>Frames that left a gap (<c>after</c> beyond the viewer's last sequence).</summary>
    public int Gaps => Volatile.Read(ref _gaps);

    /// <summary>Empty catch-up frames: the server dropped a slow viewer's queue.</summary>
    public int CatchUps => Volatile.Read(ref _catchUps);

    /// <summary>JoinShow resyncs answered (and failed).</summary>
    public (int Answered, int Failed) Resyncs => (Volatile.Read(ref _resyncs), Volatile.Read(ref _resyncFailures));

    public string DescribeResyncs() =>
        $"{Gaps} gap frames, {CatchUps} catch-up frames (queue dropped), {Resyncs.Answered} JoinShow resyncs answered, {Resyncs.Failed} failed";

    /// <summary>Connections the server closed (or that failed) after they had joined.</summary>
    public int Closed => Volatile.Read(ref _closed);

    /// <summary>Connects <paramref name="count"/> more viewers (numbered after those already there); the seconds it took.</summary>
    public async Task<double> ConnectAsync(int count, int batch, CancellationToken cancellationToken)
    {
        var hubUrl = new Uri(baseUrl, HubRoutes.Live);
        var first = _connections.Count;
        var connections = new HubConnection?[count];
        for (var i = 0; i < count; i++)
        {
            _states.Add(new ViewerState());
        }

        var failed = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        var nextReport = TimeSpan.FromSeconds(5);
        var done = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = batch, CancellationToken = cancellationToken }, async (viewer, token) =>
        {
            var state = _states[first + viewer];
            var connection = Build(hubUrl, first + viewer, state);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(ConnectTimeout);
            try
            {
                await connection.StartAsync(timeout.Token);
                var joined = await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), showId, null, timeout.Token);
                state.Joined(LastSequence(joined));
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
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"viewers: {connections.Count(c => c is not null)}/{count} connected and joined in {seconds:0.0} s ({connections.Count(c => c is not null) / seconds:0} /s), {failed} failed{(firstError is null ? "" : $" (first: {firstError})")}");
        return seconds;
    }

    private static long LastSequence(JoinResult joined) =>
        Math.Max(joined.Snapshot?.LastSequence ?? 0, joined.Missed.Count > 0 ? joined.Missed[^1].Sequence : 0);

    /// <summary>A pushed frame: applied, or (gap, catch-up) a resync started, as the page does.</summary>
    private void Receive(int viewer, ViewerState state, HubConnection connection, ScannedFrame frame)
    {
        var at = Stopwatch.GetTimestamp();
        if (!resync)
        {
            observer.OnFrame(viewer, frame, at, resync: false);
            return;
        }

        var catchUp = frame.IsCatchUp && frame.Through > state.Last;
        var gap = frame.After > state.Last;
        if (catchUp)
        {
            Interlocked.Increment(ref _catchUps);
        }
        else if (gap)
        {
            Interlocked.Increment(ref _gaps);
        }
        else
        {
            observer.OnFrame(viewer, frame, at, resync: false);
            state.Advance(frame.Through);
            return;
        }

        // A gap frame is not applied (the page does not either): the resync's answer brings its events.

        if (state.TryBeginResync())
        {
            // Not awaited here: the client runs one handler at a time per connection, and the answer comes through it.
            _ = ResyncAsync(viewer, state, connection);
        }
    }

    private async Task ResyncAsync(int viewer, ViewerState state, HubConnection connection)
    {
        try
        {
            var joined = await connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), showId, state.Last);
            var at = Stopwatch.GetTimestamp();
            var from = joined.Snapshot?.LastSequence ?? state.Last;
            observer.OnFrame(viewer, ScannedFrame.From(from, LastSequence(joined), joined.Missed), at, resync: true);
            state.Advance(LastSequence(joined));
            Interlocked.Increment(ref _resyncs);
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException or IOException)
        {
            Interlocked.Increment(ref _resyncFailures);
        }
        finally
        {
            state.EndResync();
        }
    }

    private HubConnection Build(Uri hubUrl, int viewer, ViewerState state)
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
            connection.On<Guid, RoomFrame>(nameof(ILiveShowClient.RoomEvents), (_, frame) =>
            {
                Receive(viewer, state, connection, ScannedFrame.From(frame));
                return Task.CompletedTask;
            });
            connection.On<RoomStats>(nameof(ILiveShowClient.RoomStats), _ => Task.CompletedTask);
        }
        else
        {
            connection.On(nameof(ILiveShowClient.RoomEvents), [typeof(ScannedFrame)], (arguments, _) =>
            {
                Receive(viewer, state, connection, (ScannedFrame)arguments[0]!);
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
        var joinSeconds = 0.0;
        if (half > 0)
        {
            joinSeconds += await ConnectAsync(half, batch, cancellationToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var middle = server.RssKb();
        var connectedAtMiddle = Connected;
        joinSeconds += await ConnectAsync(count - half, batch, cancellationToken);
        Console.WriteLine($"viewers: all {Connected} joined in {Report.F(joinSeconds)} s of connecting (the two halves, without the pause between them)");
        Console.WriteLine($"  {connecting.Describe()}");

        // Let the server settle (stats push, GC) before reading its memory.
        var idle = new CpuMeter(server);
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var after = server.RssKb();
        Console.WriteLine($"  idle {idle.Describe()}");
        var figures = new MemoryFigures(before, middle, after, connectedAtMiddle, Connected, joinSeconds);
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

/// <summary>Server VmRSS (KB) before the viewers, after the first half, after all; and the seconds spent connecting and joining them.</summary>
public sealed record MemoryFigures(long? Before, long? Middle, long? After, int AtMiddle, int Connected, double JoinSeconds)
{
    /// <summary>(after − before) / connected: the figure of the summary line.</summary>
    public double? KbPerConnection => Before is { } b && After is { } a && Connected > 0 ? (a - b) / (double)Connected : null;

    /// <summary>(after − middle) / (second half): without one-off costs.</summary>
    public double? MarginalKbPerConnection => Middle is { } m && After is { } a && Connected > AtMiddle ? (a - m) / (double)(Connected - AtMiddle) : null;

    public override string ToString() =>
        $"memory: server VmRSS {Before} KB before, {Middle} KB after {AtMiddle} viewers, {After} KB after {Connected} -> " +
        $"{(KbPerConnection is { } kb ? Report.F(kb) : "n/a")} KB per connection; second half alone {(MarginalKbPerConnection is { } m ? Report.F(m) : "n/a")} KB per connection";
}

/// <summary>One viewer's position: the last sequence it has, and whether a resync is under way.</summary>
internal sealed class ViewerState
{
    private long _last;
    private int _resyncing;

    public long Last => Interlocked.Read(ref _last);

    /// <summary>JoinShow answered; a frame (or resync) may have moved it further already.</summary>
    public void Joined(long last) => Advance(last);

    public void Advance(long through)
    {
        var now = Interlocked.Read(ref _last);
        while (through > now)
        {
            var seen = Interlocked.CompareExchange(ref _last, through, now);
            if (seen == now)
            {
                return;
            }

            now = seen;
        }
    }

    public bool TryBeginResync() => Interlocked.CompareExchange(ref _resyncing, 1, 0) == 0;

    public void EndResync() => Volatile.Write(ref _resyncing, 0);
}
