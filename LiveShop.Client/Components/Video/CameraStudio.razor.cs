using LiveShop.Client.Services;
using LiveShop.Client.Services.Video;
using LiveShop.Shared;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.JSInterop;
using System.Net.Http.Json;

namespace LiveShop.Client.Components.Video;

/// <summary>
/// The host's camera in the console (a Camera show): pick the camera and microphone, a preview mirrored
/// for the host only, mute, camera off, and the count of direct viewers against the cap (with the
/// suggestion of a Stream URL or ACS when it is reached). The camera may start before the show is live
/// (a rehearsal: viewers connect once it is); each viewer who asks gets its own RTCPeerConnection
/// (wwwroot/js/camera.js), signalled through the page's live connection. After a reload the camera
/// starts again by itself (remembered for the tab) and every viewer is offered it again.
/// </summary>
public sealed partial class CameraStudio : IAsyncDisposable
{
    /// <summary>Tries to become the camera while the relay is away: 2, 4 … 10 s apart, about a minute in all.</summary>
    private const int RelayAttempts = 8;

    private ElementReference _preview;
    private IJSObjectReference? _module;
    private IJSObjectReference? _studio;
    private DotNetObjectReference<CameraStudio>? _self;
    private ICameraSignalling? _subscribed;
    private StudioPhase _phase = StudioPhase.Off;
    private string? _problem;
    private CameraDevices _devices = new([], [], null, null);
    private string? _cameraId;
    private string? _micId;
    private bool _micMuted;
    private bool _cameraOff;
    private bool _switching;
    private bool _autoStartChecked;
    private CameraViewersDto? _viewers;

    /// <summary>The connection that is the show's camera: a rejoin on the same one changes nothing.</summary>
    private string? _cameraOn;

    private enum StudioPhase
    {
        Off,
        Starting,
        On,
        Failed,
    }

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private CameraChannel Channel { get; set; } = default!;

    [Inject] private HttpClient Http { get; set; } = default!;

    /// <summary>The show's video source: the studio appears for <see cref="VideoSourceKind.Camera"/> only.</summary>
    [Parameter, EditorRequired] public VideoSourceDto Source { get; set; } = default!;

    /// <summary>The show's status: viewers connect while it is live; an ended show stops the camera.</summary>
    [Parameter, EditorRequired] public ShowStatus Status { get; set; }

    /// <summary>Whether the signed-in user is the show's host (only the host's window can be its camera).</summary>
    [Parameter, EditorRequired] public bool IsHost { get; set; }

    private ICameraSignalling? Signalling => Channel.Current;

    private bool Active => Source.Kind == VideoSourceKind.Camera && IsHost;

    private bool Full => _viewers is { CapReached: true };

    private string StorageKey => $"liveshop.camera.{Signalling?.ShowId:N}";

    protected override void OnInitialized()
    {
        Channel.Changed += OnChannelChangedAsync;
    }

