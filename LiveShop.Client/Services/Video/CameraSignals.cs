using LiveShop.Shared.Video;

namespace LiveShop.Client.Services.Video;

/// <summary>What a camera push is about (see <c>ILiveShowClient</c>'s camera methods).</summary>
public enum CameraSignalKind
{
    /// <summary>The host's camera (re)started: request it.</summary>
    Available,
    /// <summary>The camera stopped, or (to a camera window) another window took over.</summary>
    Paused,
    /// <summary>To the camera: a viewer asked (<see cref="CameraSignal.ConnectionId"/>); offer to it.</summary>
    ViewerRequested,
    /// <summary>To the camera: a viewer left; close its peer.</summary>
    ViewerLeft,
    /// <summary>To the camera: the direct-viewer counts.</summary>
    Viewers,
    /// <summary>To a viewer: the host's offer.</summary>
    Offer,
    /// <summary>To the camera: a viewer's answer.</summary>
    Answer,
    /// <summary>An ICE candidate (from a viewer when <see cref="CameraSignal.ConnectionId"/> is set).</summary>
    IceCandidate,
    /// <summary>The page's connection (re)joined the room, with a new connection id after a reconnect: start or request again.</summary>
    Rejoined,
}

/// <summary>One camera push for the joined show.</summary>
public sealed record CameraSignal(CameraSignalKind Kind, string? ConnectionId = null, string? Sdp = null, CameraIceCandidateDto? Candidate = null, CameraViewersDto? Viewers = null);

/// <summary>
/// The camera's signalling over the page's live connection (implemented by <see cref="LiveShowConnection"/>),
/// for the host's <c>CameraStudio</c> and the viewer's <c>CameraPlayer</c>. Acts on the joined show;
/// refusals arrive as <c>HubException</c> ("[code] sentence").
/// </summary>
public interface ICameraSignalling
{
    /// <summary>The joined show.</summary>
    Guid ShowId { get; }

    /// <summary>The connection's id on the server: a new one after a reconnect (sessions of the old one are gone).</summary>
    string? ConnectionId { get; }

    /// <summary>Camera pushes about the joined show, and <see cref="CameraSignalKind.Rejoined"/> after every (re)join.</summary>
    event Func<CameraSignal, Task>? CameraSignal;

    Task<CameraViewersDto> StartCameraAsync();

    Task StopCameraAsync();

    Task RequestCameraAsync();

    Task SendCameraOfferAsync(string viewerConnectionId, string sdp);

    Task SendCameraAnswerAsync(string sdp);

    Task SendIceCandidateAsync(string? targetConnectionId, CameraIceCandidateDto candidate);
}

/// <summary>
/// The page's camera signalling, for components deep inside it (the viewer's camera sits inside the video
/// player, which knows nothing of the connection): the page's <see cref="LiveShowConnection"/> attaches
/// itself once joined and detaches when disposed. One page at a time, as in the browser.
/// </summary>
public sealed class CameraChannel
{
    public ICameraSignalling? Current { get; private set; }

    /// <summary>The camera studio of the host's console is on this page: the player inside it does not request the camera from itself.</summary>
    public bool StudioOnPage { get; set; }

    /// <summary>A connection attached (or detached).</summary>
    public event Func<Task>? Changed;

    public Task AttachAsync(ICameraSignalling signalling)
    {
        if (ReferenceEquals(Current, signalling))
        {
            return Task.CompletedTask;
        }

        Current = signalling;
        return RaiseAsync();
    }

    public Task DetachAsync(ICameraSignalling signalling)
    {
        if (!ReferenceEquals(Current, signalling))
        {
            return Task.CompletedTask;
        }

        Current = null;
        return RaiseAsync();
    }

    private async Task RaiseAsync()
    {
        foreach (var handler in Changed?.GetInvocationList().Cast<Func<Task>>() ?? [])
        {
            await handler();
        }
    }
}
