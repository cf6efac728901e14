using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace LiveShop.Client.Components.Video;

/// <summary>
/// The host's console for a show on Azure Communication Services: gets a Presenter session, asks for
/// the camera and microphone, shows a mirrored preview (for the host only), joins the show's Room
/// sending both, and lets the host pick devices, mute the mic or turn the camera off. Viewers receive
/// the video once the show is live (<see cref="AcsPlayer"/>).
/// </summary>
public sealed partial class AcsStudio
{
    private ElementReference _preview;
    private bool _joined;
    private bool _micMuted;
    private bool _cameraOn = true;
    private string? _cameraId;
    private string? _microphoneId;
    private IReadOnlyList<AcsDevice> _cameras = [];
    private IReadOnlyList<AcsDevice> _microphones = [];

    /// <summary>The show's status: an ended show's Room is closed.</summary>
    [Parameter, EditorRequired] public ShowStatus Status { get; set; }

    private string Message => State switch
    {
        AcsConnectionState.Connecting => T["Joining the ACS Room…"],
        AcsConnectionState.Waiting => T["In the Room; starting your camera…"],
        AcsConnectionState.Live => Status == ShowStatus.Live ? T["On air: viewers receive your camera."] : T["In the Room. Viewers receive your camera once you go live."],
        AcsConnectionState.Reconnecting => T["Reconnecting…"],
        AcsConnectionState.Ended => T["You left the Room."],
        AcsConnectionState.Error => T["The studio could not start: {0}", Reason ?? ""],
    };

    private Task JoinStudioAsync()
    {
        _joined = true;
        return StartAsync();
    }

    protected override Task<IJSObjectReference> JoinAsync(IJSObjectReference module, object session, DotNetObjectReference<AcsSessionComponent> self) =>
        module.InvokeAsync<IJSObjectReference>("joinAsPresenter", _preview, session, self, new { cameraId = _cameraId, microphoneId = _microphoneId }).AsTask();

    protected override async Task JoinedAsync(IJSObjectReference call)
    {
        var devices = await call.InvokeAsync<AcsDevices>("devices");
        _cameras = devices.Cameras;
        _microphones = devices.Microphones;
        _cameraId ??= _cameras.FirstOrDefault()?.Id;
        _microphoneId ??= _microphones.FirstOrDefault()?.Id;
    }

    private async Task UseCameraAsync(string id)
    {
        _cameraId = id;
        if (Call is not null)
        {
            await Call.InvokeVoidAsync("useCamera", id);
        }
    }

    private async Task UseMicrophoneAsync(string id)
    {
        _microphoneId = id;
        if (Call is not null)
        {
            await Call.InvokeVoidAsync("useMicrophone", id);
        }
    }

    private async Task ToggleMicAsync()
    {
        _micMuted = !_micMuted;
        if (Call is not null)
        {
            await Call.InvokeVoidAsync("setMicMuted", _micMuted);
        }
    }

    private async Task ToggleCameraAsync()
    {
        _cameraOn = !_cameraOn;
        if (Call is not null)
        {
            await Call.InvokeVoidAsync("setCameraOn", _cameraOn);
        }
    }

    /// <summary>A camera or microphone as the script lists it.</summary>
    public sealed record AcsDevice(string Id, string Name);

    private sealed record AcsDevices(IReadOnlyList<AcsDevice> Cameras, IReadOnlyList<AcsDevice> Microphones);
}
