using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests.State;

public sealed class ShowStateTests
{
    private static readonly Guid ShowId = Guid.Parse("0b8e7f52-1c1d-4a57-9a0e-3f1f2d5e6c7a");
    private static readonly Guid ProductA = Guid.Parse("5d1f3c0e-8a2b-4c6d-9e7f-0a1b2c3d4e5f");
    private static readonly Guid ProductB = Guid.Parse("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    private static readonly Guid Viewer = Guid.Parse("3c2b1a09-8f7e-4d6c-b5a4-938271605f4e");
    private static readonly DateTimeOffset Device = new(2025, 3, 14, 11, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WentLive = Device.AddMinutes(-1);

    private static ShowDetailDto Detail(ShowStatus status = ShowStatus.Scheduled, Guid? showId = null) => new(
        Id: showId ?? ShowId,
        Title: "Spring tea tasting",
        Description: "",
        Host: new HostDto(Guid.Parse("7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928"), "Mei"),
        Status: status,
        ScheduledStart: Device,
        WentLiveAt: status == ShowStatus.Scheduled ? null : WentLive,
        EndedAt: null,
        Currency: Currencies.Twd,
        Video: new VideoSourceDto(VideoSourceKind.StreamUrl, "https://video.example/a.mp4", null),
        Lineup:
        [
            new LineupItemDto(ProductA, "TEA-001", "Oolong tin", "https://img.example/a.jpg", 480m, Currencies.Twd, 20, 0),
            new LineupItemDto(ProductB, "TEA-002", "Jasmine pearls", "https://img.example/b.jpg", 620m, Currencies.Twd, 12, 1),
        ]);

    private static ShowState LoadedState(ShowStatus status = ShowStatus.Scheduled)
    {
        var state = new ShowState();
        state.Load(Detail(status));
        return state;
    }

    private static RoomStats Stats(long reactionTotal = 0, Guid? showId = null, DateTimeOffset? serverTime = null) =>
        new(showId ?? ShowId, ViewersNow: 12, PeakViewers: 30, ChatPerMinute: 4, reactionTotal, serverTime ?? Device);

    private static JoinResult Join(
        DateTimeOffset serverTime,
        RoomSnapshot? snapshot = null,
        IReadOnlyList<RoomEvent>? missed = null,
        Guid? showId = null) =>
        new(showId ?? ShowId, serverTime, snapshot, missed ?? [], Stats(showId: showId, serverTime: serverTime));

    private static RoomSnapshot Snapshot(
        long lastSequence,
        ShowStatus status = ShowStatus.Live,
        IReadOnlyList<Guid>? pinned = null,
        IReadOnlyList<FlashSaleDto>? sales = null,
        IReadOnlyList<ChatMessageDto>? chat = null,
        long reactionTotal = 0) =>
        new(ShowId, lastSequence, status, status == ShowStatus.Scheduled ? null : WentLive, null, pinned ?? [], sales ?? [], chat ?? [], reactionTotal, new ChatSettingsDto(0, null));

    private static ChatMessageDto Message(int n, Guid? clientMessageId = null) =>
        new(MessageId(n), Viewer, "Ann", ChatAuthorRole.Viewer, $"line {n}", Device.AddSeconds(n), clientMessageId);

    private static Guid MessageId(int n) => new(n, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]);

    private static FlashSaleDto Sale(Guid productId, DateTimeOffset endsAt, int quantityCap = 10, int sold = 0) =>
        new(Guid.Parse("e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9"), productId, 399m, 480m, Currencies.Twd, Device, endsAt, quantityCap, 2, sold);

    private static ShowStatusEvent StatusEvent(long sequence, ShowStatus status) =>
        new(sequence, Device, status, status == ShowStatus.Scheduled ? null : WentLive, status == ShowStatus.Ended ? Device.AddMinutes(45) : null);

    private static ChatPostedEvent ChatEvent(long sequence, ChatMessageDto message) => new(sequence, message.SentAt, message);

    [Fact]
    public void Load_Detail_SetsStatusFromDetailAndLastSequenceZero()
    {
        var state = new ShowState();
        var raised = 0;
        state.Changed += () => raised++;

        state.Load(Detail(ShowStatus.Live));

        Assert.Equal(ShowId, state.Show?.Id);
        Assert.Equal(ShowStatus.Live, state.Status);
        Assert.Equal(WentLive, state.WentLiveAt);
        Assert.Equal(0, state.LastSequence);
        Assert.False(state.NeedsResync);
        Assert.Empty(state.Chat);
        Assert.Empty(state.Pinned);
        Assert.Equal(1, raised);
    }

    [Fact]
    public void ApplyJoin_Snapshot_SetsRoomAndClockOffset()
    {
        var state = LoadedState();
        var sale = Sale(ProductA, Device.AddMinutes(5));
        var serverTime = Device.AddSeconds(7.5); // the device clock runs 7.5 s behind the server
        var raised = 0;
        state.Changed += () => raised++;

        state.ApplyJoin(
            Join(serverTime, Snapshot(17, ShowStatus.Live, pinned: [ProductB, ProductA], sales: [sale], chat: [Message(1), Message(2)], reactionTotal: 42)),
            Device);

        Assert.Equal(ShowStatus.Live, state.Status);
        Assert.Equal(WentLive, state.WentLiveAt);
        Assert.Equal([ProductB, ProductA], state.Pinned);
        Assert.Equal(["Jasmine pearls", "Oolong tin"], state.PinnedItems.Select(i => i.Name));
        Assert.Equal(sale, Assert.Single(state.Sales).Value);
        Assert.Equal(sale, state.Sales[ProductA]);
        Assert.Equal([MessageId(1), MessageId(2)], state.Chat.Select(m => m.Id));
        Assert.Equal(42, state.ReactionTotal);
        Assert.Equal(17, state.LastSequence);
        Assert.Equal(TimeSpan.FromSeconds(7.5), state.ClockOffset);
        Assert.Equal(serverTime, state.ServerNow(Device));
        Assert.Equal(1, raised);
    }

    [Fact]
    public void ApplyEvents_InOrder_AppliesEachAdvancesSequenceAndRaisesChanged()
    {
        var state = LoadedState();
        var raised = 0;
        state.Changed += () => raised++;

        var applied = state.ApplyEvents(
        [
            StatusEvent(1, ShowStatus.Live),
            new PinsChangedEvent(2, Device, ProductB, IsPinned: true, Pinned: [ProductB]),
            ChatEvent(3, Message(1)),
        ]);

        Assert.True(applied);
        Assert.Equal(ShowStatus.Live, state.Status);
        Assert.Equal(WentLive, state.WentLiveAt);
        Assert.Equal([ProductB], state.Pinned);
        Assert.Equal("Jasmine pearls", Assert.Single(state.PinnedItems).Name);
        Assert.Equal("line 1", Assert.Single(state.Chat).Text);
        Assert.Equal(3, state.LastSequence);
        Assert.False(state.NeedsResync);
        Assert.Equal(1, raised);
    }

    [Fact]
    public void ApplyEvents_Duplicate_ReturnsFalseAndDoesNotDoubleChat()
    {
        var state = LoadedState(ShowStatus.Live);
        Assert.True(state.ApplyEvents([ChatEvent(1, Message(1))]));
        var raised = 0;
        state.Changed += () => raised++;

        var applied = state.ApplyEvents([ChatEvent(1, Message(1))]);

        Assert.False(applied);
        Assert.Equal(0, raised);
        Assert.Single(state.Chat);
        Assert.Equal(1, state.LastSequence);
        Assert.False(state.NeedsResync);
    }

    [Fact]
    public void ApplyEvents_Gap_HoldsBackUntilMissingEventArrives()
    {
        var state = LoadedState(ShowStatus.Live);
        Assert.True(state.ApplyEvents([ChatEvent(1, Message(1))]));
        var raised = 0;
        state.Changed += () => raised++;

        var early = state.ApplyEvents([ChatEvent(3, Message(3))]);

        Assert.False(early);
        Assert.True(state.NeedsResync);
        Assert.Equal(1, state.LastSequence);
        Assert.Equal([MessageId(1)], state.Chat.Select(m => m.Id));
        Assert.Equal(0, raised);

        var filled = state.ApplyEvents([ChatEvent(2, Message(2))]);

        Assert.True(filled);
        Assert.False(state.NeedsResync);
        Assert.Equal(3, state.LastSequence);
        Assert.Equal([MessageId(1), MessageId(2), MessageId(3)], state.Chat.Select(m => m.Id));
        Assert.Equal(1, raised);
    }

    [Fact]
    public void ApplyEvents_StaleScheduledAfterLive_DoesNotTakeStatusBack()
    {
        var state = LoadedState();
        Assert.True(state.ApplyEvents([StatusEvent(1, ShowStatus.Live)]));

        state.ApplyEvents([StatusEvent(2, ShowStatus.Scheduled)]);

        Assert.Equal(ShowStatus.Live, state.Status);
        Assert.Equal(WentLive, state.WentLiveAt);
        Assert.Equal(2, state.LastSequence);
    }

    [Fact]
    public void ApplyEvents_FlashSaleStartedUpdatedEnded_TracksSaleThenRemovesIt()
    {
        var state = LoadedState(ShowStatus.Live);
        var sale = Sale(ProductA, Device.AddMinutes(5), quantityCap: 10);

        state.ApplyEvents([new FlashSaleStartedEvent(1, Device, sale)]);

        var running = state.SaleFor(ProductA, Device);
        Assert.NotNull(running);
        Assert.Equal(0, running.Sold);
        Assert.Equal(10, running.Remaining);
        Assert.Null(state.SaleFor(ProductB, Device));

        state.ApplyEvents([new FlashSaleUpdatedEvent(2, Device, sale.Id, ProductA, Sold: 3)]);

        var updated = state.SaleFor(ProductA, Device);
        Assert.NotNull(updated);
        Assert.Equal(3, updated.Sold);
        Assert.Equal(7, updated.Remaining);

        state.ApplyEvents([new FlashSaleEndedEvent(3, Device, sale.Id, ProductA, FlashSaleEndReason.EndedByHost, Sold: 3)]);

        Assert.Null(state.SaleFor(ProductA, Device));
        Assert.False(state.Sales.ContainsKey(ProductA));
        Assert.Equal(3, state.LastSequence);
    }

    [Fact]
    public void SaleFor_EndsAtPassedByServerClock_ReturnsNull()
    {
        var state = LoadedState(ShowStatus.Live);
        // The server's clock is two minutes ahead of the device's.
        state.ApplyJoin(Join(Device.AddMinutes(2), Snapshot(0, ShowStatus.Live)), Device);
        state.ApplyEvents([new FlashSaleStartedEvent(1, Device, Sale(ProductA, Device.AddMinutes(3)))]);

        Assert.NotNull(state.SaleFor(ProductA, Device));
        // By the device's clock the sale still has two minutes to run; by the server's it is over.
        Assert.Null(state.SaleFor(ProductA, Device.AddMinutes(1).AddSeconds(1)));
        Assert.True(state.Sales.ContainsKey(ProductA));
    }

    [Fact]
    public void ApplyEvents_OwnChatConfirmed_ReplacesPendingLineOnce()
    {
        var state = LoadedState(ShowStatus.Live);
        var clientId = Guid.Parse("44b5c6d7-e8f9-4a0b-9c1d-2e3f4a5b6c7d");

        state.AddPendingChat(clientId, "Ann", "line 1");

        var pending = Assert.Single(state.PendingChat);
        Assert.Equal(clientId, pending.ClientMessageId);
        Assert.Equal("line 1", pending.Text);
        Assert.Empty(state.Chat);

        state.ApplyEvents([ChatEvent(1, Message(1, clientId))]);
        state.ApplyEvents([ChatEvent(1, Message(1, clientId))]);

        Assert.Empty(state.PendingChat);
        var confirmed = Assert.Single(state.Chat);
        Assert.Equal(MessageId(1), confirmed.Id);
        Assert.Equal(clientId, confirmed.ClientMessageId);
    }

    [Fact]
    public void DropPendingChat_Refused_RemovesPendingLine()
    {
        var state = LoadedState(ShowStatus.Live);
        var refused = Guid.Parse("44b5c6d7-e8f9-4a0b-9c1d-2e3f4a5b6c7d");
        var kept = Guid.Parse("55c6d7e8-f9a0-4b1c-8d2e-3f4a5b6c7d8e");
        state.AddPendingChat(refused, "Ann", "too spicy");
        state.AddPendingChat(kept, "Ann", "hello");
        var raised = 0;
        state.Changed += () => raised++;

        state.DropPendingChat(refused);

        Assert.Equal(kept, Assert.Single(state.PendingChat).ClientMessageId);
        Assert.Empty(state.Chat);
        Assert.Equal(1, raised);
    }

    [Fact]
    public void ReactionsArrived_LiveEvent_FiresButMissedOnJoinDoesNot()
    {
        var state = LoadedState(ShowStatus.Live);
        var arrived = new List<int>();
        state.ReactionsArrived += arrived.Add;

        state.ApplyJoin(Join(Device, missed: [new ReactionsEvent(1, Device, Added: 5, Total: 5)]), Device);

        Assert.Empty(arrived);
        Assert.Equal(5, state.ReactionTotal);
        Assert.Equal(1, state.LastSequence);

        state.ApplyEvents([new ReactionsEvent(2, Device, Added: 3, Total: 8)]);

        Assert.Equal([3], arrived);
        Assert.Equal(8, state.ReactionTotal);
    }

    [Fact]
    public void ReactionTotal_LowerTotalsLater_NeverGoesDown()
    {
        var state = LoadedState(ShowStatus.Live);
        state.ApplyEvents([new ReactionsEvent(1, Device, Added: 8, Total: 8)]);

        state.ApplyStats(Stats(reactionTotal: 2));
        Assert.Equal(8, state.ReactionTotal);

        state.ApplyEvents([new ReactionsEvent(2, Device, Added: 1, Total: 6)]);
        Assert.Equal(8, state.ReactionTotal);

        state.ApplyJoin(Join(Device, Snapshot(3, reactionTotal: 4)), Device);
        Assert.Equal(8, state.ReactionTotal);

        state.ApplyStats(Stats(reactionTotal: 11));
        Assert.Equal(11, state.ReactionTotal);
    }

    [Fact]
    public void ApplyEvents_MoreChatThanCapacity_DropsOldestLines()
    {
        var state = LoadedState(ShowStatus.Live);
        var total = ShowState.ChatCapacity + 5;

        state.ApplyEvents(Enumerable.Range(1, total).Select(n => ChatEvent(n, Message(n))).ToList());

        Assert.Equal(ShowState.ChatCapacity, state.Chat.Count);
        Assert.Equal(MessageId(6), state.Chat[0].Id);
        Assert.Equal(MessageId(total), state.Chat[^1].Id);
        Assert.Equal(total, state.LastSequence);
    }

    [Fact]
    public void ApplyJoin_OtherShowId_IsIgnored()
    {
        var state = LoadedState();
        var raised = 0;
        state.Changed += () => raised++;

        state.ApplyJoin(
            Join(Device.AddMinutes(3), Snapshot(9, ShowStatus.Live, chat: [Message(1)], reactionTotal: 50), [ChatEvent(10, Message(2))], showId: Guid.NewGuid()),
            Device);

        Assert.Equal(ShowStatus.Scheduled, state.Status);
        Assert.Null(state.WentLiveAt);
        Assert.Equal(0, state.LastSequence);
        Assert.Equal(TimeSpan.Zero, state.ClockOffset);
        Assert.Null(state.Stats);
        Assert.Empty(state.Chat);
        Assert.Equal(0, state.ReactionTotal);
        Assert.Equal(0, raised);
    }

    [Fact]
    public void ApplyStats_OtherShowId_IsIgnored()
    {
        var state = LoadedState(ShowStatus.Live);
        var raised = 0;
        state.Changed += () => raised++;

        state.ApplyStats(Stats(reactionTotal: 99, showId: Guid.NewGuid()));

        Assert.Null(state.Stats);
        Assert.Equal(0, state.ReactionTotal);
        Assert.Equal(0, raised);
    }

    [Fact]
    public void ChatSequenceOf_LineFromAFrame_IsItsSequence_LineFromTheSnapshotIsUnknown()
    {
        var state = LoadedState(ShowStatus.Live);
        state.ApplyJoin(Join(Device, Snapshot(10, chat: [Message(1)])), Device);

        state.ApplyFrame(new RoomFrame(10, 12, [new ChatPostedEvent(12, Device, Message(2))]));

        Assert.Null(state.ChatSequenceOf(Message(1).Id));
        Assert.Equal(12, state.ChatSequenceOf(Message(2).Id));
    }
}
