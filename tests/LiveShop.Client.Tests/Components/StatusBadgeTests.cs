using LiveShop.Client.Components;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests.Components;

public sealed class StatusBadgeTests : BunitTestBase
{
    // An explicit non-UTC offset, so the badge has to convert it to the viewer's local time.
    private static readonly DateTimeOffset Start = new(2025, 3, 14, 19, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Render_Live_ShowsLiveTextStatusAndLiveClass()
    {
        var cut = Ctx.Render<StatusBadge>(p => p.Add(b => b.Status, ShowStatus.Live));

        var badge = cut.Find("[data-testid=status-badge]");
        Assert.Equal("LIVE", badge.TextContent.Trim());
        Assert.Equal("Live", badge.GetAttribute("data-status"));
        Assert.Contains("ls-status--live", badge.ClassList);
    }

    [Fact]
    public void Render_ScheduledWithStart_ShowsStartInLocalTime()
    {
        var cut = Ctx.Render<StatusBadge>(p => p
            .Add(b => b.Status, ShowStatus.Scheduled)
            .Add(b => b.ScheduledStart, Start));

        var expected = $"Starts {Start.ToLocalTime():ddd d MMM, HH:mm}";
        var badge = cut.Find("[data-testid=status-badge]");
        Assert.Equal(expected, badge.TextContent.Trim());
        Assert.Equal("Scheduled", badge.GetAttribute("data-status"));
        Assert.Contains("ls-status--scheduled", badge.ClassList);
    }

    [Fact]
    public void Render_Ended_ShowsEnded()
    {
        var cut = Ctx.Render<StatusBadge>(p => p
            .Add(b => b.Status, ShowStatus.Ended)
            .Add(b => b.ScheduledStart, Start));

        var badge = cut.Find("[data-testid=status-badge]");
        Assert.Equal("Ended", badge.TextContent.Trim());
        Assert.Equal("Ended", badge.GetAttribute("data-status"));
        Assert.DoesNotContain("ls-status--live", badge.ClassList);
    }

    [Fact]
    public void Render_StatusChangesFromScheduledToLive_ShowsLive()
    {
        var cut = Ctx.Render<StatusBadge>(p => p
            .Add(b => b.Status, ShowStatus.Scheduled)
            .Add(b => b.ScheduledStart, Start));
        Assert.StartsWith("Starts ", cut.Find("[data-testid=status-badge]").TextContent.Trim(), StringComparison.Ordinal);

        cut.Render(p => p.Add(b => b.Status, ShowStatus.Live));

        var badge = cut.Find("[data-testid=status-badge]");
        Assert.Equal("LIVE", badge.TextContent.Trim());
        Assert.Equal("Live", badge.GetAttribute("data-status"));
        Assert.Contains("ls-status--live", badge.ClassList);
    }
}
