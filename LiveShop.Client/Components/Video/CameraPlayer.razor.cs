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
/// The viewer's side of a Camera show: once the show is live, asks the host's camera for a WebRTC stream
/// over the page's live connection, answers its offer and plays the stream (muted autoplay, tap to unmute).
/// Says what is going on meanwhile: connecting, the camera not on yet, paused while the host's page comes
/// back, or the direct-viewer cap reached. Recovers by itself: a dropped connection is asked for again
/// after a backoff, a restarted camera (the host's reload) is asked for at once.
/// </summary>
public sealed partial class CameraPlayer : IAsyncDisposable
{
    /// <summary>Retries after a drop: 1, 2, 4, 8, then every 10 s.</summary>
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10)];

    /// <summary>Past the cap, a viewer tries again this often (a place frees up when someone leaves).</summary>
    private static readonly TimeSpan FullRetry = TimeSpan.FromSeconds(20);

    /// <summary>An ICE connection that went "disconnected" gets this long to come back by itself.</summary>
    private static readonly TimeSpan DisconnectedGrace = TimeSpan.FromSeconds(3);

    private ElementReference _video;
    private IJSObjectReference? _module;
    private IJSObjectReference? _viewer;
    private DotNetObjectReference<CameraPlayer>? _self;
    private ICameraSignalling? _subscribed;
    private CameraState _state = CameraState.Idle;
    private string? _refusal;
    private bool _muted = true;
    private int _failures;
    private CancellationTokenSource? _retry;
    private IReadOnlyList<IceServerDto>? _iceServers;

    /// <summary>The connection the last request went out on: a rejoin on the same one changes nothing.</summary>
    private string? _requestedOn;

    private enum CameraState
    {
        Idle,
        Connecting,
        Playing,
        Waiting,
        Paused,
        Full,
        HostsCamera,
    }

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private CameraChannel Channel { get; set; } = default!;

    [Inject] private HttpClient Http { get; set; } = default!;

    /// <summary>The show's status: the camera is asked for while it is live.</summary>
    [Parameter, EditorRequired] public ShowStatus Status { get; set; }

    /// <summary>The show's title, for the accessible label.</summary>
    [Parameter, EditorRequired] public string Title { get; set; } = "";

    private ICameraSignalling? Signalling => Channel.Current;

    private string? Message => _state switch
    {
        CameraState.Idle or CameraState.Connecting => T["Connecting to the host's camera…"],
        CameraState.Playing => null,
        CameraState.Waiting => _refusal ?? T["The host's camera is not on yet: the video appears here as soon as it starts."],
        CameraState.Paused => T["Camera paused, reconnecting…"],
        CameraState.Full => _refusal,
        CameraState.HostsCamera => T["What viewers see: your camera as sent (start it and choose devices below)."],
    };

    protected override void OnInitialized()
    {
        Channel.Changed += OnChannelChangedAsync;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (Status != ShowStatus.Live && _state != CameraState.Idle)
        {
            CancelRetry();
            _state = CameraState.Idle;
            if (_viewer is not null)
            {
                await _viewer.InvokeVoidAsync("dispose");
                await _viewer.DisposeAsync();
                _viewer = null;
            }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (Status == ShowStatus.Live && _state == CameraState.Idle && RendererInfo.IsInteractive)
        {
            await OnChannelChangedAsync();
        }
    }

    private async Task OnChannelChangedAsync()
    {
        if (!ReferenceEquals(_subscribed, Signalling))
        {
            if (_subscribed is not null)
            {
                _subscribed.CameraSignal -= OnSignalAsync;
            }

            _subscribed = Signalling;
            if (_subscribed is not null)
            {
                _subscribed.CameraSignal += OnSignalAsync;
            }
        }

        if (_subscribed is not null && Status == ShowStatus.Live && _state == CameraState.Idle)
        {
            await InvokeAsync(RequestAsync);
        }
    }

    /// <summary>Asks the host's camera for a stream, on a fresh peer connection.</summary>
    private async Task RequestAsync()
    {
        CancelRetry();
        if (Status != ShowStatus.Live || Signalling is not { } signalling)
        {
            return;
        }

        if (Channel.StudioOnPage)
        {
            // The host's console: show the camera as it is sent, from the studio on this page.
            _state = CameraState.HostsCamera;
            StateHasChanged();
            try
            {
                _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/camera.js");
                await _module.InvokeVoidAsync("watchStudio", _video);
            }
            catch (JSException)
            {
                // The caption still says where the preview is.
            }

            return;
        }

        _state = CameraState.Connecting;
        StateHasChanged();
        try
        {
            if (_viewer is null)
            {
                _iceServers ??= (await Http.GetFromJsonAsync(ApiRoutes.VideoOptions, LiveShopJsonContext.Default.VideoOptionsDto))?.IceServers ?? [];
                _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/camera.js");
                _self ??= DotNetObjectReference.Create(this);
                _viewer = await _module.InvokeAsync<IJSObjectReference>("createViewer", _self, _video, _iceServers);
            }

            await _viewer.InvokeVoidAsync("reset");
            _requestedOn = signalling.ConnectionId;
            await signalling.RequestCameraAsync();
        }
        catch (HubException e)
        {
            _refusal = HubErrors.Sentence(e);
            switch (HubErrors.Code(e))
            {
                case ProblemCodes.CameraViewerCapReached:
                    _state = CameraState.Full;
                    ScheduleRetry(FullRetry);
                    break;
                case ProblemCodes.CameraNotStarted:
                    // CameraAvailable arrives when the host starts it.
                    _refusal = null;
                    _state = CameraState.Waiting;
                    break;
                default:
                    _state = CameraState.Waiting;
                    ScheduleRetry(NextBackoff());
                    break;
            }
        }
        catch (Exception e) when (e is JSException or HttpRequestException or InvalidOperationException)
        {
            // The connection is down or the browser refused the peer: try again shortly.
            _state = CameraState.Paused;
            ScheduleRetry(NextBackoff());
        }

        StateHasChanged();
    }

    private Task OnSignalAsync(CameraSignal signal) => InvokeAsync(async () =>
    {
        if (Status != ShowStatus.Live || _state == CameraState.HostsCamera)
        {
            return;
        }

        try
        {
            switch (signal.Kind)
            {
                case CameraSignalKind.Offer when _viewer is not null && Signalling is { } signalling:
                    var answer = await _viewer.InvokeAsync<string>("acceptOffer", signal.Sdp);
                    await signalling.SendCameraAnswerAsync(answer);
                    break;
                case CameraSignalKind.IceCandidate when _viewer is not null:
                    await _viewer.InvokeVoidAsync("addIce", signal.Candidate);
                    break;
                case CameraSignalKind.Available:
                    // The host's camera (re)started: spread the viewers' requests over a moment.
                    ScheduleRetry(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 700)));
                    break;
                case CameraSignalKind.Paused:
                    CancelRetry();
                    _state = CameraState.Paused;
                    if (_viewer is not null)
                    {
                        await _viewer.InvokeVoidAsync("close");
                    }

                    StateHasChanged();
                    break;
                case CameraSignalKind.Rejoined when _state != CameraState.Idle && Signalling?.ConnectionId != _requestedOn:
                    // A new connection (after a network drop): the old session is gone with it.
                    await RequestAsync();
                    break;
                default:
                    break;
            }
        }
        catch (HubException)
        {
            ScheduleRetry(NextBackoff());
        }
        catch (JSException)
        {
            ScheduleRetry(NextBackoff());
        }
    });

    /// <summary>camera.js: the peer's ICE connection changed; a drop is renegotiated after a backoff.</summary>
    [JSInvokable]
    public Task OnIceStateAsync(string state) => InvokeAsync(() =>
    {
        switch (state)
        {
            case "connected" or "completed":
                CancelRetry();
                break;
            case "disconnected":
                _state = CameraState.Paused;
                ScheduleRetry(DisconnectedGrace);
                StateHasChanged();
                break;
            case "failed":
                _state = CameraState.Paused;
                ScheduleRetry(NextBackoff());
                StateHasChanged();
                break;
            default:
                break;
        }
    });

    /// <summary>camera.js: the video plays (first frames, or again after a renegotiation).</summary>
    [JSInvokable]
    public Task OnPlayingAsync() => InvokeAsync(() =>
    {
        CancelRetry();
        _failures = 0;
        _state = CameraState.Playing;
        StateHasChanged();
    });

    /// <summary>camera.js: a candidate of this viewer's peer, for the host.</summary>
    [JSInvokable]
    public async Task OnLocalIceAsync(string candidate, string? sdpMid, int? sdpMLineIndex)
    {
        if (Signalling is { } signalling && candidate.Length <= CameraLimits.CandidateMaxLength)
        {
            try
            {
                await signalling.SendIceCandidateAsync(null, new CameraIceCandidateDto(candidate, sdpMid, sdpMLineIndex));
            }
            catch (HubException)
            {
                // The session ended meanwhile (the host's camera restarted): a new request follows.
            }
        }
    }

    private TimeSpan NextBackoff() => Backoff[Math.Min(_failures++, Backoff.Length - 1)];

    private void ScheduleRetry(TimeSpan delay)
    {
        CancelRetry();
        var retry = _retry = new CancellationTokenSource();
        _ = RetryAfterAsync(delay, retry.Token);
    }

    private async Task RetryAfterAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
            await InvokeAsync(RequestAsync);
        }
        catch (OperationCanceledException)
        {
            // Recovered, or replaced by a newer retry.
        }
    }

    private void CancelRetry()
    {
        _retry?.Cancel();
        _retry?.Dispose();
        _retry = null;
    }

    private async Task ToggleMuteAsync()
    {
        _muted = !_muted;
        if (_viewer is not null)
        {
            await _viewer.InvokeVoidAsync("setMuted", _muted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        CancelRetry();
        Channel.Changed -= OnChannelChangedAsync;
        if (_subscribed is not null)
        {
            _subscribed.CameraSignal -= OnSignalAsync;
        }

        try
        {
            if (_state == CameraState.HostsCamera && _module is not null)
            {
                await _module.InvokeVoidAsync("unwatchStudio", _video);
            }

            if (_viewer is not null)
            {
                await _viewer.InvokeVoidAsync("dispose");
                await _viewer.DisposeAsync();
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
