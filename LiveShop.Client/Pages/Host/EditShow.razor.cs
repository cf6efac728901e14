using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Creators;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace LiveShop.Client.Pages.Host;

/// <summary>
/// Edits a scheduled show: the create form's fields (not the currency; the video has its own control in
/// the console), the lineup and its order from the show's shop's products, and the poster. Loads once
/// interactive; the server refuses non-editors (403) and shows that went live (409) with a sentence shown here.
/// </summary>
public sealed partial class EditShow
{
    private readonly ShowFormModel _form = new();
    private ShowDetailDto? _show;
    private IReadOnlyList<ShopProductDto>? _products;

    /// <summary>The brands' products opened to the caller as a creator (none for a shop's own host).</summary>
    private IReadOnlyList<CreatorProductDto> _brandProducts = [];
    private string? _loadError;
    private string? _error;
    private string? _posterError;
    private bool _busy;
    private bool _posterBusy;

    /// <summary>The show to edit.</summary>
    [Parameter] public Guid Id { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    private string ConsoleHref => $"host/shows/{Id}";

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            var edit = await Api.ShowForEditAsync(Id);
            _show = edit.Show;
            _form.Title = edit.Show.Title;
            _form.Description = edit.Show.Description;
            _form.SetStart(edit.Show.ScheduledStart, Clock.LocalTimeZone);
            _form.Currency = edit.Show.Currency;
            _form.CommissionPercent = edit.CommissionRate * 100m;
            _form.CoHostEmail = edit.CoHostEmail;
            _form.CoHostPercent = edit.CoHostEmail is null ? 50m : edit.CoHostShare * 100m;
            _form.Lineup = [.. edit.Show.Lineup.OrderBy(l => l.Position).Select(l => l.ProductId)];
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _loadError = e is ApiException api ? api.Message : T["We could not reach LiveShop to load the show."];
            return;
        }

        if (_show.ShopId is not { } shopId)
        {
            _products = [];
            return;
        }

        try
        {
            _products = (await Api.ShopProductsAsync(shopId, new ShopProductQuery(Currency: _show.Currency, PageSize: CreateShow.PickerPageSize))).Items;
            _brandProducts = await CreateShow.BrandProductsAsync(Api);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _products = [];
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop to list the shop's products."];
        }
    }

    private async Task SubmitAsync()
    {
        _error = null;
        if (!_form.TryGetStart(Clock.LocalTimeZone, out var start))
        {
            _error = T["Choose when the show starts."];
            return;
        }

        // An untouched start keeps the show's exact time (the form shows minutes only).
        if (_show is not null && start == _show.ScheduledStart.AddTicks(-(_show.ScheduledStart.Ticks % TimeSpan.TicksPerMinute)))
        {
            start = _show.ScheduledStart;
        }

        _busy = true;
        try
        {
            var request = new UpdateShowRequest(
                _form.Title,
                _form.Description,
                start,
                _form.Lineup,
                CommissionRate: _form.CommissionRate,
                CoHostEmail: _form.CoHostEmailOrNull,
                CoHostShare: _form.CoHostShare);
            await Api.UpdateShowAsync(Id, request);
            Navigation.NavigateTo(ConsoleHref, forceLoad: true);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Try again."];
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task UploadPosterAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        if (file.Size > Limits.ImageMaxBytes)
        {
            _posterError = T["A photo can be at most {0} MB; {1} is larger. Export it smaller and retry.", Limits.ImageMaxBytes / (1024 * 1024), file.Name];
            return;
        }

        await RunPosterAsync(async () =>
        {
            await using var stream = file.OpenReadStream(Limits.ImageMaxBytes);
            return await Api.SetShowPosterAsync(Id, stream, file.Name, file.ContentType);
        });
    }

    private Task RemovePosterAsync() => RunPosterAsync(() => Api.RemoveShowPosterAsync(Id));

    private async Task RunPosterAsync(Func<Task<ShowDetailDto>> change)
    {
        _posterBusy = true;
        _posterError = null;
        try
        {
            var show = await change();
            _show = _show is null ? show : _show with { PosterUrl = show.PosterUrl, Video = show.Video };
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _posterError = e is ApiException api ? api.Message : T["We could not reach LiveShop. Try again."];
        }
        finally
        {
            _posterBusy = false;
        }
    }
}
