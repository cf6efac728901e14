using LiveShop.Client.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace LiveShop.Client.Services;

public static class ClientServiceExtensions
{
    /// <summary>Services the interactive pages need; the server registers them too so prerendering can construct the pages.</summary>
    public static IServiceCollection AddLiveShopClient(this IServiceCollection services)
    {
        services.AddMudServices(options =>
        {
            // Bottom left: clear of the header's Go live / End show and of the video's overlays.
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft;
            options.SnackbarConfiguration.VisibleStateDuration = 3000;
            options.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
        });
        services.AddLiveShopLocalization();
        services.AddTransient<MudLocalizer, LiveShopMudLocalizer>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ApiClient>();
        services.AddTransient<LiveShowConnection>();
        services.AddTransient<ILiveShowConnection, LiveShowConnection>();
        services.AddTransient<ISalesFeed, LiveSalesFeed>();
        services.AddTransient<IOrderUpdates, LiveShowConnection>();
        services.AddScoped<CartState>();
        services.AddScoped<ThemeState>();
        services.AddScoped<Video.CameraChannel>();
        services.AddLiveShopPersistentStateJson();
        return services;
    }
}
