using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Realtime;
using LiveShop.Server.Realtime.Scaleout;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Video;

/// <summary>
/// The hub as the signalling channel of the host's browser camera: relays offers, answers and ICE
/// candidates only between the show's camera connection (its host's console, after
/// <see cref="StartAsync"/>) and the viewers of that show who asked for it, within the direct-viewer cap.
/// Every message is checked against <see cref="ICameraSessions"/> before anything is sent or changed;
/// a refusal is a <see cref="DomainException"/> ("[code] sentence" to the caller). The media never
/// passes through the server.
/// </summary>
public sealed class CameraSignalling(
    LiveShopDbContext db,
    RoomPresence presence,
    ICameraSessions sessions,
    IOptions<VideoOptions> options,
    ILiveClients clients)
{
    public async Task<CameraViewersDto> StartAsync(ClaimsPrincipal caller, Guid showId, string connectionId, CancellationToken cancellationToken)
    {
        var show = await Live.RoomShows.LoadHostedAsync(db, caller, showId, "send a show's camera", cancellationToken);

        RequireCameraShow(show.VideoKind);
        if (show.Status == ShowStatus.Ended)
        {
            throw DomainException.Conflict(ProblemCodes.ShowEnded, "This show has ended; its camera cannot start again.");
        }

        if (!presence.IsIn(showId, connectionId))
        {
            throw DomainException.Conflict(ProblemCodes.CameraNotInRoom, "Open the show's console (join its room) before starting the camera.");
        }

        var (replaced, viewers) = await sessions.StartAsync(showId, connectionId, options.Value.CameraViewerCap);
        if (replaced is not null)
        {
            await clients.Connection(replaced).CameraPaused(showId);
        }

        // Viewers of the earlier camera (this host's reloaded page, another window) ask again.
        await clients.RoomExcept(showId, connectionId).CameraAvailable(showId);
        return viewers;
    }

    public async Task StopAsync(Guid showId, string connectionId)
    {
        var viewers = await sessions.StopAsync(showId, connectionId)
            ?? throw DomainException.Conflict(ProblemCodes.CameraNotStarted, "This window is not sending the show's camera.");
        if (viewers.Count > 0)
        {
            await clients.Connections(viewers).CameraPaused(showId);
        }
    }

    public async Task RequestAsync(Guid showId, string connectionId, CancellationToken cancellationToken)
    {
        if (!presence.IsIn(showId, connectionId))
        {
            throw DomainException.Conflict(ProblemCodes.CameraNotInRoom, "Join the show before asking for its video.");
        }

        var show = await db.Shows.AsNoTracking().Where(s => s.Id == showId).Select(s => new { s.VideoKind, s.Status }).SingleOrDefaultAsync(cancellationToken)
            ?? throw DomainException.ShowNotFound();
        RequireCameraShow(show.VideoKind);
        if (show.Status != ShowStatus.Live)
        {
            throw DomainException.Conflict(ProblemCodes.ShowNotLive, "The host's camera reaches viewers once the show is live.");
        }

        var (outcome, host, viewers, freed) = await sessions.RequestAsync(showId, connectionId);
        foreach (var gone in freed)
        {
            // Viewers whose instance died: their places were freed; the camera closes their peers.
            await clients.Connection(host!).CameraViewerLeft(showId, gone);
        }

        switch (outcome)
        {
            case CameraRequestOutcome.Accepted:
                await clients.Connection(host!).CameraViewerRequested(showId, connectionId);
                await clients.Connection(host!).CameraViewers(viewers!);
                return;
            case CameraRequestOutcome.NotStarted:
                throw DomainException.Conflict(ProblemCodes.CameraNotStarted, "The host's camera is not on yet: the video appears here as soon as it starts.");
            case CameraRequestOutcome.IsTheCamera:
                throw DomainException.Conflict(ProblemCodes.CameraPeerUnknown, "This window is the show's camera; it cannot watch itself.");
            case CameraRequestOutcome.CapReached:
                await clients.Connection(host!).CameraViewers(viewers!);
                throw viewers!.Cap == 1
                    ? DomainException.Conflict(ProblemCodes.CameraViewerCapReached,
                        "The host's camera already reaches 1 viewer directly, as many as it can. Chat and shop meanwhile: the video starts when a place frees up, or when the host switches to a stream URL or Azure Communication Services.")
                    : DomainException.Conflict(ProblemCodes.CameraViewerCapReached,
                        "The host's camera already reaches {0} viewers directly, as many as it can. Chat and shop meanwhile: the video starts when a place frees up, or when the host switches to a stream URL or Azure Communication Services.", viewers.Cap);
        }
    }

    public async Task OfferAsync(Guid showId, string connectionId, string? viewerConnectionId, string? sdp)
    {
        if (await sessions.CameraOfAsync(showId) != connectionId)
        {
            throw DomainException.Forbidden(ProblemCodes.NotShowHost, "Only the show's camera (its host's console, once started) can send an offer.");
        }

        RequireSdp(sdp, "offer");
        if (string.IsNullOrEmpty(viewerConnectionId) || !await sessions.AdvanceAsync(showId, connectionId, viewerConnectionId, CameraStage.Offered))
        {
            throw UnknownViewer();
        }

        await clients.Connection(viewerConnectionId).CameraOffer(showId, sdp!);
    }

    public async Task AnswerAsync(Guid showId, string connectionId, string? sdp)
    {
        var host = await sessions.CameraOfAsync(showId);
        if (host is null || await sessions.StageOfAsync(showId, connectionId) is not (CameraStage.Offered or CameraStage.Answered))
        {
            throw DomainException.Forbidden(ProblemCodes.CameraPeerUnknown, "There is no camera offer for you to answer in this show; ask for the camera first.");
        }

        RequireSdp(sdp, "answer");
        if (!await sessions.AdvanceAsync(showId, host, connectionId, CameraStage.Answered))
        {
            throw DomainException.Conflict(ProblemCodes.CameraNotStarted, "The host's camera stopped meanwhile; it is asked for again when it restarts.");
        }

        await clients.Connection(host).CameraAnswer(showId, connectionId, sdp!);
    }

    public async Task IceCandidateAsync(Guid showId, string connectionId, string? targetConnectionId, CameraIceCandidateDto? candidate)
    {
        var host = await sessions.CameraOfAsync(showId);
        if (host is not null && host == connectionId)
        {
            RequireCandidate(candidate);
            if (string.IsNullOrEmpty(targetConnectionId) || await sessions.StageOfAsync(showId, targetConnectionId) is null)
            {
                throw UnknownViewer();
            }

            await RequireBudgetAsync(showId, targetConnectionId);
            await clients.Connection(targetConnectionId).CameraIceCandidate(showId, null, candidate!);
            return;
        }

        if (targetConnectionId is not null)
        {
            throw DomainException.Forbidden(ProblemCodes.CameraPeerUnknown, "Only the show's camera sends candidates to a named viewer; viewers send theirs to the host.");
        }

        if (host is null || await sessions.StageOfAsync(showId, connectionId) is null)
        {
            throw DomainException.Forbidden(ProblemCodes.CameraPeerUnknown, "Ask for the host's camera before sending it candidates.");
        }

        RequireCandidate(candidate);
        await RequireBudgetAsync(showId, connectionId);
        await clients.Connection(host).CameraIceCandidate(showId, connectionId, candidate!);
    }

    /// <summary>The connection left a show (or all: disconnected): a camera pauses for its viewers, a viewer frees its place.</summary>
    public async Task LeftAsync(string connectionId, Guid? showId = null)
    {
        foreach (var departure in await sessions.LeaveAsync(connectionId, showId))
        {
            if (departure.Host is { } host)
            {
                await clients.Connection(host).CameraViewerLeft(departure.ShowId, connectionId);
                await clients.Connection(host).CameraViewers(departure.Viewers!);
            }
            else if (departure.PausedViewers.Count > 0)
            {
                await clients.Connections(departure.PausedViewers).CameraPaused(departure.ShowId);
            }
        }
    }

    private static void RequireCameraShow(VideoSourceKind kind)
    {
        if (kind != VideoSourceKind.Camera)
        {
            throw DomainException.Conflict(ProblemCodes.CameraNotCameraShow, "This show's video does not come from the host's camera; its host can choose Camera as the video source before going live.");
        }
    }

    private static void RequireSdp(string? sdp, Phrase what)
    {
        if (string.IsNullOrWhiteSpace(sdp) || !sdp.StartsWith("v=0", StringComparison.Ordinal))
        {
            throw DomainException.Invalid(ProblemCodes.CameraSignalInvalid, "The {0} is empty or not a session description.", what);
        }

        if (sdp.Length > CameraLimits.SdpMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.CameraSignalInvalid, "The {0} is longer than {1} KB.", what, CameraLimits.SdpMaxLength / 1024);
        }
    }

    private static void RequireCandidate(CameraIceCandidateDto? candidate)
    {
        if (candidate is null || string.IsNullOrWhiteSpace(candidate.Candidate))
        {
            throw DomainException.Invalid(ProblemCodes.CameraSignalInvalid, "The ICE candidate is empty.");
        }

        if (candidate.Candidate.Length > CameraLimits.CandidateMaxLength || candidate.SdpMid?.Length > CameraLimits.SdpMidMaxLength || candidate.SdpMLineIndex is < 0 or > 64)
        {
            throw DomainException.Invalid(ProblemCodes.CameraSignalInvalid, "The ICE candidate is longer than {0} bytes or malformed.", CameraLimits.CandidateMaxLength);
        }
    }

    private async Task RequireBudgetAsync(Guid showId, string viewerConnectionId)
    {
        if (!await sessions.SpendCandidateAsync(showId, viewerConnectionId))
        {
            throw DomainException.Invalid(ProblemCodes.CameraSignalInvalid, "This camera session has sent its {0} ICE candidates; ask for the camera again to start over.", ICameraSessions.CandidateBudget);
        }
    }

    private static DomainException UnknownViewer() =>
        DomainException.NotFound(ProblemCodes.CameraPeerUnknown, "That connection is not a viewer waiting for this show's camera (it left, or never asked).");
}

public static class CameraExtensions
{
    /// <summary>
    /// The camera relay: its sessions (in memory for one process; in Redis when the rooms are shared across instances,
    /// <c>ConnectionStrings:Redis</c>) and the signalling use case.
    /// </summary>
    public static IServiceCollection AddLiveShopCamera(this IServiceCollection services)
    {
        services.AddSingleton<ICameraSessions>(sp => sp.GetRequiredService<RoomScaleout>().Shared
            ? ActivatorUtilities.CreateInstance<SharedCameraSessions>(sp)
            : new CameraSessions());
        services.AddScoped<CameraSignalling>();
        return services;
    }
}
