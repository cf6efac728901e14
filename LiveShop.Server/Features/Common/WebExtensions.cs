using LiveShop.Client.Services;
using LiveShop.Server.Components;
using LiveShop.Server.Features.Security;
using LiveShop.Server.Features.Shows;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Server.Features.Common;

public static class WebExtensions
{
    /// <summary>Blazor (prerendered, WebAssembly-interactive), MudBlazor, ProblemDetails, OpenAPI, the clock.</summary>
    public static WebApplicationBuilder AddLiveShopWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents()
            .AddInteractiveWebAssemblyComponents()
            .AddAuthenticationStateSerialization(options => options.SerializeAllClaims = true);

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemFactory.Customize);
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();

        // A query value that does not bind (?to=yesterday) throws in every environment, so the exception handler
        // answers with the same ProblemDetails naming the parameter (otherwise Production writes a bare 400).
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddLiveShopSecurityOptions();
        builder.AddLiveShopForwardedHeaders();
        builder.AddLiveShopCrossSiteRequests();

        // The client's services, so prerendering can build its pages; reads go straight to the database.
        builder.Services.AddLiveShopClient();
        builder.Services.AddScoped(sp => new HttpClient { BaseAddress = new Uri(sp.GetRequiredService<NavigationManager>().BaseUri) });
        builder.Services.AddScoped<IShowReader, ServerShowReader>();
        return builder;
    }

    /// <summary>The request pipeline. No HTTPS redirection here: TLS ends at the reverse proxy (see README).</summary>
    public static WebApplication UseLiveShopWeb(this WebApplication app)
    {
        // First: the client's address and scheme as the configured proxy saw them, before the rate limiter, HSTS and
        // the auth cookie's Secure flag read them. Then the security headers, on every answer from here on.
        app.UseForwardedHeaders();
        app.UseLiveShopSecurityHeaders();
        Localization.LocalizationExtensions.UseLiveShopLocalization(app);
        if (app.Environment.IsDevelopment())
        {
            app.UseWebAssemblyDebugging();
        }
        else
        {
            app.UseHsts();
        }

        app.UseExceptionHandler();
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseAuthentication();
        app.UseLiveShopCrossSiteRequests();
        app.UseAuthorization();
        Security.RateLimiting.UseLiveShopRateLimits(app);

        // Every browser opening a page gets its visitor id at once, so it counts as one viewer (and
        // keeps its share-link touches) across reloads and reconnects, signed in or not.
        app.UseWhen(IsPage, pages => pages.Use((context, next) =>
        {
            Attribution.VisitorCookie.Ensure(context);
            return next(context);
        }));
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapLiveShopPages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapAntiforgeryEndpoint();

        // The API description: on in Development (and any other non-Production environment), off in Production unless OpenApi:Enabled=true.
        if (app.Configuration.GetValue<bool?>("OpenApi:Enabled") ?? !app.Environment.IsProduction())
        {
            app.MapOpenApi();
        }

        app.MapRazorComponents<App>()
            .AddInteractiveWebAssemblyRenderMode()
            .AddAdditionalAssemblies(typeof(LiveShop.Client.Routes).Assembly);
        return app;
    }

    /// <summary>A page navigation: a GET that is neither the API, the hub, nor a static file.</summary>
    private static bool IsPage(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) && !IsApi(context) && !Path.HasExtension(context.Request.Path.Value)
        && !context.Request.Path.StartsWithSegments("/_framework") && !context.Request.Path.StartsWithSegments("/_content")
        && !Health.HealthEndpoints.IsHealthPath(context.Request.Path) && context.Request.Path != Telemetry.TelemetryModule.MetricsPath;

    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments(HubRoutes.Live);
}
