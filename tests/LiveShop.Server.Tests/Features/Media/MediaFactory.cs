using LiveShop.Server.Features.Media;
using LiveShop.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Media;

/// <summary>
/// The app plus a test-only upload endpoint, as a product endpoint will use the pipeline: an
/// <see cref="IFormFile"/> with <see cref="ImageUploads.AcceptsImageUpload"/> handed to
/// <see cref="StoreImage"/>. It sits in a branch with the app's own exception and status-code
/// handling, so refusals come back exactly as the app writes them. Production code maps no such endpoint.
/// </summary>
public class MediaFactory : LiveShopFactory
{
    public const string UploadPath = "/test-only/media/upload";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, UploadEndpoint>());
    }

    private sealed class UploadEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.MapWhen(context => context.Request.Path == UploadPath, branch =>
            {
                branch.UseExceptionHandler();
                branch.UseStatusCodePages();
                branch.UseRouting();
                branch.UseEndpoints(endpoints => endpoints
                    .MapPost(UploadPath, async (IFormFile photo, StoreImage images, CancellationToken cancellationToken) =>
                        TypedResults.Ok(await images.StoreAsync(photo, cancellationToken)))
                    .AcceptsImageUpload()
                    .DisableAntiforgery());
            });
            next(app);
        };
    }
}

/// <summary>The same in Production, where the framework sets 413 instead of throwing.</summary>
public sealed class ProductionMediaFactory : MediaFactory
{
    protected override string Environment => "Production";
}
