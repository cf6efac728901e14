using LiveShop.Client.Services;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Components.Video;

/// <summary>
/// The host console's source controls: while the show is scheduled the host picks another source and
/// saves it (<c>PUT /api/shows/{id}/video</c>; the room's <c>VideoChangedEvent</c> moves waiting viewers
/// to it); once live it only says which source is on air.
/// </summary>
public sealed partial class VideoSourceControls
{
    private VideoSourceKind _kind;
    private string? _url;
    private VideoSourceDto? _shown;
    private bool _busy;
    private bool _saved;
    private string? _error;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Parameter, EditorRequired] public Guid ShowId { get; set; }

    /// <summary>The show's source as the room last said.</summary>
    [Parameter, EditorRequired] public VideoSourceDto Source { get; set; } = default!;

    [Parameter, EditorRequired] public ShowStatus Status { get; set; }

    private bool IsChanged => _kind != Source.Kind || _kind == VideoSourceKind.StreamUrl && (_url ?? "").Trim() != (Source.Url ?? "");

    /// <summary>"Stream URL · /media/demo.mp4", "Camera", "Azure Communication Services".</summary>
    public string Describe(VideoSourceDto source) => source.Kind switch
    {
        VideoSourceKind.Camera => T["Camera (the host's browser)"],
        VideoSourceKind.Acs => T["Azure Communication Services"],
        VideoSourceKind.StreamUrl => source.Url is { } url ? T["Stream URL · {0}", url] : T["Stream URL · none yet"],
    };

    protected override void OnParametersSet()
    {
        // Follow the room's source (a change from another tab), but keep what the host is editing.
        if (_shown != Source)
        {
            _shown = Source;
            _kind = Source.Kind;
            _url = Source.Url;
        }
    }

    private async Task SaveAsync()
    {
        _busy = true;
        _saved = false;
        _error = null;
        try
        {
            var url = _kind == VideoSourceKind.StreamUrl ? _url?.Trim() : null;
            await Api.ChangeVideoSourceAsync(ShowId, new ChangeVideoSourceRequest(_kind, url));
            _saved = true;
        }
        catch (ApiException e)
        {
            _error = e.Message;
        }
        catch (HttpRequestException)
        {
            _error = T["The server could not be reached; the source is unchanged."];
        }
        finally
        {
            _busy = false;
        }
    }
}
