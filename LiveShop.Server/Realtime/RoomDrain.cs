using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Realtime;

/// <summary>Configuration section <c>Shutdown</c>.</summary>
public sealed class ShutdownOptions
{
    public const string Section = "Shutdown";

    /// <summary>
    /// How long a stopping instance keeps serving before it stops listening: readiness is 503 and live connections
    /// are closed and refused from the first moment, while requests in flight (an order, a payment answer) finish
    /// and the load balancer notices. 0 in Development; set it a little above the load balancer's check interval.
    /// </summary>
    [Range(0, 300)]
    public int DrainSeconds { get; set; }
}

/// <summary>
/// A stopping instance (issue 16) hands its rooms over: from the moment it is asked to stop, it closes every live
/// connection (each client reconnects at once, through the load balancer to another instance, and catches up by
/// sequence) and refuses new ones with 503 <c>server-stopping</c> + Retry-After (see
/// <see cref="Hubs.RealtimeExtensions"/>); <c>/health/ready</c> says 503. Then it keeps serving for
/// <see cref="ShutdownOptions.DrainSeconds"/> — <see cref="StoppingAsync"/> runs before any hosted service stops,
/// the web server included — so orders and payment answers in flight finish and the load balancer sees the instance
/// leave before its port closes. Kestrel then still waits for any request running (HostOptions.ShutdownTimeout).
/// </summary>
public sealed partial class RoomDrain(RoomConnections connections, IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options, ILogger<RoomDrain> logger)
    : IHostedLifecycleService
{
    private CancellationTokenRegistration _registration;
    private int _stopping;

    /// <summary>True once the instance has been asked to stop.</summary>
    public bool Stopping => Volatile.Read(ref _stopping) == 1 || lifetime.ApplicationStopping.IsCancellationRequested;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(Begin);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        Begin();
        var drain = TimeSpan.FromSeconds(options.Value.DrainSeconds);
        if (drain <= TimeSpan.Zero)
        {
            return;
        }

        LogDraining(logger, options.Value.DrainSeconds);
        try
        {
            await Task.Delay(drain, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout came first.
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await _registration.DisposeAsync();

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Once: refuse from now on, and close what is open.</summary>
    private void Begin()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 0)
        {
            LogClosed(logger, connections.CloseAll());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: closed {Count} live connections; new ones are refused.")]
    private static partial void LogClosed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: serving requests in flight for {Seconds} s before the port closes.")]
    private static partial void LogDraining(ILogger logger, int seconds);
}
