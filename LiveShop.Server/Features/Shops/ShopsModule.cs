using Microsoft.AspNetCore.Identity;

namespace LiveShop.Server.Features.Shops;

/// <summary>Shops and their teams, the first-run setup, and the administrator's API.</summary>
public static class ShopsModule
{
    public static WebApplicationBuilder AddLiveShopShops(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ShopAccess>();
        builder.Services.AddScoped<Shops>();
        builder.Services.AddScoped<Team>();
        builder.Services.AddScoped<Administration>();
        builder.Services.AddSingleton<Setup>();

        // Suspensions and role changes reach signed-in browsers within a minute (Identity re-reads the
        // account's security stamp this often); live hub connections are closed at once.
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        return builder;
    }

    public static IEndpointRouteBuilder MapShopsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapShopEndpoints();
        app.MapTeamEndpoints();
        app.MapPlatformEndpoints();
        return app;
    }

    /// <summary>At start, after the database is ready: the first-run setup token, if no administrator exists yet.</summary>
    public static Task PrepareLiveShopSetupAsync(this WebApplication app) =>
        app.Services.GetRequiredService<Setup>().PrepareAsync(app.Lifetime.ApplicationStopping);
}
