using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Shows;
using LiveShop.Shared;
using LiveShop.Shared.Shows;

namespace LiveShop.Server.Tests.Features.Shows;

public class ShowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private static Show NewShow() =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Tea night", "", T0.AddHours(2), Currencies.Twd, VideoSourceKind.StreamUrl, null, T0);

    [Fact]
    public void GoLive_Scheduled_BecomesLiveWithTime()
    {
        var show = NewShow();

        show.GoLive(T0.AddHours(2));

        Assert.Equal(ShowStatus.Live, show.Status);
        Assert.Equal(T0.AddHours(2), show.WentLiveAt);
        Assert.Null(show.EndedAt);
    }

    [Fact]
    public void GoLive_AlreadyLive_RefusedAndUnchanged()
    {
        var show = NewShow();
        show.GoLive(T0);

        var refusal = Assert.Throws<DomainException>(() => show.GoLive(T0.AddMinutes(5)));

        Assert.Equal(ProblemCodes.ShowAlreadyLive, refusal.Code);
        Assert.Equal(RefusalKind.Conflict, refusal.Kind);
        Assert.Contains("already live", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(T0, show.WentLiveAt);
    }

    [Fact]
    public void GoLive_Ended_RefusedBecauseEndedIsFinal()
    {
        var show = NewShow();
        show.GoLive(T0);
        show.End(T0.AddHours(1));

        var refusal = Assert.Throws<DomainException>(() => show.GoLive(T0.AddHours(2)));

        Assert.Equal(ProblemCodes.ShowEnded, refusal.Code);
        Assert.Contains("ended", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ShowStatus.Ended, show.Status);
    }

    [Fact]
    public void End_NeverWentLive_RefusedAndStillScheduled()
    {
        var show = NewShow();

        var refusal = Assert.Throws<DomainException>(() => show.End(T0));

        Assert.Equal(ProblemCodes.ShowNotLive, refusal.Code);
        Assert.Contains("not gone live", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(ShowStatus.Scheduled, show.Status);
        Assert.Null(show.EndedAt);
    }

    [Fact]
    public void End_Live_BecomesEndedWithTime()
    {
        var show = NewShow();
        show.GoLive(T0);

        show.End(T0.AddMinutes(45));

        Assert.Equal(ShowStatus.Ended, show.Status);
        Assert.Equal(T0.AddMinutes(45), show.EndedAt);
    }

    [Fact]
    public void End_Twice_RefusedAndEndTimeKept()
    {
        var show = NewShow();
        show.GoLive(T0);
        show.End(T0.AddMinutes(45));

        var refusal = Assert.Throws<DomainException>(() => show.End(T0.AddMinutes(50)));

        Assert.Equal(ProblemCodes.ShowEnded, refusal.Code);
        Assert.Equal(T0.AddMinutes(45), show.EndedAt);
    }

    [Fact]
    public void StatusChanges_BumpTheConcurrencyVersion()
    {
        var show = NewShow();
        var before = show.Version;

        show.GoLive(T0);
        show.End(T0.AddMinutes(1));

        Assert.Equal(before + 2, show.Version);
    }

    [Fact]
    public void SetLineup_KeepsTheGivenOrder()
    {
        var show = NewShow();
        Guid[] ids = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

        show.SetLineup(ids);

        Assert.Equal(ids, show.Lineup.OrderBy(l => l.Position).Select(l => l.ProductId));
    }

    [Fact]
    public void SetLineup_Duplicate_RefusedAndLineupUnchanged()
    {
        var show = NewShow();
        var kept = Guid.NewGuid();
        show.SetLineup([kept]);
        var repeated = Guid.NewGuid();

        var refusal = Assert.Throws<DomainException>(() => show.SetLineup([repeated, repeated]));

        Assert.Equal(ProblemCodes.LineupDuplicateProduct, refusal.Code);
        Assert.Equal(kept, Assert.Single(show.Lineup).ProductId);
    }

    [Fact]
    public void SetLineup_AfterEnd_Refused()
    {
        var show = NewShow();
        show.GoLive(T0);
        show.End(T0.AddMinutes(1));

        var refusal = Assert.Throws<DomainException>(() => show.SetLineup([Guid.NewGuid()]));

        Assert.Equal(ProblemCodes.ShowEnded, refusal.Code);
    }
}
