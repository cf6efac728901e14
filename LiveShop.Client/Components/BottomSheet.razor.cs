using LiveShop.Client.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace LiveShop.Client.Components;

/// <summary>
/// A modal sheet over the lower half of the page. Keyboard users land in it when it opens, Tab and Shift+Tab
/// wrap inside it, Escape closes it, and focus returns to the button that opened it.
/// </summary>
public sealed partial class BottomSheet : IAsyncDisposable
{
    private const string Module = "./js/sheet-focus.js";

    private ElementReference _sheet;
    private IJSObjectReference? _module;
    private IJSObjectReference? _trap;
    private DotNetObjectReference<BottomSheet>? _self;
    private bool _trapped;

    [Inject] private IStringLocalizer<CommonText> T { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>Whether the sheet is up.</summary>
    [Parameter, EditorRequired] public bool Open { get; set; }

    /// <summary>The viewer closed the sheet (the parent sets <see cref="Open"/> to false).</summary>
    [Parameter, EditorRequired] public EventCallback OnClose { get; set; }

    /// <summary>The heading, also the sheet's accessible name.</summary>
    [Parameter, EditorRequired] public string Title { get; set; } = "";

    /// <summary>When set, a back arrow before the title raises it.</summary>
    [Parameter] public EventCallback OnBack { get; set; }

    /// <summary>The data-testid of the sheet.</summary>
    [Parameter] public string? TestId { get; set; }

    [Parameter] public RenderFragment? ChildContent { get; set; }

    /// <summary>Stays at the bottom while the body scrolls: the total and the main button.</summary>
    [Parameter] public RenderFragment? Footer { get; set; }

    /// <summary>More attributes for the sheet element (e.g. data-step).</summary>
    [Parameter(CaptureUnmatchedValues = true)] public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (Open && !_trapped)
        {
            // Keyboard users land in the sheet (the page does not scroll to it) and stay in it. The trap remembers
            // what had focus before (the opener), so it must run before anything moves focus.
            _trapped = true;
            try
            {
                _self ??= DotNetObjectReference.Create(this);
                _module ??= await JS.InvokeAsync<IJSObjectReference>("import", Module);
                _trap = await _module.InvokeAsync<IJSObjectReference>("trap", _sheet, _self);
            }
            catch (JSException)
            {
                // Without the module the sheet still opens, focused; only the wrap-around and the way back are missing.
                await _sheet.FocusAsync(preventScroll: true);
            }
        }
        else if (!Open && _trapped)
        {
            _trapped = false;
            await ReleaseAsync();
        }
    }

    private async Task ReleaseAsync()
    {
        if (_module is not null && _trap is not null)
        {
            var trap = _trap;
            _trap = null;
            try
            {
                await _module.InvokeVoidAsync("release", trap);
                await trap.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The page is going away: there is nothing to give focus back to.
            }
        }
    }

    private Task CloseAsync() => OnClose.InvokeAsync();

    /// <summary>Escape pressed while focus was outside the open sheet (the sheet is modal: it closes all the same).</summary>
    [JSInvokable]
    public Task CloseFromKeyboardAsync() => Open ? CloseAsync() : Task.CompletedTask;

    private Task OnKeyDownAsync(KeyboardEventArgs e) => e.Key == "Escape" ? CloseAsync() : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        _self?.Dispose();
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
            }
        }
    }
}
