using LiveShop.Shared.Shows;

namespace LiveShop.Shared.Video;

/// <summary>The host changes a scheduled show's video source. <see cref="Url"/> only for <see cref="VideoSourceKind.StreamUrl"/>.</summary>
public sealed record ChangeVideoSourceRequest(VideoSourceKind Kind, string? Url);

/// <summary>A STUN or TURN server for WebRTC, as the browser's <c>RTCIceServer</c> wants it.</summary>
public sealed record IceServerDto(IReadOnlyList<string> Urls, string? Username, string? Credential);

/// <summary>
/// What this deployment offers for video: which sources can be chosen (ACS only when configured, with
/// the reason when not), the camera's direct-viewer cap, and the ICE servers for WebRTC.
/// </summary>
public sealed record VideoOptionsDto(
    bool AcsAvailable,
    string? AcsUnavailableReason,
    int CameraViewerCap,
    IReadOnlyList<IceServerDto> IceServers);
