namespace LiveShop.Server.Features.Live;

public static class LiveExtensions
{
    /// <summary>The live room: sequencing, coalesced fan-out, presence, pins, flash sales, chat, reactions.</summary>
    public static WebApplicationBuilder AddLiveShopLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RoomSequencer>();
        builder.Services.AddSingleton<KnownShows>();
        builder.Services.AddSingleton<ChatLimits>();
        builder.Services.AddSingleton<RoomPresence>();
        builder.Services.AddSingleton<RoomActivity>();
        builder.Services.AddSingleton<RoomBroadcaster>();
        builder.Services.AddSingleton<FlashSaleBook>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RoomBroadcaster>());
        builder.Services.AddSingleton<FlashSaleScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FlashSaleScheduler>());
        builder.Services.AddSingleton<StockFanout>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StockFanout>());
        builder.Services.AddSingleton<RoomStatsPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RoomStatsPublisher>());

        builder.Services.AddScoped<RoomWriter>();
        builder.Services.AddScoped<RoomQueries>();
        builder.Services.AddScoped<PinProducts>();
        builder.Services.AddScoped<FlashSales>();
        builder.Services.AddScoped<Chat>();
        return builder;
    }
}
