using LiveShop.Server.Features.Common;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace LiveShop.Server.Hubs;

public static class RealtimeExtensions
{
    public static WebApplicationBuilder AddLiveShopRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DomainExceptionHubFilter>();
        builder.Services.AddSingleton<UserConnections>();
        builder.Services.AddSingleton<IUserConnections>(sp => sp.GetRequiredService<UserConnections>());
        builder.Services.AddSignalR(options =>
        {
            options.AddFilter<DomainExceptionHubFilter>();
            options.MaximumReceiveMessageSize = 32 * 1024;
            options.EnableDetailedErrors = false;
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapLiveShopHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveShowHub>(HubRoutes.Live);
        return app;
    }
}
