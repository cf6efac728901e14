using LiveShop.Client.Components;

namespace LiveShop.Client.Tests.Components;

public sealed class CountdownTests : BunitTestBase
{
    private IRenderedComponent<Countdown> RenderCountdown(TimeSpan left, TimeSpan clockOffset = default, Action? elapsed = null) =>
        Ctx.Render<Countdown>(p =>
        {
            p.Add(c => c.EndsAt, DeviceNow + left);
            p.Add(c => c.ClockOffset, clockOffset);
            if (elapsed is not null)
            {
                p.Add(c => c.Elapsed, elapsed);
            }
        });

    private static string Text(IRenderedComponent<Countdown> cut) => cut.Find("[data-testid=countdown]").TextContent.Trim();

    private static bool IsUrgent(IRenderedComponent<Countdown> cut) => cut.Find("[data-testid=countdown]").ClassList.Contains("is-urgent");

    [Fact]
    public void Render_NinetySecondsLeftNoOffset_ShowsOneThirty()
    {
        var cut = RenderCountdown(TimeSpan.FromSeconds(90));

        Assert.Equal("1:30", Text(cut));
        Assert.False(IsUrgent(cut));
    }

    [Fact]
    public void Render_ServerClockThirtySecondsAhead_ShowsOneMinute()
    {
        var cut = RenderCountdown(TimeSpan.FromSeconds(90), clockOffset: TimeSpan.FromSeconds(30));

        Assert.Equal("1:00", Text(cut));
    }

    [Fact]
    public void Render_ServerClockBehind_ShowsMoreTime()
    {
        var cut = RenderCountdown(TimeSpan.FromSeconds(90), clockOffset: TimeSpan.FromSeconds(-15));

        Assert.Equal("1:45", Text(cut));
    }

    [Fact]
    public void Render_OffsetEstimatedBehindTheServer_NeverShowsMoreThanTheWholeRun()
    {
        // A 2:00 flash sale that started a moment ago; the device's estimate of the server clock is 1.5 s behind.
        var cut = Ctx.Render<Countdown>(p => p
            .Add(c => c.EndsAt, DeviceNow + TimeSpan.FromSeconds(119.8))
            .Add(c => c.StartsAt, DeviceNow - TimeSpan.FromSeconds(0.2))
            .Add(c => c.ClockOffset, TimeSpan.FromSeconds(-1.5)));

        Assert.Equal("2:00", Text(cut));
    }

    [Theory]
    [InlineData(3600, "1:00:00")]
    [InlineData(3725, "1:02:05")]
    [InlineData(36000 + 59, "10:00:59")]
    [InlineData(3599, "59:59")]
    public void Render_HourOrMore_ShowsHoursMinutesSeconds(int seconds, string expected)
    {
        var cut = RenderCountdown(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, Text(cut));
    }

    [Fact]
    public void Render_PartialSecondLeft_RoundsUp()
    {
        var cut = RenderCountdown(TimeSpan.FromSeconds(89.2));

        Assert.Equal("1:30", Text(cut));
    }

    [Fact]
    public void Render_PastEnd_ShowsZeroAndIsUrgent()
    {
        var cut = RenderCountdown(TimeSpan.FromSeconds(-42));

        Assert.Equal("0:00", Text(cut));
        Assert.True(IsUrgent(cut));
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(3, true)]
    [InlineData(11, false)]
    public void Render_TenSecondsOrLess_IsUrgent(int seconds, bool urgent)
    {
        var cut = RenderCountdown(TimeSpan.FromSeconds(seconds));

        Assert.Equal(urgent, IsUrgent(cut));
    }

    [Fact]
    public void Render_TimePasses_ShowsLessTimeAndTurnsUrgent()
    {
        var cut = RenderCountdown(TimeSpan.FromSeconds(90));

        Clock.Advance(TimeSpan.FromSeconds(30));
        cut.Render();
        Assert.Equal("1:00", Text(cut));
        Assert.False(IsUrgent(cut));

        Clock.Advance(TimeSpan.FromSeconds(52));
        cut.Render();
        Assert.Equal("0:08", Text(cut));
        Assert.True(IsUrgent(cut));
    }

