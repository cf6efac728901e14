using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Video;

/// <summary>
/// <c>GET /streams/{path}</c>: files of <see cref="VideoOptions.LocalStreamsDirectory"/>, when it is set —
/// a live HLS playlist and its segments written on this machine. Never cached: a live playlist changes
/// every segment. Paths outside the folder are not found.
/// </summary>
public static class LocalStreams
{
    public const string RoutePrefix = "/streams";

    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    public static IEndpointRouteBuilder MapLocalStreams(this IEndpointRouteBuilder app)
    {
        var directory = app.ServiceProvider.GetRequiredService<IOptions<VideoOptions>>().Value.LocalStreamsDirectory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            return app;
        }

        Directory.CreateDirectory(directory);
        var files = new PhysicalFileProvider(Path.GetFullPath(directory));
        app.MapGet(RoutePrefix + "/{**path}", (string path, HttpContext context) => Serve(files, path, context))
            .WithTags("Video").WithName("LocalStreams").WithSummary("HLS written on this machine (Video:LocalStreamsDirectory), not cached.")
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(PhysicalFileProvider files, string path, HttpContext context)
    {
        var file = files.GetFileInfo(path);
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null || !ContentTypes.TryGetContentType(path, out var contentType))
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.PhysicalFile(file.PhysicalPath, contentType, enableRangeProcessing: true);
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".m3u8"] = "application/vnd.apple.mpegurl";
        provider.Mappings[".ts"] = "video/mp2t";
        provider.Mappings[".m4s"] = "video/iso.segment";
        provider.Mappings[".aac"] = "audio/aac";
        return provider;
    }
}
