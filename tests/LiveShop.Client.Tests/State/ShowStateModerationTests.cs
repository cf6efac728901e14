using LiveShop.Client.State;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using static LiveShop.Client.Tests.TestDoubles.ModerationFixtures;

namespace LiveShop.Client.Tests.State;

/// <summary>The room events and pushes of issue 5 as <see cref="ShowState"/> applies them.</summary>
public sealed class ShowStateModerationTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 11, 30, 0, TimeSpan.Zero);

    private static ShowState Joined(IReadOnlyList<ChatMessageDto>? chat = null, ChatSettingsDto? settings = null, RestrictionNoticeDto? restriction = null)
    {
        var state = new ShowState();
        state.Load(ShopTestData.Detail(Now));
        state.ApplyJoin(Join(Now, chat, settings, restriction), Now);
        return state;
    }

    [Fact]
    public void ChatDeleted_RemovesTheLine_AndAgainOrUnknownChangesNothing()
    {
        var state = Joined(chat: [Message(1, "hello", Now), Message(2, "buy crypto", Now)]);

        Assert.True(state.ApplyEvents([new ChatDeletedEvent(11, Now, Id(102))]));
        Assert.Equal(["hello"], state.Chat.Select(m => m.Text));

        Assert.False(state.ApplyEvents([new ChatDeletedEvent(11, Now, Id(102))]));
        Assert.True(state.ApplyEvents([new ChatDeletedEvent(12, Now, Guid.NewGuid())]));
        Assert.Equal(["hello"], state.Chat.Select(m => m.Text));
        Assert.Equal(12, state.LastSequence);
    }

    [Fact]
    public void ReplayedDeletedLine_InPlaceOfItsPost_NeverShowsTheText()
    {
        var state = Joined();

        // Sequence 11 was the post; the server replaced it with the delete, so a replay never has the text.
        state.ApplyEvents([new ChatDeletedEvent(11, Now, Id(101)), new ChatPostedEvent(12, Now, Message(2, "still here", Now)), new ChatDeletedEvent(13, Now, Id(101))]);

        Assert.Equal(["still here"], state.Chat.Select(m => m.Text));
    }

    [Fact]
    public void ChatSettings_FromSnapshotThenEvent()
    {
        var state = Joined(settings: new ChatSettingsDto(30, new AnnouncementDto("Free shipping today", "Nikos", Now)));
        Assert.Equal(30, state.ChatSettings.SlowModeSeconds);
        Assert.Equal("Free shipping today", state.ChatSettings.Announcement?.Text);

        state.ApplyEvents([new ChatSettingsEvent(11, Now, new ChatSettingsDto(0, null))]);

        Assert.Equal(0, state.ChatSettings.SlowModeSeconds);
        Assert.Null(state.ChatSettings.Announcement);
    }

    [Fact]
    public void QuestionChanged_DismissedLeavesThePublicBoard_OlderVersionIgnored()
    {
        var state = Joined();
        state.ApplyEvents([new QuestionChangedEvent(11, Now, Question(1, "Pouch?", Now, votes: 2, version: 3))]);
        Assert.Equal(["Pouch?"], state.Questions.Open.Select(q => q.Text));

        // A push with an older copy arrives late: the event's copy stays.
        state.ApplyQuestion(Question(1, "Pouch?", Now, votes: 1, version: 2));
        Assert.Equal(2, state.Questions.Open.Single().Votes);

        state.ApplyEvents([new QuestionChangedEvent(12, Now, Question(1, "Pouch?", Now, status: QuestionStatus.Dismissed, version: 4))]);
        Assert.Empty(state.Questions.Open);
        Assert.Empty(state.Questions.Answered);
    }

    [Fact]
    public void Restriction_FromJoinPushAndLift_TimeoutRunsOutByTheServerClock()
    {
        var until = Now.AddMinutes(9);
        var state = Joined(restriction: new RestrictionNoticeDto(ShowId, RestrictionKind.Timeout, until));
        Assert.NotNull(state.RestrictionAt(Now));
        Assert.NotNull(state.RestrictionAt(Now.AddMinutes(8)));
        Assert.Null(state.RestrictionAt(Now.AddMinutes(9)));

        state.ApplyRestriction(new RestrictionNoticeDto(ShowId, RestrictionKind.Ban, null));
        Assert.Equal(RestrictionKind.Ban, state.RestrictionAt(Now.AddDays(3))?.Kind);

        state.ApplyRestriction(new RestrictionNoticeDto(ShowId, null, null));
        Assert.Null(state.RestrictionAt(Now));
    }

    [Fact]
    public void Rejoin_WithoutRestriction_ClearsTheOldOne()
    {
        var state = Joined(restriction: new RestrictionNoticeDto(ShowId, RestrictionKind.Ban, null));

        state.ApplyJoin(Join(Now, lastSequence: 10) with { Snapshot = null }, Now);

        Assert.Null(state.RestrictionAt(Now));
    }
}
