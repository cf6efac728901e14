using LiveShop.Shared.Video;

namespace LiveShop.Server.Features.Video;

/// <summary>
/// <c>Video</c> in configuration: the WebRTC ICE servers (none by default: enough on one machine or a
/// LAN; add a TURN server for viewers on the internet, see the README) and how many viewers one host's
/// browser camera serves directly (it uploads one copy per viewer).
/// </summary>
public sealed class VideoOptions
{
    public const string Section = "Video";

    public List<IceServerOptions> IceServers { get; set; } = [];

    public int CameraViewerCap { get; set; } = 20;

    /// <summary>
    /// A folder served at <c>/streams/</c> without caching, for HLS written on this machine (ffmpeg, a
    /// media server's output). Off (null) by default; the end-to-end tests point it at a temp folder.
    /// </summary>
    public string? LocalStreamsDirectory { get; set; }

    public sealed class IceServerOptions
    {
        public List<string> Urls { get; set; } = [];

        public string? Username { get; set; }

        public string? Credential { get; set; }
    }

    public IReadOnlyList<IceServerDto> IceServerDtos() => [.. IceServers.Select(s => new IceServerDto(s.Urls, s.Username, s.Credential))];
}

/// <summary><c>Acs</c> in configuration: Azure Communication Services, used when <see cref="ConnectionString"/> is set.</summary>
public sealed class AcsOptions
{
    public const string Section = "Acs";

    /// <summary><c>endpoint=https://….communication.azure.com/;accesskey=…</c> — a secret: from user secrets or the environment, never the repo.</summary>
    public string? ConnectionString { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);
}
