namespace LiveShop.Client.Components.Video;

/// <summary>Where an ACS player or studio stands, as Scripts/acs.js reports it (<c>OnAcsState</c>).</summary>
public enum AcsConnectionState
{
    /// <summary>Asking the server for a session, or joining the Room.</summary>
    Connecting,
    /// <summary>In the Room, no video from the host yet.</summary>
    Waiting,
    /// <summary>Video is on screen (viewer) or going out (host).</summary>
    Live,
    Reconnecting,
    /// <summary>The call ended normally.</summary>
    Ended,
    /// <summary>Could not start or lost for good; <c>Reason</c> says why.</summary>
    Error,
}

internal static class AcsScript
{
    /// <summary>The bundled ACS script (Scripts/acs.js, bundled by the build with @azure/communication-calling).</summary>
    public const string Path = "./js/bundles/acs.js";

    public static AcsConnectionState Parse(string state, AcsConnectionState current) => state switch
    {
        "connecting" => AcsConnectionState.Connecting,
        "waiting" => AcsConnectionState.Waiting,
        "live" => AcsConnectionState.Live,
        "reconnecting" => AcsConnectionState.Reconnecting,
        "ended" => AcsConnectionState.Ended,
        "error" => AcsConnectionState.Error,
        _ => current,
    };

    /// <summary>What the script needs: the Room and the token (never logged, never rendered).</summary>
    public static object ForScript(LiveShop.Shared.Video.AcsSessionDto session) => new { roomId = session.RoomId, token = session.Token, expiresOn = session.ExpiresOn };
}
