using LiveShop.Client.Services.Video;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Video;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveShop.Client.Services;

/// <summary>The camera's signalling over this connection (see <see cref="ICameraSignalling"/> and docs/camera.md).</summary>
public sealed partial class LiveShowConnection
{
    /// <summary>Camera pushes about the joined show, and <see cref="CameraSignalKind.Rejoined"/> after every (re)join.</summary>
    public event Func<CameraSignal, Task>? CameraSignal;

    public Guid ShowId => _showId;

    public string? ConnectionId => _connection?.ConnectionId;

    public Task<CameraViewersDto> StartCameraAsync() => Hub.InvokeAsync<CameraViewersDto>(nameof(ILiveShowHub.StartCamera), _showId);

    public Task StopCameraAsync() => Hub.InvokeAsync(nameof(ILiveShowHub.StopCamera), _showId);

    public Task RequestCameraAsync() => Hub.InvokeAsync(nameof(ILiveShowHub.RequestCamera), _showId);

    public Task SendCameraOfferAsync(string viewerConnectionId, string sdp) => Hub.InvokeAsync(nameof(ILiveShowHub.SendCameraOffer), _showId, viewerConnectionId, sdp);

    public Task SendCameraAnswerAsync(string sdp) => Hub.InvokeAsync(nameof(ILiveShowHub.SendCameraAnswer), _showId, sdp);

    public Task SendIceCandidateAsync(string? targetConnectionId, CameraIceCandidateDto candidate) =>
        Hub.InvokeAsync(nameof(ILiveShowHub.SendIceCandidate), _showId, targetConnectionId, candidate);

    private void OnCameraPushes(HubConnection connection)
    {
        connection.On<Guid>(nameof(ILiveShowClient.CameraAvailable), showId => CameraAsync(showId, new(CameraSignalKind.Available)));
        connection.On<Guid>(nameof(ILiveShowClient.CameraPaused), showId => CameraAsync(showId, new(CameraSignalKind.Paused)));
        connection.On<Guid, string>(nameof(ILiveShowClient.CameraViewerRequested), (showId, viewer) => CameraAsync(showId, new(CameraSignalKind.ViewerRequested, viewer)));
        connection.On<Guid, string>(nameof(ILiveShowClient.CameraViewerLeft), (showId, viewer) => CameraAsync(showId, new(CameraSignalKind.ViewerLeft, viewer)));
        connection.On<CameraViewersDto>(nameof(ILiveShowClient.CameraViewers), viewers => CameraAsync(viewers.ShowId, new(CameraSignalKind.Viewers, Viewers: viewers)));
        connection.On<Guid, string>(nameof(ILiveShowClient.CameraOffer), (showId, sdp) => CameraAsync(showId, new(CameraSignalKind.Offer, Sdp: sdp)));
        connection.On<Guid, string, string>(nameof(ILiveShowClient.CameraAnswer), (showId, viewer, sdp) => CameraAsync(showId, new(CameraSignalKind.Answer, viewer, sdp)));
        connection.On<Guid, string?, CameraIceCandidateDto>(nameof(ILiveShowClient.CameraIceCandidate), (showId, from, candidate) =>
            CameraAsync(showId, new(CameraSignalKind.IceCandidate, from, Candidate: candidate)));
    }

    private Task CameraAsync(Guid showId, CameraSignal signal) => showId == _showId ? RaiseAsync(CameraSignal, signal) : Task.CompletedTask;

    private async Task CameraJoinedAsync()
    {
        if (cameras is not null)
        {
            await cameras.AttachAsync(this);
        }

        await RaiseAsync(CameraSignal, new CameraSignal(CameraSignalKind.Rejoined));
    }

    private Task CameraDisposingAsync() => cameras?.DetachAsync(this) ?? Task.CompletedTask;
}
