using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.Admin;

/// <summary>
/// What the administrator's lists share: the search, 50 rows a page from the server, the refusal shown
/// above the table, and one row at a time changed in place (with its button busy meanwhile).
/// </summary>
public abstract class AdminListTab<TRow> : ComponentBase
    where TRow : class
{
    protected PageDto<TRow>? Page { get; private set; }

    protected string? Search { get; set; }

    protected int PageIndex { get; private set; }

    protected bool Loading { get; private set; }

    /// <summary>The row whose change is on its way.</summary>
    protected Guid? BusyId { get; private set; }

    protected string? Error { get; set; }

    [Inject]
    protected ApiClient Api { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    protected IDialogService Dialogs { get; set; } = default!;

    [Inject]
    protected IStringLocalizer<ShopText> T { get; set; } = default!;

    /// <summary>The sentence when the server cannot be reached to load the list.</summary>
    protected abstract string UnreachableText { get; }

    protected abstract Task<PageDto<TRow>> FetchAsync(string? search, int pageIndex);

    protected abstract Guid IdOf(TRow row);

    protected override async Task OnInitializedAsync()
    {
        if (RendererInfo.IsInteractive)
        {
            await LoadAsync(0);
        }
    }

    protected Task SearchAsync(string search) => LoadAsync(0);

    protected async Task LoadAsync(int pageIndex)
    {
        Loading = true;
        Error = null;
        try
        {
            Page = await FetchAsync(Search, pageIndex);
            PageIndex = pageIndex;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            Error = e is ApiException api ? api.Message : UnreachableText;
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>Runs a change to one row; its answer replaces the row, and the snackbar says what happened.</summary>
    protected async Task RunAsync(TRow row, Func<Task<TRow>> change, Func<TRow, string> success)
    {
        BusyId = IdOf(row);
        Error = null;
        try
        {
            var changed = await change();
            Page = Page! with { Items = [.. Page.Items.Select(r => IdOf(r) == IdOf(row) ? changed : r)] };
            Snackbar.Add(success(changed), Severity.Success);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            Error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Nothing changed."].Value;
        }
        finally
        {
            BusyId = null;
        }
    }
}
