namespace LiveShop.Server.Realtime;

/// <summary>How the room engine sends (configuration section <c>Room</c>; docs/big-rooms.md).</summary>
public sealed class RoomOptions
{
    public const string Section = "Room";

    /// <summary>At this many connections in a show's room its chat is sampled for each viewer.</summary>
    public int BigRoomViewers { get; set; } = 500;

    /// <summary>In a big room, at most this many chat lines a second reach a viewer (beyond the ones always sent).</summary>
    public int ChatLinesPerSecond { get; set; } = 10;

    /// <summary>Chat is sent at most once per this many milliseconds per show; everything else leaves at once.</summary>
    public int FrameMilliseconds { get; set; } = 50;

    /// <summary>In a big room, chat alone is sent at most once per this many milliseconds (fewer, fuller frames for thousands of viewers).</summary>
    public int BigRoomFrameMilliseconds { get; set; } = 250;

    /// <summary>Frames queued for one slow connection before it is told to catch up instead.</summary>
    public int MaxQueuedFramesPerConnection { get; set; } = 8;

    /// <summary>A joining page's snapshot may be this old (then caught up by sequence): one snapshot serves a burst of joins.</summary>
    public int SnapshotMaxAgeMilliseconds { get; set; } = 250;
}
