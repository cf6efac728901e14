using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace LiveShop.Client.Components.Video;

/// <summary>
/// Plays a Stream URL: HLS (<c>.m3u8</c>) through hls.js, or the browser's own HLS on Safari/iOS,
/// MP4/WebM natively (Scripts/hls-player.js). Autoplays muted with a tap-to-unmute, has a full-screen
/// button, says "Reconnecting…" while the script recovers from a stall or a network drop, and, when the
/// stream carries <c>EXT-X-PROGRAM-DATE-TIME</c>, reports the playing date and shows how far behind live it is.
/// </summary>
public sealed partial class StreamUrlPlayer : IAsyncDisposable
{
    /// <summary>The bundled player script (Scripts/hls-player.js, bundled by the build).</summary>
    public const string ScriptPath = "./js/bundles/hls-player.js";

    private ElementReference _video;
    private IJSObjectReference? _module;
    private IJSObjectReference? _player;
    private DotNetObjectReference<StreamUrlPlayer>? _self;
    private string? _startedUrl;
    private string? _fallbackSrc;
    private bool _muted = true;
    private PlayerState _state = PlayerState.Starting;
    private DateTimeOffset? _playingDate;
    private TimeSpan? _delay;
    private bool _disposed;

    private enum PlayerState
    {
        Starting,
        Playing,
        Reconnecting,
        Paused,
    }

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>The stream: an HLS playlist (<c>.m3u8</c>), an MP4 or a WebM file.</summary>
    [Parameter, EditorRequired] public string Url { get; set; } = "";

    /// <summary>The show's title, for the accessible label.</summary>
    [Parameter, EditorRequired] public string Title { get; set; } = "";

    /// <summary>Shown until the first frame.</summary>
    [Parameter] public string? PosterUrl { get; set; }

    /// <summary>Start again at the end (the bundled demo clip stands in for a stream; a real stream never loops).</summary>
    [Parameter] public bool Loop { get; set; }

    /// <summary>Server time minus device time: the delay is measured against the server's clock.</summary>
    [Parameter] public TimeSpan ClockOffset { get; set; }

    /// <summary>The date of the frame on screen (from the stream), about twice a second while it plays.</summary>
    [Parameter] public EventCallback<DateTimeOffset?> PlayingDateChanged { get; set; }

    private string StateName => _state.ToString().ToLowerInvariant();

    /// <summary>
    /// MP4/WebM go in the markup, so a prerendered page starts playing before WebAssembly has booted;
    /// HLS needs the script (except as a last resort when the script failed to load).
    /// </summary>
    private string? NativeSrc => IsHls(Url) ? _fallbackSrc : Url;

    /// <summary>True when the URL names an HLS playlist (<c>.m3u8</c>), as the script decides.</summary>
    public static bool IsHls(string? url)
    {
        var path = url?.Split('?', '#')[0] ?? "";
        return path.EndsWith(".m3u8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"3.2 s behind live" (never negative: a clock a little ahead reads as live).</summary>
    private string DelayText(TimeSpan delay) => T["{0:0.0} s behind live", Math.Max(0, delay.TotalSeconds)];

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!RendererInfo.IsInteractive || _disposed || _startedUrl == Url)
        {
            return;
        }

        await StopAsync();
        _startedUrl = Url;
        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", ScriptPath);
            _self ??= DotNetObjectReference.Create(this);
            _player = await _module.InvokeAsync<IJSObjectReference>("createPlayer", _video, Url, _self, new { loop = Loop });
        }
        catch (JSException)
        {
            // Without the script the browser plays what it can by itself (MP4, Safari's HLS), muted.
            _fallbackSrc = Url;
            StateHasChanged();
        }
    }

    /// <summary>Called by the script: "playing", "reconnecting" or "paused".</summary>
    [JSInvokable]
    public Task OnPlayerState(string state)
    {
        _state = state switch
        {
            "playing" => PlayerState.Playing,
            "reconnecting" => PlayerState.Reconnecting,
            "paused" => PlayerState.Paused,
            _ => _state,
        };
        return InvokeAsync(StateHasChanged);
    }

    /// <summary>Called by the script with the playing date in milliseconds since the epoch.</summary>
    [JSInvokable]
    public async Task OnPlayingDate(double epochMilliseconds)
    {
        var date = DateTimeOffset.FromUnixTimeMilliseconds((long)epochMilliseconds);
        _playingDate = date;
        _delay = Clock.GetUtcNow() + ClockOffset - date;
        _state = PlayerState.Playing;
        await InvokeAsync(StateHasChanged);
        await PlayingDateChanged.InvokeAsync(date);
    }

    private async Task ToggleMuteAsync()
    {
        _muted = !_muted;
        if (_player is not null)
        {
            await _player.InvokeVoidAsync("setMuted", _muted);
        }
    }

    private async Task ToggleFullscreenAsync()
    {
        if (_player is not null)
        {
            await _player.InvokeVoidAsync("toggleFullscreen", null);
        }
    }

    private async Task StopAsync()
    {
        if (_player is null)
        {
            return;
        }

        var player = _player;
        _player = null;
        _playingDate = null;
        _delay = null;
        try
        {
            await player.InvokeVoidAsync("dispose");
            await player.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The page is going away.
        }

        if (PlayingDateChanged.HasDelegate)
        {
            await PlayingDateChanged.InvokeAsync(null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            if (_player is not null)
            {
                await _player.InvokeVoidAsync("dispose");
                await _player.DisposeAsync();
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
