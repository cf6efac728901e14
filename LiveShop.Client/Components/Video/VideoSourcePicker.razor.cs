using LiveShop.Client.Services;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Components.Video;

/// <summary>
/// Camera / Stream URL / Azure Communication Services, and the URL for a Stream URL only. ACS is
/// disabled, with the server's reason, unless the server offers it (<c>GET /api/video/options</c>,
/// asked once interactive unless <see cref="Options"/> is given).
/// </summary>
public sealed partial class VideoSourcePicker
{
    private readonly string _name = "video-kind-" + Guid.NewGuid().ToString("N")[..8];
    private VideoOptionsDto? _loaded;
    private bool _loadFailed;

    [Inject] private ApiClient Api { get; set; } = default!;

    /// <summary>The chosen kind.</summary>
    [Parameter, EditorRequired] public VideoSourceKind Kind { get; set; }

    [Parameter] public EventCallback<VideoSourceKind> KindChanged { get; set; }

    /// <summary>The stream's URL (only for <see cref="VideoSourceKind.StreamUrl"/>).</summary>
    [Parameter] public string? Url { get; set; }

    [Parameter] public EventCallback<string?> UrlChanged { get; set; }

    /// <summary>What the server offers; when null the picker asks the server itself.</summary>
    [Parameter] public VideoOptionsDto? Options { get; set; }

    [Parameter] public bool Disabled { get; set; }

    private VideoOptionsDto? Effective => Options ?? _loaded;

    private bool AcsAvailable => Effective?.AcsAvailable == true;

    private string AcsReason => Effective switch
    {
        { AcsUnavailableReason: { } reason } => reason,
        null when _loadFailed => T["Couldn't ask the server whether Azure Communication Services is set up."],
        null => T["Checking whether Azure Communication Services is set up…"],
        _ => T["Azure Communication Services is not available on this server."],
    };

    private string KindHint => Kind switch
    {
        VideoSourceKind.Camera => T["You go live from this browser's camera and microphone. Up to {0} viewers watch directly; for more, use a Stream URL or ACS.", Effective?.CameraViewerCap ?? 20],
        VideoSourceKind.Acs => T["Viewers watch through Azure Communication Services; chat and sales stay here."],
        VideoSourceKind.StreamUrl => "",
    };

    protected override async Task OnInitializedAsync()
    {
        if (Options is not null || !RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            _loaded = await Api.VideoOptionsAsync();
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _loadFailed = true;
        }
    }

    private Task ChooseKindAsync(VideoSourceKind kind) => KindChanged.InvokeAsync(kind);

    private Task ChangeUrlAsync(string? url) => UrlChanged.InvokeAsync(url);
}
