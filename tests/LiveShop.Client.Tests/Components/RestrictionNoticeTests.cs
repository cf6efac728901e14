using LiveShop.Client.Components;
using LiveShop.Shared.Moderation;
using static LiveShop.Client.Tests.TestDoubles.ModerationFixtures;

namespace LiveShop.Client.Tests.Components;

public sealed class RestrictionNoticeTests : BunitTestBase
{
    private static string Text(IRenderedComponent<RestrictionNotice> cut) =>
        string.Join(' ', cut.Find("[data-testid=restriction-notice]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Timeout_SaysUntilWhenOnTheDevicesClockAndHowLong()
    {
        Clock.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("Taipei", TimeSpan.FromHours(8), "Taipei", "Taipei"));
        var offset = TimeSpan.FromSeconds(30);
        var until = DeviceNow + offset + TimeSpan.FromMinutes(8.5);

        var cut = Ctx.Render<RestrictionNotice>(p => p
            .Add(n => n.Notice, new RestrictionNoticeDto(ShowId, RestrictionKind.Timeout, until))
            .Add(n => n.ClockOffset, offset));

        // 11:38:30 UTC on the device's clock is 19:38:30 in Taipei.
        Assert.Equal("You're timed out until 19:38:30 (in 9 min).", Text(cut));
    }

    [Fact]
    public void Ban_SaysBanned()
    {
        var cut = Ctx.Render<RestrictionNotice>(p => p.Add(n => n.Notice, new RestrictionNoticeDto(ShowId, RestrictionKind.Ban, null)));

        Assert.Equal("You've been banned from this show's chat.", Text(cut));
    }

    [Fact]
    public void Timeout_RunsOut_RaisesExpiredOnce()
    {
        var expired = 0;
        var cut = Ctx.Render<RestrictionNotice>(p => p
            .Add(n => n.Notice, new RestrictionNoticeDto(ShowId, RestrictionKind.Timeout, DeviceNow.AddSeconds(10)))
            .Add(n => n.Expired, () => expired++));

        Clock.Advance(TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Equal("You're timed out until 11:30:10 (in 5 s).", Text(cut)));
        Assert.Equal(0, expired);

        Clock.Advance(TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Equal(1, expired));
        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, expired);
    }
}
