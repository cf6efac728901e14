using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace LiveShop.Client.Services;

/// <summary>Copies a share link for the person to paste anywhere, saying so (or, when the browser refuses, showing it to copy by hand).</summary>
public static class LinkClipboard
{
    /// <param name="text">A localizer holding "Link copied. Paste it anywhere." and the refusal sentence (HostText, ShopText).</param>
    public static async Task CopyLinkAsync(this IJSRuntime js, ISnackbar snackbar, IStringLocalizer text, string url)
    {
        try
        {
            await js.InvokeVoidAsync("navigator.clipboard.writeText", url);
            snackbar.Add(text["Link copied. Paste it anywhere."], Severity.Success);
        }
        catch (JSException)
        {
            snackbar.Add(text["The browser would not copy it. Select the link and copy it yourself: {0}", url], Severity.Warning);
        }
    }
}