    [Fact]
    public void Tick_TimeRunsOut_RaisesElapsedOnce()
    {
        var elapsed = 0;
        var cut = RenderCountdown(TimeSpan.FromSeconds(5), elapsed: () => elapsed++);
        Assert.Equal(0, elapsed);

        // The component's own timer runs on the injected clock: moving it past the end fires a tick.
        Clock.Advance(TimeSpan.FromSeconds(6));

        cut.WaitForAssertion(() => Assert.Equal(1, elapsed), TimeSpan.FromSeconds(5));
        Assert.Equal("0:00", Text(cut));
        for (var i = 0; i < 3; i++)
        {
            var renders = cut.RenderCount;
            Clock.Advance(TimeSpan.FromMilliseconds(250));
            cut.WaitForState(() => cut.RenderCount > renders, TimeSpan.FromSeconds(5));
        }

        Assert.Equal(1, elapsed);
    }

    [Fact]
    public void Tick_TimeLeft_DoesNotRaiseElapsed()
    {
        var elapsed = 0;
        var cut = RenderCountdown(TimeSpan.FromSeconds(90), elapsed: () => elapsed++);

        for (var i = 0; i < 2; i++)
        {
            var renders = cut.RenderCount;
            Clock.Advance(TimeSpan.FromMilliseconds(250));
            cut.WaitForState(() => cut.RenderCount > renders, TimeSpan.FromSeconds(5));
        }

        Assert.Equal(0, elapsed);
        Assert.Equal("1:30", Text(cut));
    }

    private static string Announcement(IRenderedComponent<Countdown> cut) => cut.Find("[data-testid=countdown-announcement]").TextContent.Trim();

    /// <summary>Moves the fake clock to <paramref name="left"/> before the end and waits for the timer's tick to render.</summary>
    private void AdvanceTo(IRenderedComponent<Countdown> cut, DateTimeOffset endsAt, TimeSpan left)
    {
        var renders = cut.RenderCount;
        Clock.Advance(endsAt - left - Clock.GetUtcNow());
        cut.WaitForState(() => cut.RenderCount > renders, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Tick_CountingDown_AnnouncesOnlyAtOneMinuteThirtyTenAndTheEnd()
    {
        var endsAt = DeviceNow + TimeSpan.FromSeconds(90);
        var cut = RenderCountdown(TimeSpan.FromSeconds(90));
        Assert.Equal("polite", cut.Find("[data-testid=countdown-announcement]").GetAttribute("aria-live"));
        Assert.Equal("off", cut.Find("[data-testid=countdown]").GetAttribute("aria-live"));

        var heard = new List<string>();
        void Listen()
        {
            var said = Announcement(cut);
            if (said.Length > 0 && (heard.Count == 0 || heard[^1] != said))
            {
                heard.Add(said);
            }
        }

        // Second by second, as a person would wait.
        for (var left = 89; left >= 0; left--)
        {
            AdvanceTo(cut, endsAt, TimeSpan.FromSeconds(left));
            Listen();
            if (left == 61)
            {
                Assert.Equal("", Announcement(cut)); // Not a word for the first 29 seconds.
            }
        }

        Assert.Equal(["1 minute left", "30 seconds left", "10 seconds left", "Time is up"], heard);
    }

    [Fact]
    public void Render_LessThanAMinuteLeftAtFirst_SaysNothingUntilTheNextMoment()
    {
        var endsAt = DeviceNow + TimeSpan.FromSeconds(45);
        var cut = RenderCountdown(TimeSpan.FromSeconds(45));

        AdvanceTo(cut, endsAt, TimeSpan.FromSeconds(40));
        Assert.Equal("", Announcement(cut));

        AdvanceTo(cut, endsAt, TimeSpan.FromSeconds(30));
        Assert.Equal("30 seconds left", Announcement(cut));
    }

    [Fact]
    public void Tick_ClockJumpsPastSeveralMoments_AnnouncesOnlyTheLatest()
    {
        var endsAt = DeviceNow + TimeSpan.FromSeconds(90);
        var cut = RenderCountdown(TimeSpan.FromSeconds(90));

        AdvanceTo(cut, endsAt, TimeSpan.FromSeconds(8));

        Assert.Equal("10 seconds left", Announcement(cut));
    }
}
