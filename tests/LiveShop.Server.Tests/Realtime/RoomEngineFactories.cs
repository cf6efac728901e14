using LiveShop.Server.Tests.Infrastructure;

namespace LiveShop.Server.Tests.Realtime;

/// <summary>A room is "big" from three connections on, and a big room's viewers get at most two sampled chat lines a second.</summary>
public sealed class BigRoomFactory : SomeLimitsFactory
{
    public const int LinesPerSecond = 2;

    protected override IReadOnlyDictionary<string, string> Limits { get; } = new Dictionary<string, string>
    {
        ["Room:BigRoomViewers"] = "3",
        ["Room:ChatLinesPerSecond"] = LinesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Chat waits out a window of a minute: anything that arrives sooner than that was not held by the chat window.</summary>
public sealed class SlowChatWindowFactory : SomeLimitsFactory
{
    protected override IReadOnlyDictionary<string, string> Limits { get; } = new Dictionary<string, string>
    {
        ["Room:FrameMilliseconds"] = "60000",
    };
}
