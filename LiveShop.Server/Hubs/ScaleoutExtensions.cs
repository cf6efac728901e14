using LiveShop.Server.Realtime;
using LiveShop.Server.Realtime.Scaleout;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace LiveShop.Server.Hubs;

public static class ScaleoutExtensions
{
    /// <summary>
    /// Several instances (docs/instances.md): with <c>ConnectionStrings:Redis</c> set, SignalR's groups and users span
    /// the instances (its Redis backplane), room events travel between them (<see cref="RoomRelay"/>), room numbers
    /// add up (<see cref="RoomViewerTotals"/>) and sequences come from the database. Without it, one instance as before.
    /// </summary>
    public static WebApplicationBuilder AddLiveShopScaleout(this WebApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetConnectionString(RoomScaleout.RedisConnectionName);
        var shared = !string.IsNullOrWhiteSpace(redis);
        builder.Services.AddSingleton(new RoomScaleout(shared));
        if (!shared)
        {
            return builder;
        }

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(Options(redis!)));
        builder.Services.AddSignalR().AddStackExchangeRedis(o =>
        {
            o.Configuration = Options(redis!);
            o.Configuration.ChannelPrefix = RedisChannel.Literal("liveshop:signalr");
        });

        // Redis's manager for the hub (registered after the in-process one, so it is the one used), with the room
        // engine told of each connection of this instance.
        builder.Services.AddSingleton<HubLifetimeManager<LiveShowHub>>(sp => new RoomTrackingHubLifetimeManager<LiveShowHub>(
            ActivatorUtilities.CreateInstance<RedisHubLifetimeManager<LiveShowHub>>(sp),
            sp.GetRequiredService<RoomConnections>(),
            sp.GetRequiredService<ILogger<RoomTrackingHubLifetimeManager<LiveShowHub>>>()));
        builder.Services.AddSingleton<RoomRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RoomRelay>());
        builder.Services.AddSingleton<RoomViewerTotals>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [Features.Health.HealthEndpoints.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// The connection string's settings, never failing the start for a Redis that is not up yet (the client keeps
    /// trying; rooms catch up from the database meanwhile).
    /// </summary>
    private static ConfigurationOptions Options(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        // While Redis is away a command fails at once instead of queueing; one that hangs gives up after a second
        // (unless the connection string says otherwise): nothing waits long on the backplane.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        if (!connectionString.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.SyncTimeout = 1000;
        }

        if (!connectionString.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.AsyncTimeout = 1000;
        }
        options.ClientName ??= "liveshop";
        return options;
    }
}

/// <summary>
/// Redis answers: <c>Degraded</c>, not <c>Unhealthy</c>, when it does not — an instance without Redis still serves
/// its viewers and orders (rooms catch up from the database every second), and taking every instance out of the
/// load balancer because Redis blinked would turn a blip into an outage (docs/decisions.md).
/// </summary>
internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded());
}
