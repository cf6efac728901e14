using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Features.Video;

/// <summary>A show's video source: chosen at creation, changeable by its host until it goes live, pushed to waiting viewers.</summary>
public class VideoSourceTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    [Fact]
    public async Task Options_WithoutAcsConfigured_OfferCameraAndStreamUrl_AndSayWhyNotAcs()
    {
        var options = await factory.NewBrowser().GetFromJsonAsync<VideoOptionsDto>(ApiRoutes.VideoOptions);

        Assert.False(options!.AcsAvailable);
        Assert.Contains("Acs:ConnectionString", options.AcsUnavailableReason, StringComparison.Ordinal);
        Assert.Equal(20, options.CameraViewerCap);
        Assert.Empty(options.IceServers);
    }

    [Fact]
    public async Task CreateShow_WithCamera_StoresTheKindWithoutAUrl()
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);

        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Camera show", LiveRoom.Lineup) with { VideoUrl = null, VideoKind = VideoSourceKind.Camera });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var show = (await response.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        Assert.Equal(new VideoSourceDto(VideoSourceKind.Camera, null, null), show.Video);
    }

    [Theory]
    [InlineData(VideoSourceKind.Acs, null, HttpStatusCode.BadRequest, ProblemCodes.VideoSourceUnavailable)]
    [InlineData(VideoSourceKind.Camera, "/media/demo.mp4", HttpStatusCode.BadRequest, ProblemCodes.ShowVideoInvalid)]
    [InlineData(VideoSourceKind.StreamUrl, "javascript:alert(1)", HttpStatusCode.BadRequest, ProblemCodes.ShowVideoInvalid)]
    public async Task CreateShow_SourceThisServerCannotServe_RefusedWithAReason(VideoSourceKind kind, string? url, HttpStatusCode status, string code)
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);

        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Refused source", LiveRoom.Lineup) with { VideoUrl = url, VideoKind = kind });

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task ChangeVideo_BeforeLive_WaitingViewersGetTheNewSource_AfterGoingLiveRefused()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Video: change", goLive: false);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);

        var response = await room.Host.Http.PutAsJsonAsync(ApiRoutes.ShowVideo(room.Show.Id), new ChangeVideoSourceRequest(VideoSourceKind.StreamUrl, "/media/demo/index.m3u8"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = new VideoSourceDto(VideoSourceKind.StreamUrl, "/media/demo/index.m3u8", "/media/demo-poster.jpg");
        Assert.Equal(expected, (await viewer.NextAsync<VideoChangedEvent>()).Video);
        Assert.Equal(expected, (await factory.NewBrowser().GetShowAsync(room.Show.Id)).Video);

        await room.HostRoom.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), room.Show.Id);
        var refused = await room.Host.Http.PutAsJsonAsync(ApiRoutes.ShowVideo(room.Show.Id), new ChangeVideoSourceRequest(VideoSourceKind.Camera, null));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(ProblemCodes.ShowAlreadyLive, (await Problem.ReadAsync(refused)).Code);
        Assert.Equal(expected, (await factory.NewBrowser().GetShowAsync(room.Show.Id)).Video);
    }

    [Fact]
    public async Task ChangeVideo_NotTheHost_RefusedAndUnchanged()
    {
        await using var room = await LiveRoom.StartAsync(factory, "Video: not yours", goLive: false);
        var other = await factory.SignInAsync(DemoSeeder.CoHostAccount.Email);

        var response = await other.Http.PutAsJsonAsync(ApiRoutes.ShowVideo(room.Show.Id), new ChangeVideoSourceRequest(VideoSourceKind.Camera, null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ProblemCodes.NotShowHost, (await Problem.ReadAsync(response)).Code);
        Assert.Equal(room.Show.Video, (await factory.NewBrowser().GetShowAsync(room.Show.Id)).Video);
    }
}
