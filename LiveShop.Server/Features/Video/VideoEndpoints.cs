using System.Security.Claims;
using LiveShop.Server.Features.Video.Acs;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Video;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Server.Features.Video;

public static class VideoEndpoints
{
    public static IEndpointRouteBuilder MapVideoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.VideoOptions, (VideoSources sources) => TypedResults.Ok(sources.Options()))
            .WithTags("Video").WithName("VideoOptions").WithSummary("Which video sources this server offers, the camera's viewer cap and the ICE servers.");
        app.MapPut(ApiRoutes.Shows + "/{id:guid}/video", ChangeAsync)
            .WithTags("Video").WithName("ChangeVideoSource").WithSummary("The show's host changes its video source (before it goes live).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapLocalStreams();
        return app;
    }

    private static async Task<Ok<VideoChangedEvent>> ChangeAsync(Guid id, ChangeVideoSourceRequest request, ClaimsPrincipal user, VideoSources sources, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sources.ChangeAsync(user, id, request, cancellationToken));
}

public static class VideoExtensions
{
    /// <summary>Video sources: options, the host's change of source, (and the camera relay and ACS as they come).</summary>
    public static WebApplicationBuilder AddLiveShopVideo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<VideoOptions>().Bind(builder.Configuration.GetSection(VideoOptions.Section))
            .Validate(o => o.CameraViewerCap is >= 1 and <= 1000, "Video:CameraViewerCap is from 1 to 1000.")
            .Validate(o => o.IceServers.All(s => s.Urls.Count > 0), "Every Video:IceServers entry needs Urls.")
            .ValidateOnStart();
        builder.Services.AddOptions<AcsOptions>().Bind(builder.Configuration.GetSection(AcsOptions.Section));
        builder.Services.AddScoped<VideoSources>();
        builder.Services.AddLiveShopAcs();
        builder.Services.AddLiveShopCamera();
        return builder;
    }
}
