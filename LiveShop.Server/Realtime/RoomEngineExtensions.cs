namespace LiveShop.Server.Realtime;

public static class RoomEngineExtensions
{
    /// <summary>The room engine: per-show order and sequence, the event log, fan-out, presence, activity, stats.</summary>
    public static WebApplicationBuilder AddLiveShopRoomEngine(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RoomOptions>(builder.Configuration.GetSection(RoomOptions.Section));
        builder.Services.AddSingleton<RoomSequencer>();
        builder.Services.AddSingleton<RoomConnections>();
        builder.Services.AddSingleton<RoomMembers>();
        builder.Services.AddSingleton<RoomSnapshotCache>();
        builder.Services.AddSingleton<IRoomObserver>(sp => sp.GetRequiredService<RoomSnapshotCache>());
        builder.Services.AddSingleton<KnownShows>();
        builder.Services.AddSingleton<RoomPresence>();
        builder.Services.AddSingleton<RoomActivity>();
        builder.Services.AddSingleton<RoomBroadcaster>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RoomBroadcaster>());
        builder.Services.AddSingleton<RoomStatsPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RoomStatsPublisher>());
        builder.Services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RoomDrain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RoomDrain>());
        builder.Services.AddScoped<RoomWriter>();
        builder.Services.AddScoped<RoomQueries>();
        return builder;
    }
}
