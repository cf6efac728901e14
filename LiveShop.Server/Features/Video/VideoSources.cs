using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Shows;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Video;

/// <summary>The video sources this deployment offers, and the host changing a show's source before it goes live.</summary>
public sealed class VideoSources(LiveShopDbContext db, RoomWriter writer, IOptions<VideoOptions> video, IOptions<AcsOptions> acs)
{
    public VideoOptionsDto Options() => new(
        acs.Value.IsConfigured,
        acs.Value.IsConfigured ? null : "Azure Communication Services is not set up on this server (Acs:ConnectionString).",
        video.Value.CameraViewerCap,
        video.Value.IceServerDtos());

    /// <summary>Refuses a kind this deployment cannot serve, and a URL where none belongs; returns the URL to store.</summary>
    public string? Validate(VideoSourceKind kind, string? url)
    {
        if (!Enum.IsDefined(kind))
        {
            throw DomainException.Invalid(ProblemCodes.ShowVideoInvalid, "Choose the video source: Camera, Stream URL or Azure Communication Services.");
        }

        if (kind == VideoSourceKind.Acs && !acs.Value.IsConfigured)
        {
            throw DomainException.Invalid(ProblemCodes.VideoSourceUnavailable, "Azure Communication Services is not set up on this server; choose Camera or a Stream URL.");
        }

        if (kind != VideoSourceKind.StreamUrl)
        {
            if (!string.IsNullOrWhiteSpace(url))
            {
                throw DomainException.Invalid(ProblemCodes.ShowVideoInvalid, "Only a Stream URL source takes a URL.");
            }

            return null;
        }

        return ValidStreamUrl(url);
    }

    public async Task<VideoChangedEvent> ChangeAsync(ClaimsPrincipal caller, Guid showId, ChangeVideoSourceRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw DomainException.Invalid(ProblemCodes.ShowVideoInvalid, "Say which video source to use.");
        }

        var url = Validate(request.Kind, request.Url);
        return await writer.WriteAsync(showId, async room =>
        {
            var show = await RoomShows.LoadHostedAsync(db, caller, showId, "change a show's video", cancellationToken);
            show.ChangeVideo(request.Kind, url);
            return room.Emit((seq, at) => new VideoChangedEvent(seq, at, ShowQueries.VideoSource(show)));
        }, cancellationToken);
    }

    /// <summary>An http(s) URL or a path on this site (HLS <c>.m3u8</c>, MP4, WebM); blank means no video yet.</summary>
    public static string? ValidStreamUrl(string? url)
    {
        var trimmed = url?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        var ok = trimmed.Length <= Limits.VideoUrlMaxLength
            && (trimmed.StartsWith('/') && !trimmed.StartsWith("//", StringComparison.Ordinal)
                || Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp));
        if (!ok)
        {
            throw DomainException.Invalid(ProblemCodes.ShowVideoInvalid, "The video must be an http(s) URL or a path on this site, e.g. /media/demo.mp4 or /media/demo/index.m3u8.");
        }

        return trimmed;
    }
}
