using LiveShop.Client.State;
using LiveShop.Shared.Moderation;
using static LiveShop.Client.Tests.TestDoubles.ModerationFixtures;

namespace LiveShop.Client.Tests.State;

/// <summary>The desk's state: pushes that arrive while <c>GetModeration</c> is in flight are not lost under its answer.</summary>
public sealed class ModerationStateTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 14, 11, 0, 0, TimeSpan.Zero);

    private static HeldMessageDto Held(int n, HeldMessageStatus status = HeldMessageStatus.Held) =>
        new(Id(50 + n), ShowId, Bo, "Bo", $"spam {n}", "spam", T0.AddSeconds(n), status);

    private static RestrictionDto Timeout(Guid user, string name) => new(user, name, RestrictionKind.Timeout, T0.AddMinutes(10), "Nikos", T0);

    [Fact]
    public void PushesDuringTheLoad_WinOverItsAnswer()
    {
        var state = new ModerationState();
        var ticket = state.BeginLoad();

        // The server subscribed the desk, then these came before its (older) read of the state.
        state.ApplyHeld(Held(1, HeldMessageStatus.Released));
        state.ApplyHeld(Held(2));
        state.ApplyRestrictions([Timeout(Bo, "Bo")]);
        state.ApplyBlocklist(["spam", "crypto"]);

        state.Load(Desk(held: [Held(1), Held(3)], restrictions: [], blocklist: ["spam"]), ticket);

        Assert.Equal([Id(52), Id(53)], state.Held.Select(h => h.Id).Order());
        Assert.Equal([Bo], state.Restrictions.Select(r => r.UserId));
        Assert.Equal(["spam", "crypto"], state.Blocklist);
    }

    [Fact]
    public void PushesBeforeTheLoadStarted_GiveWayToItsAnswer()
    {
        var state = new ModerationState();
        state.ApplyRestrictions([Timeout(Bo, "Bo")]);
        state.ApplyBlocklist(["old"]);

        state.Load(Desk(restrictions: [Timeout(Ann, "Ann")], blocklist: ["spam"]), state.BeginLoad());

        Assert.Equal([Ann], state.Restrictions.Select(r => r.UserId));
        Assert.Equal(["spam"], state.Blocklist);
    }

    [Fact]
    public void DecidedBeforeARejoin_StaysDecided_AndALoadNoLongerHoldingAMessageDropsIt()
    {
        var state = new ModerationState();
        state.Load(Desk(held: [Held(1), Held(2)]));
        state.ApplyHeld(Held(1, HeldMessageStatus.Dropped));

        // A rejoin's answer read before the drop reached it still holds 1; 2 was released while away.
        state.Load(Desk(held: [Held(1)]), state.BeginLoad());

        Assert.Empty(state.Held);
    }

    [Fact]
    public void AFailedLoad_StopsKeepingChanges_TheNextLoadTakesItsAnswer()
    {
        var state = new ModerationState();
        state.BeginLoad();
        state.ApplyBlocklist(["during the failed call"]);
        state.EndLoad();

        state.Load(Desk(blocklist: ["spam"]), state.BeginLoad());

        Assert.Equal(["spam"], state.Blocklist);
    }
}
