using LiveShop.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LiveShop.Server.Features.Media;

/// <summary>Configuration section <c>Media</c>.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Folder of stored photos, relative to the content root; empty: <c>images</c> in <c>Database:DataDirectory</c>.</summary>
    public string? ImagesDirectory { get; set; }
}

/// <summary>Photos (issue 11): the upload pipeline, the store, and <c>GET /media/images/{id}/{size}.webp</c>. See docs/media-images.md.</summary>
public static class MediaModule
{
    /// <summary>A stored file never changes (its id is new on every upload), so browsers and CDNs keep it for a year.</summary>
    public const string CacheControl = "public, max-age=31536000, immutable";

    public static WebApplicationBuilder AddLiveShopMedia(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section);
        builder.Services.AddSingleton<IImageStore>(sp => new FileSystemImageStore(ImagesDirectory(sp)));
        builder.Services.AddSingleton<ImageProcessor>();
        builder.Services.AddSingleton<StoreImage>();
        return builder;
    }

    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ImageKeys.RoutePrefix + "/{id}/{file}", ServeImageAsync)
            .WithTags("Media").WithName("GetImage")
            .WithSummary("One rendition of a stored photo (large, medium or thumb, WebP), cached for a year.");
        return app;
    }

    /// <summary><c>Media:ImagesDirectory</c>, or <c>images</c> in the data folder, against the content root.</summary>
    internal static string ImagesDirectory(IServiceProvider services)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        var configured = services.GetRequiredService<IOptions<MediaOptions>>().Value.ImagesDirectory;
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, services.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataDirectory, "images")
            : Path.GetFullPath(configured, environment.ContentRootPath);
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> ServeImageAsync(string id, string file, IImageStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (!ImageKeys.TryParse(id, file, out var key, out _))
        {
            return TypedResults.NotFound();
        }

        var stored = await store.OpenAsync(key, cancellationToken);
        if (stored is null)
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = CacheControl;
        context.Response.Headers.XContentTypeOptions = "nosniff";

        // The key names immutable bytes, so it is a strong validator by itself.
        return TypedResults.Stream(stored.Content, stored.ContentType, entityTag: new EntityTagHeaderValue($"\"{key.Replace('/', '-')}\""));
    }
}
