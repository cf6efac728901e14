using LiveShop.Client.Components;
using LiveShop.Shared.Realtime;

namespace LiveShop.Client.Tests.Components;

public sealed class RoomCountersTests : BunitTestBase
{
    private static string Value(IRenderedComponent<RoomCounters> cut, string testId) => cut.Find($"[data-testid={testId}]").TextContent.Trim();

    [Fact]
    public void Render_Stats_ShowsViewersPeakChatAndHearts()
    {
        var stats = new RoomStats(Guid.NewGuid(), ViewersNow: 42, PeakViewers: 57, ChatPerMinute: 12, ReactionTotal: 900, ServerTime: DeviceNow);

        var cut = Ctx.Render<RoomCounters>(p => p
            .Add(c => c.Stats, stats)
            .Add(c => c.ReactionTotal, 1500L));

        Assert.Equal("42", Value(cut, "stat-viewers"));
        Assert.Equal("57", Value(cut, "stat-peak"));
        Assert.Equal("12", Value(cut, "stat-chat"));
        Assert.Equal("1500", Value(cut, "stat-reactions"));
    }

    [Fact]
    public void Render_NoStats_ShowsZeros()
    {
        var cut = Ctx.Render<RoomCounters>(p => p.Add(c => c.Stats, (RoomStats?)null));

        Assert.Equal("0", Value(cut, "stat-viewers"));
        Assert.Equal("0", Value(cut, "stat-peak"));
        Assert.Equal("0", Value(cut, "stat-chat"));
        Assert.Equal("0", Value(cut, "stat-reactions"));
    }
}
