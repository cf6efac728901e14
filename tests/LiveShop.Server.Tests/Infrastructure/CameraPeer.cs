using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using LiveShop.Server.Data;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>
/// One end of the camera's signalling, like a browser's camera.js: a real connection in a show's room
/// that keeps every camera push it receives, in order, to be read with <see cref="NextAsync"/>.
/// </summary>
public sealed class CameraPeer : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Channel<(string Kind, object?[] Args)> _pushes = Channel.CreateUnbounded<(string, object?[])>();

    private CameraPeer(HubConnection connection, Guid showId)
    {
        Connection = connection;
        ShowId = showId;
        On<Guid>(nameof(ILiveShowClient.CameraAvailable));
        On<Guid>(nameof(ILiveShowClient.CameraPaused));
        On<Guid, string>(nameof(ILiveShowClient.CameraViewerRequested));
        On<Guid, string>(nameof(ILiveShowClient.CameraViewerLeft));
        On<CameraViewersDto>(nameof(ILiveShowClient.CameraViewers));
        On<Guid, string>(nameof(ILiveShowClient.CameraOffer));
        On<Guid, string, string>(nameof(ILiveShowClient.CameraAnswer));
        On<Guid, string?, CameraIceCandidateDto>(nameof(ILiveShowClient.CameraIceCandidate));
    }

    public HubConnection Connection { get; }

    public Guid ShowId { get; }

    public string Id => Connection.ConnectionId!;

    /// <summary>Connects with the given cookies (none: anonymous) and joins the show's room.</summary>
    public static async Task<CameraPeer> JoinAsync(LiveShopFactory factory, Guid showId, CookieContainer? cookies = null)
    {
        var peer = new CameraPeer(await factory.ConnectAsync(cookies), showId);
        await peer.Connection.InvokeAsync<JoinResult>(nameof(ILiveShowHub.JoinShow), showId, null);
        return peer;
    }

    /// <summary>Creates a Camera show as the demo host (live unless said otherwise), with the host's console in its room.</summary>
    public static async Task<(SignedIn Host, ShowDetailDto Show, CameraPeer Console)> CameraShowAsync(LiveShopFactory factory, string title, bool goLive = true)
    {
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request(title, LiveRoom.Lineup) with { VideoUrl = null, VideoKind = VideoSourceKind.Camera });
        response.EnsureSuccessStatusCode();
        var show = (await response.Content.ReadFromJsonAsync<ShowDetailDto>())!;
        var console = await JoinAsync(factory, show.Id, host.Cookies);
        if (goLive)
        {
            await console.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id);
        }

        return (host, show, console);
    }

    public Task<CameraViewersDto> StartCameraAsync() => Connection.InvokeAsync<CameraViewersDto>(nameof(ILiveShowHub.StartCamera), ShowId);

    public Task RequestAsync() => Connection.InvokeAsync(nameof(ILiveShowHub.RequestCamera), ShowId);

    public Task OfferAsync(string viewerConnectionId, string sdp) => Connection.InvokeAsync(nameof(ILiveShowHub.SendCameraOffer), ShowId, viewerConnectionId, sdp);

    public Task AnswerAsync(string sdp) => Connection.InvokeAsync(nameof(ILiveShowHub.SendCameraAnswer), ShowId, sdp);

    public Task IceAsync(string? target, CameraIceCandidateDto candidate) => Connection.InvokeAsync(nameof(ILiveShowHub.SendIceCandidate), ShowId, target, candidate);

    /// <summary>The next camera push of the named kind (others before it are skipped); fails after 10 s.</summary>
    public async Task<object?[]> NextAsync(string kind)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var (received, args) = await _pushes.Reader.ReadAsync(timeout.Token);
            if (received == kind)
            {
                return args;
            }
        }
    }

    /// <summary>The camera pushes received so far and not yet read, by kind.</summary>
    public IReadOnlyList<string> Unread()
    {
        var kinds = new List<string>();
        while (_pushes.Reader.TryRead(out var push))
        {
            kinds.Add(push.Kind);
        }

        return kinds;
    }

    /// <summary>Lets pushes already sent arrive (a round trip through the hub: pushes to a connection arrive in order before the answer).</summary>
    public Task SettleAsync() => Connection.InvokeAsync(nameof(ILiveShowHub.GetQuestions), ShowId);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private void On<T1>(string kind) => Connection.On<T1>(kind, a => _pushes.Writer.TryWrite((kind, [a])));

    private void On<T1, T2>(string kind) => Connection.On<T1, T2>(kind, (a, b) => _pushes.Writer.TryWrite((kind, [a, b])));

    private void On<T1, T2, T3>(string kind) => Connection.On<T1, T2, T3>(kind, (a, b, c) => _pushes.Writer.TryWrite((kind, [a, b, c])));
}

/// <summary>The app with a small camera cap (2 direct viewers), to reach it with a few connections.</summary>
public sealed class CameraCapLiveShopFactory : LiveShopFactory
{
    public const int Cap = 2;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Video:CameraViewerCap", Cap.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
