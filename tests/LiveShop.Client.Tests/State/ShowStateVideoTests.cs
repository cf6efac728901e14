using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests.State;

public sealed class ShowStateVideoTests
{
    private static readonly Guid ShowId = Guid.Parse("0b8e7f52-1c1d-4a57-9a0e-3f1f2d5e6c7a");
    private static readonly DateTimeOffset Device = new(2025, 3, 14, 11, 30, 0, TimeSpan.Zero);
    private static readonly VideoSourceDto Mp4 = new(VideoSourceKind.StreamUrl, "/media/demo.mp4", "/media/demo-poster.jpg");

    [Fact]
    public void Load_Show_VideoIsTheShows()
    {
        var state = new ShowState();

        state.Load(Detail());

        Assert.Equal(Mp4, state.Video);
    }

    [Fact]
    public void ApplyEvents_VideoChanged_WaitingPageGetsTheNewSource()
    {
        var state = new ShowState();
        state.Load(Detail());
        state.ApplyJoin(new JoinResult(ShowId, Device, new RoomSnapshot(ShowId, 4, ShowStatus.Scheduled, null, null, [], [], [], 0, new ChatSettingsDto(0, null)), [], new RoomStats(ShowId, 1, 1, 0, 0, Device)), Device);
        var hls = new VideoSourceDto(VideoSourceKind.StreamUrl, "/media/demo/index.m3u8", "/media/demo-poster.jpg");
        var changes = 0;
        state.Changed += () => changes++;

        Assert.True(state.ApplyEvents([new VideoChangedEvent(5, Device, hls)]));

        Assert.Equal(hls, state.Video);
        Assert.Equal(5, state.LastSequence);
        Assert.Equal(1, changes);
    }

    private static ShowDetailDto Detail() => new(
        ShowId, "Spring tea tasting", "", new HostDto(Guid.Parse("7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928"), "Mei"),
        ShowStatus.Scheduled, Device, null, null, Currencies.Twd, Mp4, []);
}
