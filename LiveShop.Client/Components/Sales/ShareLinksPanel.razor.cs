using LiveShop.Client.Services;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace LiveShop.Client.Components.Sales;

/// <summary>Lists a show's share links and copies them; the page creates new ones (<see cref="OnCreate"/>).</summary>
public sealed partial class ShareLinksPanel
{
    private Guid _productId = Guid.Empty;

    [Inject] private IJSRuntime Js { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The show's links, newest first.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ShareLinkDto> Links { get; set; } = [];

    /// <summary>The show's lineup: a link can lead to one of its products.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<LineupItemDto> Lineup { get; set; } = [];

    /// <summary>The show's currency.</summary>
    [Parameter, EditorRequired] public string Currency { get; set; } = "";

    /// <summary>A new link is being made (the button shows a spinner).</summary>
    [Parameter] public bool Creating { get; set; }

    /// <summary>Asks for a new link to the product (null: the whole show).</summary>
    [Parameter] public EventCallback<Guid?> OnCreate { get; set; }

    /// <summary>The link as visitors open it: this site's address (with its path base, if hosted under one) and the link's path.</summary>
    private string PublicUrl(ShareLinkDto link) => Navigation.ToAbsoluteUri(link.Path.TrimStart('/')).ToString();

    private Task CreateAsync() => OnCreate.InvokeAsync(_productId == Guid.Empty ? null : _productId);

    private Task CopyAsync(string url) => Js.CopyLinkAsync(Snackbar, T, url);
}
