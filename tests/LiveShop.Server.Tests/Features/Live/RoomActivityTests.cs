using LiveShop.Server.Features.Live;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using Microsoft.Extensions.Time.Testing;

namespace LiveShop.Server.Tests.Features.Live;

/// <summary>Per-user rate buckets and slow-mode times expire, so viewers who came and went leave nothing behind.</summary>
public sealed class RoomActivityTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public void Prune_BucketsRefilledAndSlowModeTimesPast_AreDropped()
    {
        var activity = new RoomActivity(_clock);
        var show = Guid.NewGuid();
        for (var i = 0; i < 500; i++)
        {
            var user = Guid.NewGuid();
            activity.TryTakeChatToken(show, user);
            activity.TryTakeQuestionToken(show, user);
            activity.TryTakeVoteToken(show, user);
            activity.LineSent(show, user, _clock.GetUtcNow(), slowModeSeconds: 30);
            activity.TryReact(show, "connection-" + i);
        }

        activity.ChatPosted(show, _clock.GetUtcNow());
        activity.DrainReactions();
        Assert.True(activity.EntryCount >= 2500);

        // Every bucket has refilled (questions take longest: one per 20 s) and every slow-mode time is past.
        _clock.Advance(TimeSpan.FromSeconds(Limits.QuestionRefill.TotalSeconds + 61));
        activity.Prune(force: true);

        Assert.Equal(0, activity.EntryCount);
    }

    [Fact]
    public void Prune_BucketStillEmpty_KeptSoTheLimitHolds()
    {
        var activity = new RoomActivity(_clock);
        var (show, user) = (Guid.NewGuid(), Guid.NewGuid());
        for (var i = 0; i < Limits.ChatBurst; i++)
        {
            Assert.True(activity.TryTakeChatToken(show, user));
        }

        activity.Prune(force: true);

        Assert.False(activity.TryTakeChatToken(show, user));
    }

    [Fact]
    public void SlowModeWait_AfterPrune_StillHoldsWithinTheInterval()
    {
        var activity = new RoomActivity(_clock);
        var (show, user) = (Guid.NewGuid(), Guid.NewGuid());
        activity.LineSent(show, user, _clock.GetUtcNow(), slowModeSeconds: 120);

        _clock.Advance(TimeSpan.FromSeconds(90));
        activity.Prune(force: true);

        Assert.Equal(TimeSpan.FromSeconds(30), activity.SlowModeWait(show, user, 120));
    }
}
