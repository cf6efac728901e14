using LiveShop.Server.Realtime;

namespace LiveShop.Server.Features.Live;

public static class LiveExtensions
{
    /// <summary>The live room's use cases: joining, pins, flash sales, chat, stock fan-out (the engine is in Realtime).</summary>
    public static WebApplicationBuilder AddLiveShopLive(this WebApplicationBuilder builder)
    {
        builder.AddLiveShopRoomEngine();
        builder.Services.AddSingleton<ChatLimits>();
        builder.Services.AddSingleton<ChatWriteQueue>();
        builder.Services.AddSingleton<FlashSaleBook>();
        builder.Services.AddSingleton<IRoomObserver>(sp => sp.GetRequiredService<FlashSaleBook>());
        builder.Services.AddSingleton<FlashSaleScheduler>();
        builder.Services.AddSingleton<IRoomObserver>(sp => sp.GetRequiredService<FlashSaleScheduler>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FlashSaleScheduler>());
        builder.Services.AddSingleton<StockFanout>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StockFanout>());

        builder.Services.AddScoped<IRoomSnapshotSource, RoomSnapshots>();
        builder.Services.AddScoped<JoinRoom>();
        builder.Services.AddScoped<PinProducts>();
        builder.Services.AddScoped<FlashSales>();
        builder.Services.AddScoped<Chat>();
        builder.Services.AddScoped<ChatHistory>();

        return builder;
    }
}
