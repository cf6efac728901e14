using System.Text.Json.Serialization;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Realtime;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace LiveShop.Server.Hubs;

public static class RealtimeExtensions
{
    public static WebApplicationBuilder AddLiveShopRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DomainExceptionHubFilter>();
        builder.Services.AddSingleton<HubConnectionLimits>();
        // The dispatcher logs every refused call at Error with a stack trace; the filter logs what matters instead.
        builder.Logging.AddFilter(DomainExceptionHubFilter.DispatcherCategory, LogLevel.Critical);
        builder.Services.AddSingleton<UserConnections>();
        builder.Services.AddSingleton<IUserConnections>(sp => sp.GetRequiredService<UserConnections>());
        builder.Services.AddSingleton<ILiveClients, HubLiveClients>();
        // SignalR's in-process manager, telling the room engine of each connection so it can write frames to it directly.
        builder.Services.AddSingleton<HubLifetimeManager<LiveShowHub>, RoomTrackingLifetimeManager<LiveShowHub>>();
        builder.Services.AddSignalR(options =>
        {
            options.AddFilter<DomainExceptionHubFilter>();
            options.MaximumReceiveMessageSize = 32 * 1024;
            options.EnableDetailedErrors = false;
        })
        // Fields that are null are left out: every viewer gets every frame, and most events leave some empty.
        .AddJsonProtocol(o => o.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        return builder;
    }

    public static IEndpointRouteBuilder MapLiveShopHub(this IEndpointRouteBuilder app)
    {
        if (app is IApplicationBuilder pipeline)
        {
            // Before SignalR: connection caps answer 429 at negotiate and at the transport request (see HubConnectionLimits).
            var limits = app.ServiceProvider.GetRequiredService<HubConnectionLimits>();
            pipeline.UseWhen(
                context => context.Request.Path.StartsWithSegments(HubRoutes.Live, StringComparison.OrdinalIgnoreCase),
                hub => hub.Use(next => context => limits.InvokeAsync(context, next)));
        }

        app.MapHub<LiveShowHub>(HubRoutes.Live);
        return app;
    }
}
