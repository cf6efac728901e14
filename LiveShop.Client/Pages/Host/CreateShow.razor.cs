using System.ComponentModel.DataAnnotations;
using System.Globalization;
using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Components;

namespace LiveShop.Client.Pages.Host;

/// <summary>A host picks a title, a time, a currency and products; the server validates and creates the show.</summary>
public sealed partial class CreateShow
{
    private readonly FormModel _form = new();
    private readonly List<Guid> _selected = [];
    private IReadOnlyList<ProductDto>? _products;
    private string? _error;
    private bool _busy;

    [Inject] private IShowReader Reader { get; set; } = default!;

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var start = Clock.GetLocalNow().AddHours(1);
        _form.StartsAt = new DateTime(start.Year, start.Month, start.Day, start.Hour, 0, 0).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        await LoadProductsAsync();
    }

    private async Task CurrencyChangedAsync(string currency)
    {
        _form.Currency = currency;
        _selected.Clear();
        await LoadProductsAsync();
    }

    private async Task LoadProductsAsync()
    {
        _products = null;
        _products = await Reader.ProductsAsync(_form.Currency);
    }

    private void Toggle(Guid productId)
    {
        if (!_selected.Remove(productId))
        {
            _selected.Add(productId);
        }
    }

    private async Task SubmitAsync()
    {
        _error = null;
        if (!DateTime.TryParse(_form.StartsAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var localStart))
        {
            _error = "Choose when the show starts.";
            return;
        }

        _busy = true;
        try
        {
            var request = new CreateShowRequest(
                _form.Title,
                _form.Description,
                new DateTimeOffset(localStart).ToUniversalTime(),
                _form.Currency,
                [.. _selected],
                _form.VideoKind == VideoSourceKind.StreamUrl ? _form.VideoUrl : null,
                CommissionRate: _form.CommissionPercent / 100m,
                CoHostEmail: string.IsNullOrWhiteSpace(_form.CoHostEmail) ? null : _form.CoHostEmail.Trim(),
                CoHostShare: string.IsNullOrWhiteSpace(_form.CoHostEmail) ? 0 : _form.CoHostPercent / 100m,
                VideoKind: _form.VideoKind);
            var show = await Api.CreateShowAsync(request);
            Navigation.NavigateTo($"host/shows/{show.Id}", forceLoad: true);
        }
        catch (ApiException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class FormModel
    {
        [Required(ErrorMessage = "Give the show a title.")]
        [StringLength(Limits.ShowTitleMaxLength, ErrorMessage = "At most 200 characters.")]
        public string Title { get; set; } = "";

        [StringLength(Limits.ShowDescriptionMaxLength)]
        public string? Description { get; set; }

        public string StartsAt { get; set; } = "";

        public string Currency { get; set; } = Currencies.Twd;

        public VideoSourceKind VideoKind { get; set; } = VideoSourceKind.StreamUrl;

        public string? VideoUrl { get; set; } = "/media/demo.mp4";

        /// <summary>The host's commission on GMV, in percent (10 % unless changed).</summary>
        public decimal CommissionPercent { get; set; } = 10m;

        public string? CoHostEmail { get; set; }

        /// <summary>The co-host's part of the commission, in percent.</summary>
        public decimal CoHostPercent { get; set; } = 50m;
    }
}
