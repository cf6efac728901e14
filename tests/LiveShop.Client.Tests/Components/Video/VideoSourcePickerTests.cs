using System.Net;
using Bunit;
using LiveShop.Client.Components.Video;
using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Client.Tests.Components.Video;

public sealed class VideoSourcePickerTests : BunitTestBase
{
    private const string NoAcs = "Azure Communication Services is not set up on this server (Acs:ConnectionString).";

    private static readonly FakeApi Server = new();

    public VideoSourcePickerTests()
        : base(services => services.AddSingleton<ApiClient>(_ => Server.Client()))
    {
        Server.Answer(HttpMethod.Get, ApiRoutes.VideoOptions, FakeApi.Json(HttpStatusCode.OK, new VideoOptionsDto(false, NoAcs, 20, [])));
    }

    [Fact]
    public void Render_AcsNotConfigured_AcsDisabledWithTheServersReason()
    {
        var cut = Ctx.Render<VideoSourcePicker>(p => p.Add(v => v.Kind, VideoSourceKind.StreamUrl));

        cut.WaitForAssertion(() => Assert.Equal(NoAcs, cut.Find("[data-testid=acs-unavailable-reason]").TextContent.Trim()));
        Assert.True(cut.Find("[data-testid=video-kind-acs]").HasAttribute("disabled"));
        Assert.False(cut.Find("[data-testid=video-kind-camera]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_AcsConfigured_AcsEnabledWithoutReason()
    {
        var cut = Ctx.Render<VideoSourcePicker>(p => p
            .Add(v => v.Kind, VideoSourceKind.StreamUrl)
            .Add(v => v.Options, new VideoOptionsDto(true, null, 20, [])));

        Assert.False(cut.Find("[data-testid=video-kind-acs]").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=acs-unavailable-reason]"));
    }

    [Fact]
    public void Render_StreamUrl_ShowsTheUrlField()
    {
        var cut = Ctx.Render<VideoSourcePicker>(p => p
            .Add(v => v.Kind, VideoSourceKind.StreamUrl)
            .Add(v => v.Url, "/media/demo/index.m3u8"));

        Assert.Equal("/media/demo/index.m3u8", cut.Find("[data-testid=show-video-input]").GetAttribute("value"));
    }

    [Fact]
    public void Render_Camera_NoUrlFieldButTheViewerCap()
    {
        var cut = Ctx.Render<VideoSourcePicker>(p => p
            .Add(v => v.Kind, VideoSourceKind.Camera)
            .Add(v => v.Options, new VideoOptionsDto(false, NoAcs, 12, [])));

        Assert.Empty(cut.FindAll("[data-testid=show-video-input]"));
        Assert.Contains("Up to 12 viewers", cut.Find("[data-testid=video-kind-hint]").TextContent);
    }

    [Fact]
    public void Choose_Camera_RaisesKindChanged()
    {
        VideoSourceKind? chosen = null;
        var cut = Ctx.Render<VideoSourcePicker>(p => p
            .Add(v => v.Kind, VideoSourceKind.StreamUrl)
            .Add(v => v.KindChanged, kind => chosen = kind)
            .Add(v => v.Options, new VideoOptionsDto(false, NoAcs, 20, [])));

        cut.Find("[data-testid=video-kind-camera]").Click();

        Assert.Equal(VideoSourceKind.Camera, chosen);
    }
}
