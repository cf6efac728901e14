using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.Extensions.Time.Testing;

namespace LiveShop.Client.Tests.State;

/// <summary>
/// The viewer's pins and flash prices follow the video, not the room: held until the stream's playing
/// date passes the event's server time (30 s at most); chat never waits; without a playing date nothing does.
/// </summary>
public sealed class StreamSyncedViewTests : IDisposable
{
    private static readonly Guid ShowId = Guid.Parse("0b8e7f52-1c1d-4a57-9a0e-3f1f2d5e6c7a");
    private static readonly Guid ProductA = Guid.Parse("5d1f3c0e-8a2b-4c6d-9e7f-0a1b2c3d4e5f");
    private static readonly Guid ProductB = Guid.Parse("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    private static readonly DateTimeOffset Device = new(2025, 3, 14, 11, 30, 0, TimeSpan.Zero);

    /// <summary>The server's clock runs 2 s ahead of the device's: every date below is the server's.</summary>
    private static readonly TimeSpan ServerAhead = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _clock = new(Device);
    private readonly ShowState _state = new();
    private readonly StreamSyncedView _view;
    private int _changes;
    private long _sequence;

    public StreamSyncedViewTests()
    {
        _state.Load(Detail());
        _state.ApplyJoin(new JoinResult(ShowId, Device + ServerAhead, Snapshot(), [], new RoomStats(ShowId, 1, 1, 0, 0, Device + ServerAhead)), Device);
        _sequence = 1;
        _view = new StreamSyncedView(_state, _clock);
        _view.Changed += () => _changes++;
    }

    private DateTimeOffset ServerNow => _clock.GetUtcNow() + ServerAhead;

    [Fact]
    public void Pin_VideoBehindTheEvent_HeldUntilThePlayingDatePassesIt()
    {
        _view.SetPlayingDate(ServerNow - TimeSpan.FromSeconds(4));

        Apply(new PinsChangedEvent(++_sequence, ServerNow, ProductA, true, [ProductA]));

        Assert.Equal([ProductA], _state.Pinned);
        Assert.Empty(_view.Pinned);
        Assert.Equal(1, _view.HeldCount);

        _clock.Advance(TimeSpan.FromSeconds(3));
        _view.SetPlayingDate(ServerNow - TimeSpan.FromSeconds(4));
        Assert.Empty(_view.Pinned);

        _clock.Advance(TimeSpan.FromSeconds(1.5));
        _view.SetPlayingDate(ServerNow - TimeSpan.FromSeconds(4));
        Assert.Equal([ProductA], _view.Pinned);
        Assert.Equal(ProductA, Assert.Single(_view.PinnedItems).ProductId);
        Assert.Equal(1, _changes);
    }

    [Fact]
    public void SetPlayingDate_MeasuresTheDelayOnTheServersClock()
    {
        _view.SetPlayingDate(ServerNow - TimeSpan.FromSeconds(3.2));

        Assert.Equal(TimeSpan.FromSeconds(3.2), _view.Delay);
    }

    [Fact]
    public void FlashSale_StartThenEnd_KeptInOrderAndHeldTogether()
    {
        _view.SetPlayingDate(ServerNow - TimeSpan.FromSeconds(10));
        var sale = Sale(ProductB, ServerNow, minutes: 5);
        var start = ServerNow;
        Apply(new FlashSaleStartedEvent(++_sequence, start, sale));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Apply(new FlashSaleUpdatedEvent(++_sequence, ServerNow, sale.Id, ProductB, Sold: 3));
        _clock.Advance(TimeSpan.FromSeconds(2));
        var ended = ServerNow;
        Apply(new FlashSaleEndedEvent(++_sequence, ended, sale.Id, ProductB, FlashSaleEndReason.EndedByHost, 3));

        Assert.Null(_state.SaleFor(ProductB, _clock.GetUtcNow()));
        Assert.Null(_view.SaleFor(ProductB, _clock.GetUtcNow()));

        // The video reaches the start: the viewer sees the flash price, with the units sold by then.
        _view.SetPlayingDate(start + TimeSpan.FromSeconds(2.5));
        Assert.Equal(3, _view.SaleFor(ProductB, _clock.GetUtcNow())?.Sold);

        // …and the host ending it once the video shows that moment.
        _view.SetPlayingDate(ended);
        Assert.Null(_view.SaleFor(ProductB, _clock.GetUtcNow()));
        Assert.Equal(0, _view.HeldCount);
    }

    [Fact]
    public void Pin_VideoStalled_ReleasedAfterTheCap()
    {
        _view.SetPlayingDate(ServerNow - TimeSpan.FromMinutes(2));
        Apply(new PinsChangedEvent(++_sequence, ServerNow, ProductA, true, [ProductA]));

        _clock.Advance(StreamSyncedView.Cap - TimeSpan.FromSeconds(1));
        Assert.Empty(_view.Pinned);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([ProductA], _view.Pinned);
        Assert.Equal(1, _changes);
    }

    [Fact]
    public void Chat_VideoBehind_NeverHeld()
    {
        _view.SetPlayingDate(ServerNow - TimeSpan.FromSeconds(20));

        Apply(new ChatPostedEvent(++_sequence, ServerNow, new ChatMessageDto(Guid.NewGuid(), Guid.NewGuid(), "Xiao", ChatAuthorRole.Viewer, "Hello!", ServerNow, null)));
        Apply(new ReactionsEvent(++_sequence, ServerNow, 3, 3));

        Assert.Equal("Hello!", Assert.Single(_state.Chat).Text);
        Assert.Equal(3, _state.ReactionTotal);
        Assert.Equal(0, _view.HeldCount);
    }

    [Fact]
    public void Pin_NoPlayingDate_PassesThrough()
    {
        Apply(new PinsChangedEvent(++_sequence, ServerNow, ProductA, true, [ProductA]));

        Assert.Equal([ProductA], _view.Pinned);
        Assert.Null(_view.Delay);
    }

    [Fact]
    public void SetPlayingDate_StreamStops_ReleasesEverythingHeld()
    {
        _view.SetPlayingDate(ServerNow - TimeSpan.FromSeconds(5));
        Apply(new PinsChangedEvent(++_sequence, ServerNow, ProductA, true, [ProductA]));
        Assert.Empty(_view.Pinned);

        _view.SetPlayingDate(null);

        Assert.Equal([ProductA], _view.Pinned);
    }

    [Fact]
    public void ShowEnds_HeldSaleDropped()
    {
        _view.SetPlayingDate(ServerNow - TimeSpan.FromSeconds(5));
        Apply(new FlashSaleStartedEvent(++_sequence, ServerNow, Sale(ProductA, ServerNow, minutes: 5)));

        Apply(new ShowStatusEvent(++_sequence, ServerNow, ShowStatus.Ended, null, ServerNow));

        Assert.Equal(0, _view.HeldCount);
        Assert.Null(_view.SaleFor(ProductA, _clock.GetUtcNow()));
    }

    private void Apply(RoomEvent roomEvent) => Assert.True(_state.ApplyEvents([roomEvent]));

    private static FlashSaleDto Sale(Guid productId, DateTimeOffset startsAt, int minutes) =>
        new(Guid.NewGuid(), productId, 399m, 480m, Currencies.Twd, startsAt, startsAt.AddMinutes(minutes), QuantityCap: 10, PerBuyerCap: 2, Sold: 0);

    private static RoomSnapshot Snapshot() =>
        new(ShowId, 1, ShowStatus.Live, Device.AddMinutes(-1), null, [], [], [], 0, new ChatSettingsDto(0, null));

    private static ShowDetailDto Detail() => new(
        Id: ShowId,
        Title: "Spring tea tasting",
        Description: "",
        Host: new HostDto(Guid.Parse("7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928"), "Mei"),
        Status: ShowStatus.Live,
        ScheduledStart: Device,
        WentLiveAt: Device.AddMinutes(-1),
        EndedAt: null,
        Currency: Currencies.Twd,
        Video: new VideoSourceDto(VideoSourceKind.StreamUrl, "/streams/live/index.m3u8", null),
        Lineup:
        [
            new LineupItemDto(ProductA, "TEA-001", "Oolong tin", "https://img.example/a.jpg", 480m, Currencies.Twd, 20, 0),
            new LineupItemDto(ProductB, "TEA-002", "Jasmine pearls", "https://img.example/b.jpg", 620m, Currencies.Twd, 12, 1),
        ]);

    public void Dispose() => _view.Dispose();
}
