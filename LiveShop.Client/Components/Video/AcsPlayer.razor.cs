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
public sealed partial class AcsPlayer
{
    private ElementReference _container;
    private bool _started;
    private bool _muted = true;
    private bool _disposed;

    /// <summary>The show's title, for the accessible label.</summary>
    [Parameter, EditorRequired] public string Title { get; set; } = "";

    /// <summary>Shown behind the messages until the video arrives.</summary>
    [Parameter] public string? PosterUrl { get; set; }

    private string? PosterStyle => PosterUrl is null ? null : $"background-image: url('{PosterUrl}')";

    private string Message => State switch
    {
        AcsConnectionState.Connecting => T["Connecting to the live video…"],
        AcsConnectionState.Waiting => T["Waiting for the host's camera…"],
        AcsConnectionState.Live => "",
        AcsConnectionState.Reconnecting => T["Reconnecting…"],
        AcsConnectionState.Ended => T["The live video has ended."],
        AcsConnectionState.Error => T["The video could not start: {0}", Reason ?? ""],
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

    protected override Task<IJSObjectReference> JoinAsync(IJSObjectReference module, object session, DotNetObjectReference<AcsSessionComponent> self) =>
        module.InvokeAsync<IJSObjectReference>("joinAsViewer", _container, session, self).AsTask();

    private async Task ToggleMuteAsync()
    {
        _muted = !_muted;
        if (Call is not null)
        {
            await Call.InvokeVoidAsync("setMuted", _muted);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        _disposed = true;
        await base.DisposeAsync();
    }
}
