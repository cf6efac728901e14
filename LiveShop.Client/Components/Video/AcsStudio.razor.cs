using LiveShop.Client.Services;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace LiveShop.Client.Components.Video;

/// <summary>
/// The host's console for a show on Azure Communication Services: gets a Presenter session, asks for
/// the camera and microphone, shows a mirrored preview (for the host only), joins the show's Room
/// sending both, and lets the host pick devices, mute the mic or turn the camera off. Viewers receive
/// the video once the show is live (<see cref="AcsPlayer"/>).
/// </summary>
public sealed partial class AcsStudio : IAsyncDisposable
{
    private ElementReference _preview;
    private IJSObjectReference? _module;
    private IJSObjectReference? _studio;
    private DotNetObjectReference<AcsStudio>? _self;
    private AcsSessionDto? _session;
    private AcsConnectionState _state = AcsConnectionState.Connecting;
    private string? _reason;
    private bool _joined;
    private bool _micMuted;
    private bool _cameraOn = true;
    private string? _cameraId;
    private string? _microphoneId;
    private IReadOnlyList<AcsDevice> _cameras = [];
    private IReadOnlyList<AcsDevice> _microphones = [];

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The host's show.</summary>
    [Parameter, EditorRequired] public Guid ShowId { get; set; }

    /// <summary>The show's status: an ended show's Room is closed.</summary>
    [Parameter, EditorRequired] public ShowStatus Status { get; set; }

    private string StateName => _state.ToString().ToLowerInvariant();

    private string Message => _state switch
    {
        AcsConnectionState.Connecting => "Joining the ACS Room…",
        AcsConnectionState.Waiting => "In the Room; starting your camera…",
        AcsConnectionState.Live => Status == ShowStatus.Live ? "On air: viewers receive your camera." : "In the Room. Viewers receive your camera once you go live.",
        AcsConnectionState.Reconnecting => "Reconnecting…",
        AcsConnectionState.Ended => "You left the Room.",
        AcsConnectionState.Error => $"The studio could not start: {_reason}",
    };

    private async Task StartAsync()
    {
        _joined = true;
        _state = AcsConnectionState.Connecting;
        _reason = null;
        StateHasChanged();
        try
        {
            _session = await Api.StartAcsSessionAsync(ShowId);
            StateHasChanged();
            await Task.Yield(); // the preview element is rendered before the script draws into it
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", AcsScript.Path);
            _self ??= DotNetObjectReference.Create(this);
            _studio = await _module.InvokeAsync<IJSObjectReference>("joinAsPresenter", _preview, AcsScript.ForScript(_session), _self,
                new { cameraId = _cameraId, microphoneId = _microphoneId });
            var devices = await _studio.InvokeAsync<AcsDevices>("devices");
            _cameras = devices.Cameras;
            _microphones = devices.Microphones;
            _cameraId ??= _cameras.FirstOrDefault()?.Id;
            _microphoneId ??= _microphones.FirstOrDefault()?.Id;
        }
        catch (ApiException e)
        {
            Fail(e.Message);
        }
        catch (HttpRequestException)
        {
            Fail("the server could not be reached.");
        }
        catch (JSException e)
        {
            Fail(e.Message);
        }

        StateHasChanged();
    }

    private void Fail(string reason)
    {
        _state = AcsConnectionState.Error;
        _reason = reason;
    }

    /// <summary>Called by the script as the call moves along.</summary>
    [JSInvokable]
    public Task OnAcsState(string state, string? reason)
    {
        _state = AcsScript.Parse(state, _state);
        _reason = reason;
        return InvokeAsync(StateHasChanged);
    }

    /// <summary>Called by the script before the token runs out: a fresh one from the server.</summary>
    [JSInvokable]
    public async Task<string> RefreshAcsToken()
    {
        _session = await Api.StartAcsSessionAsync(ShowId);
        await InvokeAsync(StateHasChanged);
        return _session.Token;
    }

    private async Task UseCameraAsync(string id)
    {
        _cameraId = id;
        if (_studio is not null)
        {
            await _studio.InvokeVoidAsync("useCamera", id);
        }
    }

    private async Task UseMicrophoneAsync(string id)
    {
        _microphoneId = id;
        if (_studio is not null)
        {
            await _studio.InvokeVoidAsync("useMicrophone", id);
        }
    }

    private async Task ToggleMicAsync()
    {
        _micMuted = !_micMuted;
        if (_studio is not null)
        {
            await _studio.InvokeVoidAsync("setMicMuted", _micMuted);
        }
    }

    private async Task ToggleCameraAsync()
    {
        _cameraOn = !_cameraOn;
        if (_studio is not null)
        {
            await _studio.InvokeVoidAsync("setCameraOn", _cameraOn);
        }
    }

    private async Task RetryAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    private async Task StopAsync()
    {
        var studio = _studio;
        _studio = null;
        if (studio is null)
        {
            return;
        }

        try
        {
            await studio.InvokeVoidAsync("dispose");
            await studio.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The page is going away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The page is going away.
        }

        _self?.Dispose();
    }

    /// <summary>A camera or microphone as the script lists it.</summary>
    public sealed record AcsDevice(string Id, string Name);

    private sealed record AcsDevices(IReadOnlyList<AcsDevice> Cameras, IReadOnlyList<AcsDevice> Microphones);
}
