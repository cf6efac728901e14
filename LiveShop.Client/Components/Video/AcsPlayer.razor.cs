using LiveShop.Client.Services;
using LiveShop.Shared.Video;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace LiveShop.Client.Components.Video;

/// <summary>
/// A viewer's player for a show broadcast through Azure Communication Services: asks the server for
/// a session (a Consumer token for the show's Room), joins through Scripts/acs.js and renders the
/// host's video; says "Connecting…", "Waiting for the host's camera…" or why it failed, with a retry.
/// The session's ACS user id, role and token expiry are on the element (<c>data-acs-*</c>) for tests
/// and support; the token itself only goes to the script.
/// </summary>
public sealed partial class AcsPlayer : IAsyncDisposable
{
    private ElementReference _container;
    private IJSObjectReference? _module;
    private IJSObjectReference? _call;
    private DotNetObjectReference<AcsPlayer>? _self;
    private AcsSessionDto? _session;
    private AcsConnectionState _state = AcsConnectionState.Connecting;
    private string? _reason;
    private bool _started;
    private bool _muted = true;
    private bool _disposed;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The show whose Room to join.</summary>
    [Parameter, EditorRequired] public Guid ShowId { get; set; }

    /// <summary>The show's title, for the accessible label.</summary>
    [Parameter, EditorRequired] public string Title { get; set; } = "";

    /// <summary>Shown behind the messages until the video arrives.</summary>
    [Parameter] public string? PosterUrl { get; set; }

    private string StateName => _state.ToString().ToLowerInvariant();

    private string? PosterStyle => PosterUrl is null ? null : $"background-image: url('{PosterUrl}')";

    private string Message => _state switch
    {
        AcsConnectionState.Connecting => "Connecting to the live video…",
        AcsConnectionState.Waiting => "Waiting for the host's camera…",
        AcsConnectionState.Live => "",
        AcsConnectionState.Reconnecting => "Reconnecting…",
        AcsConnectionState.Ended => "The live video has ended.",
        AcsConnectionState.Error => $"The video could not start: {_reason}",
    };

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_started || _disposed || !RendererInfo.IsInteractive)
        {
            return;
        }

        _started = true;
        await StartAsync();
    }

    private async Task StartAsync()
    {
        _state = AcsConnectionState.Connecting;
        _reason = null;
        try
        {
            _session = await Api.StartAcsSessionAsync(ShowId);
            StateHasChanged();
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", AcsScript.Path);
            _self ??= DotNetObjectReference.Create(this);
            _call = await _module.InvokeAsync<IJSObjectReference>("joinAsViewer", _container, AcsScript.ForScript(_session), _self);
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

    private async Task RetryAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    private async Task ToggleMuteAsync()
    {
        _muted = !_muted;
        if (_call is not null)
        {
            await _call.InvokeVoidAsync("setMuted", _muted);
        }
    }

    private async Task StopAsync()
    {
        var call = _call;
        _call = null;
        if (call is null)
        {
            return;
        }

        try
        {
            await call.InvokeVoidAsync("dispose");
            await call.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The page is going away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
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
}
