using LiveShop.Client.Components.Moderation;
using LiveShop.Shared.Moderation;
using static LiveShop.Client.Tests.TestDoubles.ModerationFixtures;

namespace LiveShop.Client.Tests.Components.Moderation;

/// <summary>The desk's timeouts and bans: a timeout counts down by the server's clock and leaves the list when it runs out.</summary>
public sealed class RestrictionListTests : BunitTestBase
{
    /// <summary>The server's clock is 30 s ahead of the device's.</summary>
    private static readonly TimeSpan Offset = TimeSpan.FromSeconds(30);

    private static readonly DateTimeOffset ServerNow = DeviceNow + Offset;

    private IRenderedComponent<RestrictionList> Render(params RestrictionDto[] restrictions) =>
        Ctx.Render<RestrictionList>(p => p
            .Add(c => c.Restrictions, restrictions)
            .Add(c => c.ClockOffset, Offset)
            .Add(c => c.OnLift, (Guid _) => { }));

    private static IReadOnlyList<string> Lines(IRenderedComponent<RestrictionList> cut) =>
        [.. cut.FindAll("[data-testid=restriction]").Select(e => string.Join(' ', e.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))];

    [Fact]
    public void Timeout_CountsDownByTheServersClock_AndLeavesWhenItRunsOut()
    {
        var cut = Render(
            new RestrictionDto(Bo, "Bo", RestrictionKind.Timeout, ServerNow.AddMinutes(4), "Nikos", ServerNow),
            new RestrictionDto(Ann, "Ann", RestrictionKind.Ban, null, "Nikos", ServerNow.AddMinutes(-1)));

        Assert.Equal(["Bo timed out, 4 min left by Nikos Lift", "Ann banned by Nikos Lift"], Lines(cut));

        Clock.Advance(TimeSpan.FromSeconds(61));
        cut.WaitForAssertion(() => Assert.Equal("Bo timed out, 3 min left by Nikos Lift", Lines(cut)[0]));

        Clock.Advance(TimeSpan.FromSeconds(170));
        cut.WaitForAssertion(() => Assert.Equal("Bo timed out, 9 s left by Nikos Lift", Lines(cut)[0]));

        // Run out by the server's clock: gone, though no push said so. The ban stays.
        Clock.Advance(TimeSpan.FromSeconds(9));
        cut.WaitForAssertion(() => Assert.Equal(["Ann banned by Nikos Lift"], Lines(cut)));
    }

    [Fact]
    public void TimeoutAlreadyOverByTheServersClock_IsNotListed()
    {
        // Still 20 s to go by the device's clock, but the server's is 30 s ahead: over.
        var cut = Render(new RestrictionDto(Bo, "Bo", RestrictionKind.Timeout, DeviceNow.AddSeconds(20), "Nikos", DeviceNow.AddMinutes(-1)));

        Assert.Empty(cut.FindAll("[data-testid=restriction]"));
        Assert.Equal("Nobody is timed out or banned.", cut.Find("[data-testid=restrictions-empty]").TextContent.Trim());
    }
}
