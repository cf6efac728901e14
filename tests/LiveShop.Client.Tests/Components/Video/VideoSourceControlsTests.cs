using System.Net;
using System.Text.Json;
using Bunit;
using LiveShop.Client.Components.Video;
using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.Components.Video;

/// <summary>The host console's source controls: editable while scheduled, read-only once live.</summary>
public sealed class VideoSourceControlsTests : BunitTestBase
{
    private static readonly Guid ShowId = Guid.Parse("0b8e7f52-1c1d-4a57-9a0e-3f1f2d5e6c7a");
    private static readonly VideoSourceDto Mp4 = new(VideoSourceKind.StreamUrl, "/media/demo.mp4", "/media/demo-poster.jpg");

    private readonly FakeApi _server;

    public VideoSourceControlsTests()
        : this(new FakeApi())
    {
    }

    private VideoSourceControlsTests(FakeApi server)
        : base(services => services.AddSingleton<ApiClient>(_ => server.Client()))
    {
        _server = server;
        _server.Answer(HttpMethod.Get, ApiRoutes.VideoOptions, FakeApi.Json(HttpStatusCode.OK, new VideoOptionsDto(false, "Not set up.", 20, [])));
    }

    [Fact]
    public void Save_NewStreamUrlWhileScheduled_PutsItAndSaysViewersSwitch()
    {
        var hls = new VideoSourceDto(VideoSourceKind.StreamUrl, "/media/demo/index.m3u8", "/media/demo-poster.jpg");
        _server.Answer(HttpMethod.Put, ApiRoutes.ShowVideo(ShowId), FakeApi.Json<RoomEvent>(HttpStatusCode.OK, new VideoChangedEvent(7, DeviceNow, hls)));
        var cut = Render(ShowStatus.Scheduled);

        cut.Find("[data-testid=show-video-input]").Input("/media/demo/index.m3u8");
        cut.Find("[data-testid=video-source-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("viewers waiting", cut.Find("[data-testid=video-source-saved]").TextContent));
        var sent = Assert.Single(_server.Sent, s => s.Method == HttpMethod.Put);
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.Equal("/media/demo/index.m3u8", body.RootElement.GetProperty("url").GetString());
    }

    [Fact]
    public void Render_Live_ReadOnlyWithTheSourceOnAir()
    {
        var cut = Render(ShowStatus.Live);

        Assert.Equal("Stream URL · /media/demo.mp4", cut.Find("[data-testid=video-source-current]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=video-source-picker]"));
        Assert.Empty(cut.FindAll("[data-testid=video-source-save]"));
    }

    private IRenderedComponent<VideoSourceControls> Render(ShowStatus status) =>
        Ctx.Render<VideoSourceControls>(p => p
            .Add(c => c.ShowId, ShowId)
            .Add(c => c.Source, Mp4)
            .Add(c => c.Status, status));
}
