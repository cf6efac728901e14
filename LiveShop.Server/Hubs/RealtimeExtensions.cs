using System.Text.Json.Serialization;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;

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
        // SignalR's in-process manager, telling the room engine of each connection so it can write frames to it directly
        // (with several instances AddLiveShopScaleout puts Redis's in its place).
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
            var drain = app.ServiceProvider.GetRequiredService<RoomDrain>();
            pipeline.UseWhen(
                context => context.Request.Path.StartsWithSegments(HubRoutes.Live, StringComparison.OrdinalIgnoreCase),
                hub => hub.Use(next => context => drain.Stopping ? RefuseStoppingAsync(context) : limits.InvokeAsync(context, next)));
        }

        app.MapHub<LiveShowHub>(HubRoutes.Live);
        return app;
    }

    /// <summary>
    /// A stopping instance takes no new live connection: 503 <c>server-stopping</c>, Retry-After 1 s. The client's
    /// reconnect tries again; behind a load balancer that is another instance (nginx: <c>proxy_next_upstream</c>).
    /// </summary>
    private static async Task RefuseStoppingAsync(HttpContext context)
    {
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<Resources.ServerText>>()["This server is restarting. Reconnecting you in a moment."];
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = ProblemFactory.Create(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServerStopping, text.Value),
        });
    }
}
