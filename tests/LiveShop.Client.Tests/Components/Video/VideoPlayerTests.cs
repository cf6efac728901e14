using Bunit;
using LiveShop.Client.Components;
using LiveShop.Client.Components.Video;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests.Components.Video;

/// <summary>The viewer's player: what it shows in each state the script reports.</summary>
public sealed class VideoPlayerTests : BunitTestBase
{
    private static readonly VideoSourceDto Hls = new(VideoSourceKind.StreamUrl, "/streams/live/index.m3u8", "/media/demo-poster.jpg");

    private readonly BunitJSModuleInterop _module;
    private readonly BunitJSModuleInterop _player;

    public VideoPlayerTests()
    {
        _module = Ctx.JSInterop.SetupModule(StreamUrlPlayer.ScriptPath);
        _player = _module.SetupModule("createPlayer", _ => true);
        _player.SetupVoid("setMuted", _ => true).SetVoidResult();
        _player.SetupVoid("toggleFullscreen", _ => true).SetVoidResult();
    }

    private IRenderedComponent<VideoPlayer> RenderLive(VideoSourceDto source, TimeSpan clockOffset = default, Action<DateTimeOffset?>? playingDate = null) =>
        Ctx.Render<VideoPlayer>(p => p
            .Add(v => v.Source, source)
            .Add(v => v.Status, ShowStatus.Live)
            .Add(v => v.Title, "Spring tea tasting")
            .Add(v => v.ClockOffset, clockOffset)
            .Add(v => v.PlayingDateChanged, playingDate ?? (_ => { })));

    [Fact]
    public void Render_LiveStream_StartsTheScriptMutedWithUnmuteAndFullscreen()
    {
        var cut = RenderLive(Hls);

        var create = Assert.Single(_module.Invocations, i => i.Identifier == "createPlayer");
        Assert.Equal("/streams/live/index.m3u8", create.Arguments[1]);
        Assert.Equal("Tap to unmute", cut.Find("[data-testid=unmute-button]").TextContent.Trim());
        Assert.Equal("Full screen", cut.Find("[data-testid=fullscreen-button]").GetAttribute("aria-label"));
        Assert.Equal("/media/demo-poster.jpg", cut.Find("[data-testid=show-video]").GetAttribute("poster"));
    }

    [Fact]
    public void Render_Mp4_InTheMarkupSoItStartsBeforeWebAssembly_HlsOnlyThroughTheScript()
    {
        var mp4 = RenderLive(new VideoSourceDto(VideoSourceKind.StreamUrl, "/media/demo.mp4", null));
        var hls = RenderLive(Hls);

        Assert.Equal("/media/demo.mp4", mp4.Find("[data-testid=show-video]").GetAttribute("src"));
        Assert.Null(hls.Find("[data-testid=show-video]").GetAttribute("src"));
    }

    [Fact]
    public void Unmute_Tapped_UnmutesThePlayerAndOffersMute()
    {
        var cut = RenderLive(Hls);

        cut.Find("[data-testid=unmute-button]").Click();

        Assert.Equal(false, Assert.Single(_player.Invocations, i => i.Identifier == "setMuted").Arguments[0]);
        Assert.Equal("Mute", cut.Find("[data-testid=unmute-button]").GetAttribute("aria-label"));
        Assert.DoesNotContain("Tap to unmute", cut.Markup);
    }

    [Fact]
    public void Fullscreen_Tapped_AsksTheScript()
    {
        var cut = RenderLive(Hls);

        cut.Find("[data-testid=fullscreen-button]").Click();

        Assert.Single(_player.Invocations, i => i.Identifier == "toggleFullscreen");
    }

    [Fact]
    public async Task OnPlayerState_Reconnecting_ShowsReconnectingUntilPlayingAgain()
    {
        var cut = RenderLive(Hls);
        var stream = cut.FindComponent<StreamUrlPlayer>().Instance;

        await cut.InvokeAsync(() => stream.OnPlayerState("reconnecting"));
        Assert.Equal("Reconnecting…", cut.Find("[data-testid=player-reconnecting]").TextContent.Trim());

        await cut.InvokeAsync(() => stream.OnPlayerState("playing"));
        Assert.Empty(cut.FindAll("[data-testid=player-reconnecting]"));
        Assert.Equal("playing", cut.Find("[data-testid=show-video]").GetAttribute("data-player-state"));
    }

    [Fact]
    public async Task OnPlayingDate_StreamWithDates_ShowsTheDelayOnTheServersClockAndTellsThePage()
    {
        DateTimeOffset? told = null;
        var serverAhead = TimeSpan.FromSeconds(5);
        var cut = RenderLive(Hls, serverAhead, date => told = date);
        Assert.Empty(cut.FindAll("[data-testid=stream-delay]"));
        var playing = DeviceNow + serverAhead - TimeSpan.FromSeconds(3.2);

        await cut.InvokeAsync(() => cut.FindComponent<StreamUrlPlayer>().Instance.OnPlayingDate(playing.ToUnixTimeMilliseconds()));

        Assert.Equal("3.2 s behind live", cut.Find("[data-testid=stream-delay]").TextContent.Trim());
        Assert.Equal(playing.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-testid=show-video]").GetAttribute("data-playing-date"));
        Assert.Equal(playing, told);
    }

    [Fact]
    public void Render_KindThisPlayerDoesNotKnow_SaysSoWithoutAVideo()
    {
        // A newer server may offer a source this page was built before (Camera and ACS have their own tests).
        var cut = RenderLive(new VideoSourceDto((VideoSourceKind)99, null, null));

        Assert.Contains("can't play their video yet", cut.Find("[data-testid=player-unsupported]").TextContent);
        Assert.Empty(cut.FindAll("video"));
        Assert.Empty(_module.Invocations);
    }

    [Fact]
    public void Render_Scheduled_ShowsThePosterAndNoVideo()
    {
        var cut = Ctx.Render<VideoPlayer>(p => p
            .Add(v => v.Source, Hls)
            .Add(v => v.Status, ShowStatus.Scheduled)
            .Add(v => v.Title, "Spring tea tasting"));

        Assert.Contains("/media/demo-poster.jpg", cut.Find(".ls-player__idle").GetAttribute("style"));
        Assert.Contains("Stay here", cut.Find("[data-testid=player-message]").TextContent);
        Assert.Empty(cut.FindAll("video"));
    }
}
