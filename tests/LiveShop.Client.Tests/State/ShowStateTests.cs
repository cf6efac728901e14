using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests.State;

public sealed class ShowStateTests
{
    private static readonly Guid ShowId = Guid.Parse("0b8e7f52-1c1d-4a57-9a0e-3f1f2d5e6c7a");
    private static readonly DateTimeOffset Device = new(2025, 3, 14, 11, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WentLive = Device.AddMinutes(-1);

    private static ShowState LoadedState(ShowStatus status = ShowStatus.Scheduled)
    {
        var state = new ShowState();
        state.Load(new ShowDetailDto(
            Id: ShowId,
            Title: "Spring tea tasting",
            Description: "",
            Host: new HostDto(Guid.NewGuid(), "Mei"),
            Status: status,
            ScheduledStart: Device,
            WentLiveAt: status == ShowStatus.Scheduled ? null : WentLive,
            EndedAt: null,
            Currency: Currencies.Twd,
            Video: new VideoSourceDto(VideoSourceKind.StreamUrl, "https://video.example/a.mp4", null),
            Lineup: []));
        return state;
    }

    private static ShowStatusChangedDto Change(ShowStatus status, DateTimeOffset? wentLiveAt = null, DateTimeOffset? endedAt = null, Guid? showId = null) =>
        new(showId ?? ShowId, status, wentLiveAt, endedAt, ServerTime: Device);

    [Fact]
    public void ApplyStatus_ScheduledToLive_AppliesAndRaisesChanged()
    {
        var state = LoadedState();
        var raised = 0;
        state.Changed += () => raised++;

        var applied = state.ApplyStatus(Change(ShowStatus.Live, WentLive), Device);

        Assert.True(applied);
        Assert.Equal(ShowStatus.Live, state.Status);
        Assert.Equal(WentLive, state.WentLiveAt);
        Assert.Equal(1, raised);
    }

    [Fact]
    public void ApplyStatus_DuplicateChange_ReturnsFalseAndDoesNotRaiseChanged()
    {
        var state = LoadedState();
        Assert.True(state.ApplyStatus(Change(ShowStatus.Live, WentLive), Device));
        var raised = 0;
        state.Changed += () => raised++;

        var applied = state.ApplyStatus(Change(ShowStatus.Live, WentLive), Device);

        Assert.False(applied);
        Assert.Equal(ShowStatus.Live, state.Status);
        Assert.Equal(0, raised);
    }

    [Fact]
    public void ApplyStatus_StaleScheduledAfterLive_IsIgnored()
    {
        var state = LoadedState();
        Assert.True(state.ApplyStatus(Change(ShowStatus.Live, WentLive), Device));
        var raised = 0;
        state.Changed += () => raised++;

        var applied = state.ApplyStatus(Change(ShowStatus.Scheduled), Device);

        Assert.False(applied);
        Assert.Equal(ShowStatus.Live, state.Status);
        Assert.Equal(WentLive, state.WentLiveAt);
        Assert.Equal(0, raised);
    }

    [Fact]
    public void ApplyStatus_LiveToEnded_Applies()
    {
        var state = LoadedState(ShowStatus.Live);
        var ended = Device.AddMinutes(45);
        var raised = 0;
        state.Changed += () => raised++;

        var applied = state.ApplyStatus(Change(ShowStatus.Ended, WentLive, ended), Device);

        Assert.True(applied);
        Assert.Equal(ShowStatus.Ended, state.Status);
        Assert.Equal(ended, state.EndedAt);
        Assert.Equal(WentLive, state.WentLiveAt);
        Assert.Equal(1, raised);
    }

    [Fact]
    public void ApplyStatus_OtherShowId_IsIgnored()
    {
        var state = LoadedState();
        var raised = 0;
        state.Changed += () => raised++;

        var applied = state.ApplyStatus(Change(ShowStatus.Live, WentLive, showId: Guid.NewGuid()), Device);

        Assert.False(applied);
        Assert.Equal(ShowStatus.Scheduled, state.Status);
        Assert.Null(state.WentLiveAt);
        Assert.Equal(0, raised);
    }

    [Fact]
    public void ApplyStatus_Change_SetsClockOffsetToServerMinusDevice()
    {
        var state = LoadedState();
        var deviceNow = Device.AddSeconds(-7.5); // device clock runs 7.5 s behind the server

        state.ApplyStatus(Change(ShowStatus.Live, WentLive), deviceNow);

        Assert.Equal(TimeSpan.FromSeconds(7.5), state.ClockOffset);
    }
}
