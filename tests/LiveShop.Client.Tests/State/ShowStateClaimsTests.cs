using LiveShop.Client.State;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Realtime;
using static LiveShop.Client.Tests.TestDoubles.ClaimFixtures;

namespace LiveShop.Client.Tests.State;

/// <summary>Each product's "+1" claims follow the room: the join's snapshot, then its claims events, replaced by product.</summary>
public sealed class ShowStateClaimsTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 11, 30, 0, TimeSpan.Zero);

    private static ShowState Joined(IReadOnlyList<ChatClaimSettingsDto>? claims)
    {
        var state = new ShowState();
        state.Load(Detail(Now));
        state.ApplyJoin(Join(Now, [ShopTestData.Jade], claims), Now);
        return state;
    }

    [Fact]
    public void Snapshot_GivesEachProductsClaims_AndNoneFromAServerWithout()
    {
        var state = Joined([JadeClaims(open: true, claimed: 4)]);

        Assert.Equal(4, state.ClaimsFor(ShopTestData.Jade)!.Claimed);
        Assert.Null(state.ClaimsFor(ShopTestData.Oolong));
        Assert.Empty(Joined(null).Claims);
    }

    [Fact]
    public void ClaimsEvent_ReplacesThatProductsSetting_AndAppliedTwiceChangesNothing()
    {
        var state = Joined([JadeClaims(open: true, claimed: 4)]);
        var tee = new ClaimsChangedEvent(11, Now, TeeClaims(open: true, blackM: 2));
        var jade = new ClaimsChangedEvent(12, Now, JadeClaims(open: false, claimed: 5, waiting: 1));

        Assert.True(state.ApplyEvents([tee, jade]));
        Assert.False(state.ApplyEvents([tee, jade]));

        Assert.Equal(2, state.Claims.Count);
        Assert.Equal(jade.Claims, state.ClaimsFor(ShopTestData.Jade));
        Assert.False(state.ClaimsFor(ShopTestData.Jade)!.Open);
        Assert.Equal(2, state.ClaimsFor(VariantTestData.Tee)!.Claimed);
    }

    [Fact]
    public void AnswerThenPush_OfTheSameEvent_AppliesOnce()
    {
        var state = Joined([]);
        var opened = new ClaimsChangedEvent(11, Now, JadeClaims(open: true));

        Assert.True(state.ApplyAnswer(opened));
        Assert.False(state.ApplyFrame(new RoomFrame(10, 11, [opened])));

        Assert.True(state.ClaimsFor(ShopTestData.Jade)!.Open);
        Assert.Equal(11, state.LastSequence);
    }

    [Fact]
    public void ANewSnapshot_IsThePresent_AProductItNoLongerListsHasNoClaims()
    {
        var state = Joined([JadeClaims(open: true)]);

        state.ApplyJoin(Join(Now, [ShopTestData.Jade], [TeeClaims(open: true)]), Now);

        Assert.Null(state.ClaimsFor(ShopTestData.Jade));
        Assert.NotNull(state.ClaimsFor(VariantTestData.Tee));
    }
}
