using LiveShop.Server.Realtime;
using LiveShop.Server.Realtime.Scaleout;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Azure.SignalR;
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
    /// <summary>Azure SignalR Service's connection string (<c>Endpoint=https://….service.signalr.net;AccessKey=…;Version=1.0;</c>).</summary>
    public const string AzureSignalRSetting = "Azure:SignalR:ConnectionString";

    public static WebApplicationBuilder AddLiveShopScaleout(this WebApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetConnectionString(RoomScaleout.RedisConnectionName);
        var shared = !string.IsNullOrWhiteSpace(redis);
        var azure = builder.Configuration[AzureSignalRSetting];
        builder.Services.AddSingleton(new RoomScaleout(shared));
        builder.Services.AddSingleton(new HubClientMode(Negotiate: !string.IsNullOrWhiteSpace(azure)));
        if (!string.IsNullOrWhiteSpace(azure))
        {
            AddAzureSignalR(builder, azure);
        }

        if (!shared)
        {
            return builder;
        }

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(Options(redis!)));
        if (string.IsNullOrWhiteSpace(azure))
        {
            builder.Services.AddSignalR().AddStackExchangeRedis(o =>
            {
                o.Configuration = Options(redis!);
                o.Configuration.ChannelPrefix = RedisChannel.Literal("liveshop:signalr");
            });

            // Redis's manager for the hub (registered after the in-process one, so it is the one used), with the room
            // engine told of each connection of this instance.
            TrackConnections(builder, sp => ActivatorUtilities.CreateInstance<RedisHubLifetimeManager<LiveShowHub>>(sp));
        }

        builder.Services.AddSingleton<RoomRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RoomRelay>());
        builder.Services.AddSingleton<RoomViewerTotals>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [Features.Health.HealthEndpoints.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Azure SignalR Service carries the phones' connections (audiences beyond what a few boxes hold; docs/deploy.md):
    /// the app's instances keep running the hub and the room engine — each still fans out to the connections the
    /// service routes to it — and pages negotiate, so the service can hand them its address. Room events still travel
    /// between instances over Redis when there are several.
    /// </summary>
    private static void AddAzureSignalR(WebApplicationBuilder builder, string connectionString)
    {
        var before = builder.Services.Count;
        builder.Services.AddSignalR().AddAzureSignalR(o => o.ConnectionString = connectionString);

        // The service's lifetime manager, as the SDK registers it (for every hub), wrapped so the room engine is told of each connection.
        var registered = builder.Services.Skip(before).Where(d => d.ServiceType == typeof(HubLifetimeManager<>) && d.ImplementationType is not null).ToList();
        if (registered.Count != 1)
        {
            throw new InvalidOperationException($"Microsoft.Azure.SignalR registered {registered.Count} hub lifetime managers by type; LiveShop expects one to wrap (check the SDK version).");
        }

        var manager = registered[0].ImplementationType!.MakeGenericType(typeof(LiveShowHub));
        TrackConnections(builder, sp => (HubLifetimeManager<LiveShowHub>)ActivatorUtilities.CreateInstance(sp, manager));
    }

    private static void TrackConnections(WebApplicationBuilder builder, Func<IServiceProvider, HubLifetimeManager<LiveShowHub>> inner) =>
        builder.Services.AddSingleton<HubLifetimeManager<LiveShowHub>>(sp => new RoomTrackingHubLifetimeManager<LiveShowHub>(
            inner(sp),
            sp.GetRequiredService<RoomConnections>(),
            sp.GetRequiredService<ILogger<RoomTrackingHubLifetimeManager<LiveShowHub>>>()));

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
/// <summary>How the app's pages open the live hub: straight to WebSockets (behind nginx), or negotiating first (Azure SignalR Service).</summary>
public sealed record HubClientMode(bool Negotiate);

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded());
}
