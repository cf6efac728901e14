namespace LiveShop.Shared.Video;

/// <summary>
/// Limits on the camera's WebRTC signalling, enforced by the server on every message (see docs/camera.md).
/// </summary>
public static class CameraLimits
{
    /// <summary>An offer or answer SDP: a camera + microphone session is 3–6 KB; 16 KB leaves room for many codecs.</summary>
    public const int SdpMaxLength = 16 * 1024;

    /// <summary>One ICE candidate line (a few hundred bytes in practice).</summary>
    public const int CandidateMaxLength = 1024;

    /// <summary>The <c>sdpMid</c> of a candidate.</summary>
    public const int SdpMidMaxLength = 64;
}

/// <summary>An ICE candidate as the browser's <c>RTCIceCandidateInit</c> carries it.</summary>
public sealed record CameraIceCandidateDto(string Candidate, string? SdpMid, int? SdpMLineIndex);

/// <summary>What the host's console knows about its camera after <c>StartCamera</c>, and pushed on every change.</summary>
/// <param name="ShowId">The show.</param>
/// <param name="DirectViewers">Viewers receiving (or connecting to) the host's camera directly now.</param>
/// <param name="Cap">How many direct viewers one host's camera serves (<c>Video:CameraViewerCap</c>).</param>
/// <param name="Refused">Viewers turned away because the cap was reached, since the camera started.</param>
public sealed record CameraViewersDto(Guid ShowId, int DirectViewers, int Cap, int Refused)
{
    public bool CapReached => DirectViewers >= Cap || Refused > 0;
}