    protected override void OnParametersSet()
    {
        Channel.StudioOnPage = Active;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Status == ShowStatus.Ended && _phase == StudioPhase.On)
        {
            await StopAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await OnChannelChangedAsync();
        }
    }

    private async Task OnChannelChangedAsync()
    {
        if (ReferenceEquals(_subscribed, Signalling))
        {
            return;
        }

        if (_subscribed is not null)
        {
            _subscribed.CameraSignal -= OnSignalAsync;
        }

        _subscribed = Signalling;
        if (_subscribed is not null)
        {
            _subscribed.CameraSignal += OnSignalAsync;
            await InvokeAsync(StateHasChanged);
            _ = InvokeAsync(AutoStartAsync);
        }
    }

    /// <summary>After a reload: the camera was on in this tab, so it comes back on, and viewers are offered it again.</summary>
    private async Task AutoStartAsync()
    {
        if (_autoStartChecked || !Active || Status == ShowStatus.Ended || Signalling is null)
        {
            return;
        }

        _autoStartChecked = true;
        try
        {
            if (await JS.InvokeAsync<string?>("sessionStorage.getItem", StorageKey) == "on")
            {
                await InvokeAsync(StartAsync);
            }
        }
        catch (JSException)
        {
            // No session storage: the host presses Start camera.
        }
    }

    private async Task StartAsync()
    {
        if (Signalling is not { } signalling || _phase == StudioPhase.Starting)
        {
            return;
        }

        _phase = StudioPhase.Starting;
        _problem = null;
        StateHasChanged();
        try
        {
            if (_studio is null)
            {
                var options = await Http.GetFromJsonAsync(ApiRoutes.VideoOptions, LiveShopJsonContext.Default.VideoOptionsDto);
                _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/camera.js");
                _self ??= DotNetObjectReference.Create(this);
                _studio = await _module.InvokeAsync<IJSObjectReference>("createStudio", _self, _preview, options?.IceServers ?? []);
            }

            _devices = await _studio.InvokeAsync<CameraDevices>("start", _cameraId, _micId);
            _cameraId = _devices.Camera;
            _micId = _devices.Microphone;
            await _studio.InvokeVoidAsync("setMicMuted", _micMuted);
            await _studio.InvokeVoidAsync("setCameraOff", _cameraOff);
            var connection = signalling.ConnectionId;
            _viewers = await StartOnServerAsync(signalling);
            _cameraOn = connection;
            _phase = StudioPhase.On;
            await JS.InvokeVoidAsync("sessionStorage.setItem", StorageKey, "on");
        }
        catch (HubException e)
        {
            await FailAsync(HubErrors.Sentence(e));
        }
        catch (JSException e)
        {
            await FailAsync(e.Message.Contains("Permission", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("NotAllowed", StringComparison.Ordinal)
                ? T["The browser did not allow the camera and microphone. Allow them for this site (the camera icon in the address bar), then start again."]
                : T["The camera or microphone could not be opened (in use by another app, or none connected)."]);
        }
        catch (HttpRequestException)
        {
            await FailAsync(T["The video settings could not be loaded; check the connection and start again."]);
        }

        StateHasChanged();
    }

    private async Task FailAsync(string problem)
    {
        _phase = StudioPhase.Failed;
        _problem = problem;
        if (_studio is not null)
        {
            await _studio.InvokeVoidAsync("dispose");
        }
    }

    private async Task StopAsync()
    {
        _phase = StudioPhase.Off;
        _viewers = null;
        try
        {
            await JS.InvokeVoidAsync("sessionStorage.removeItem", StorageKey);
            if (_studio is not null)
            {
                await _studio.InvokeVoidAsync("dispose");
            }

            if (Signalling is { } signalling)
            {
                await signalling.StopCameraAsync();
            }
        }
        catch (HubException)
        {
            // Already not the camera (another window took over, or the connection was replaced).
        }
    }

    private async Task ChangeCameraAsync(string id) => await SwitchAsync(() => _cameraId = id);

    private async Task ChangeMicrophoneAsync(string id) => await SwitchAsync(() => _micId = id);

    private async Task SwitchAsync(Action choose)
    {
        if (_studio is null)
        {
            return;
        }

        choose();
        _switching = true;
        try
        {
            _devices = await _studio.InvokeAsync<CameraDevices>("start", _cameraId, _micId);
        }
        catch (JSException)
        {
            _problem = T["That device could not be opened; the previous one stays on."];
        }
        finally
        {
            _switching = false;
        }
    }

    private async Task SetMicMutedAsync(bool muted)
    {
        _micMuted = muted;
        if (_studio is not null)
        {
            await _studio.InvokeVoidAsync("setMicMuted", muted);
        }
    }

    private async Task SetCameraOffAsync(bool off)
    {
        _cameraOff = off;
        if (_studio is not null)
        {
            await _studio.InvokeVoidAsync("setCameraOff", off);
        }
    }

    private Task OnSignalAsync(CameraSignal signal) => InvokeAsync(async () =>
    {
        if (_studio is null || _phase != StudioPhase.On || Signalling is not { } signalling)
        {
            return;
        }

        try
        {
            switch (signal.Kind)
            {
                case CameraSignalKind.ViewerRequested:
                    var offer = await _studio.InvokeAsync<string>("offerTo", signal.ConnectionId);
                    await signalling.SendCameraOfferAsync(signal.ConnectionId!, offer);
                    break;
                case CameraSignalKind.Answer:
                    await _studio.InvokeVoidAsync("acceptAnswer", signal.ConnectionId, signal.Sdp);
                    break;
                case CameraSignalKind.IceCandidate:
                    await _studio.InvokeVoidAsync("addIce", signal.ConnectionId, signal.Candidate);
                    break;
                case CameraSignalKind.ViewerLeft:
                    await _studio.InvokeVoidAsync("close", signal.ConnectionId);
                    break;
                case CameraSignalKind.Viewers:
                    _viewers = signal.Viewers;
                    StateHasChanged();
                    break;
                case CameraSignalKind.Paused:
                    // Another window of this host became the camera.
                    await _studio.InvokeVoidAsync("dispose");
                    _phase = StudioPhase.Failed;
                    _problem = T["Your camera is now sent from another window. Start it here again to take over."];
                    _viewers = null;
                    StateHasChanged();
                    break;
                case CameraSignalKind.Rejoined when signalling.ConnectionId != _cameraOn:
                    // A new connection after a network drop: become the camera again; viewers are asked to request.
                    await _studio.InvokeVoidAsync("closeAll");
                    var connection = signalling.ConnectionId;
                    try
                    {
                        _viewers = await StartOnServerAsync(signalling);
                        _cameraOn = connection;
                    }
                    catch (HubException e)
                    {
                        // Not the camera any more: say so rather than show "on" to a host whose viewers see nothing.
                        await FailAsync(HubErrors.Sentence(e));
                        break;
                    }

                    StateHasChanged();
                    break;
                default:
                    break;
            }
        }
        catch (HubException)
        {
            // The viewer left meanwhile (its place is freed by the server; the ViewerLeft push closes the peer).
        }
        catch (JSException)
        {
            // A peer that failed to negotiate: the viewer asks again by itself.
        }
    });

    /// <summary>
    /// Tells the server this window is the show's camera, asking again for about a minute while the camera relay
    /// (Redis, with several servers) does not answer — after a server died, its replacement may come up first.
    /// </summary>
    private static async Task<CameraViewersDto> StartOnServerAsync(ICameraSignalling signalling)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await signalling.StartCameraAsync();
            }
            catch (HubException e) when (HubErrors.Code(e) == ProblemCodes.CameraRelayUnavailable && attempt < RelayAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(2 * attempt, 10)));
            }
        }
    }

    /// <summary>camera.js: a candidate of the peer for <paramref name="viewerId"/> to send to that viewer.</summary>
    [JSInvokable]
    public async Task OnLocalIceAsync(string viewerId, string candidate, string? sdpMid, int? sdpMLineIndex)
    {
        if (Signalling is { } signalling && candidate.Length <= CameraLimits.CandidateMaxLength)
        {
            try
            {
                await signalling.SendIceCandidateAsync(viewerId, new CameraIceCandidateDto(candidate, sdpMid, sdpMLineIndex));
            }
            catch (HubException)
            {
                // The viewer left.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Changed -= OnChannelChangedAsync;
        Channel.StudioOnPage = false;
        if (_subscribed is not null)
        {
            _subscribed.CameraSignal -= OnSignalAsync;
        }

        try
        {
            if (_studio is not null)
            {
                await _studio.InvokeVoidAsync("dispose");
                await _studio.DisposeAsync();
            }

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
}

/// <summary>What camera.js reports: the devices (labelled once permission is given) and the ones in use.</summary>
public sealed record CameraDevices(IReadOnlyList<CameraDevice> Cameras, IReadOnlyList<CameraDevice> Microphones, string? Camera, string? Microphone);

public sealed record CameraDevice(string Id, string Label);
