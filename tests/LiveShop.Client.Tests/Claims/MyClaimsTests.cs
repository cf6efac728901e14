using LiveShop.Client.Features.Claims;
using LiveShop.Shared.Claims;
using static LiveShop.Client.Tests.TestDoubles.ClaimFixtures;

namespace LiveShop.Client.Tests.Claims;

/// <summary>The viewer's own claims: which show as cards, and copies that arrive out of order never move a claim back.</summary>
public sealed class MyClaimsTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 11, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Push_ForAClaimThePageNeverMade_IsNotTheViewers()
    {
        var mine = new MyClaims();

        Assert.Equal(ClaimMove.None, mine.Moved(Claim(1, ChatClaimStatus.Held, Now, buyer: "Someone else")));

        Assert.Empty(mine.Cards);
    }

    [Fact]
    public void WaitingThenHeld_IsAPromotion_AndAnOlderListReadBeforeItDoesNotUndoIt()
    {
        var mine = new MyClaims();
        var waiting = Claim(1, ChatClaimStatus.Waiting, Now, waitPosition: 2);
        mine.Claimed(waiting);
        var held = waiting with { Status = ChatClaimStatus.Held, WaitPosition = null, PayBy = Now.AddMinutes(30) };

        Assert.Equal(ClaimMove.Promoted, mine.Moved(held));
        mine.Load([waiting]);

        Assert.Equal(ChatClaimStatus.Held, Assert.Single(mine.Cards).Status);
    }

    [Fact]
    public void EndedClaims_ShowOnlyWhenThePageSawThemActive_PaidOnesLeave_AndNothingRevivesAnEndedClaim()
    {
        var mine = new MyClaims();
        var held = Claim(1, ChatClaimStatus.Held, Now);
        mine.Load([held, Claim(2, ChatClaimStatus.Expired, Now.AddHours(-1)), Claim(3, ChatClaimStatus.Ordered, Now.AddHours(-2))]);
        Assert.Equal([held.Id], mine.Cards.Select(c => c.Id));

        mine.Moved(held with { Status = ChatClaimStatus.Expired });
        mine.Moved(held);
        Assert.Equal(ChatClaimStatus.Expired, Assert.Single(mine.Cards).Status);

        var other = Claim(4, ChatClaimStatus.Held, Now.AddMinutes(1));
        mine.Claimed(other);
        mine.Paid([other.Id]);
        Assert.Equal([held.Id], mine.Cards.Select(c => c.Id));
    }

    [Fact]
    public void Waitlist_ThePlaceOnlyComesNearer_AndADismissedWaitingCardComesBackWhenPromoted()
    {
        var mine = new MyClaims();
        var third = Claim(1, ChatClaimStatus.Waiting, Now, waitPosition: 3);
        mine.Claimed(third);

        mine.Moved(third with { WaitPosition = 1 });
        mine.Load([third]);
        Assert.Equal(1, Assert.Single(mine.Cards).WaitPosition);

        mine.Dismiss(third.Id);
        Assert.Empty(mine.Cards);
        Assert.Equal(ClaimMove.Promoted, mine.Moved(third with { Status = ChatClaimStatus.Held, WaitPosition = null, PayBy = Now.AddMinutes(10) }));
        Assert.Equal(ChatClaimStatus.Held, Assert.Single(mine.Cards).Status);
    }
}
