using LiveShop.Client.Resources;
using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Catalog;

/// <summary>
/// A product's photos in order, the first marked as the cover. Editors upload (JPEG, PNG, WebP up to
/// 10 MB, ten at most), reorder by dragging or with the arrow buttons (for the keyboard), and remove
/// after a confirmation. A reorder shows at once and goes back if the server refuses it.
/// </summary>
public sealed partial class ProductPhotos
{
    private List<ProductPhotoDto> _photos = [];
    private ShopProductDto? _shown;
    private int? _dragFrom;
    private int? _dragOver;
    private bool _busy;
    private string? _error;

    [Parameter, EditorRequired] public Guid ShopId { get; set; }

    /// <summary>The product whose photos these are.</summary>
    [Parameter, EditorRequired] public ShopProductDto Product { get; set; } = default!;

    /// <summary>Whether the caller may change the photos (owners and managers).</summary>
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Raised with the product as the server answered after each change.</summary>
    [Parameter] public EventCallback<ShopProductDto> ProductChanged { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_shown, Product))
        {
            _shown = Product;
            _photos = [.. Product.Photos];
        }
    }

    private async Task DropAsync(int target)
    {
        var from = _dragFrom;
        _dragFrom = null;
        _dragOver = null;
        if (from is { } source && source != target)
        {
            await MoveAsync(source, target);
        }
    }

    /// <summary>Moves one photo to <paramref name="to"/> and sends the whole new order.</summary>
    private async Task MoveAsync(int from, int to)
    {
        if (!CanEdit || _busy || from == to || from < 0 || to < 0 || from >= _photos.Count || to >= _photos.Count)
        {
            return;
        }

        var before = _photos;
        var reordered = new List<ProductPhotoDto>(_photos);
        var moved = reordered[from];
        reordered.RemoveAt(from);
        reordered.Insert(to, moved);
        _photos = reordered;
        await RunAsync(() => Api.ReorderProductPhotosAsync(ShopId, Product.Id, [.. reordered.Select(p => p.Id)]), onRefusal: () => _photos = before);
    }

    private async Task RemoveAsync(ProductPhotoDto photo)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            T["Remove this photo?"],
            _photos.IndexOf(photo) == 0 && _photos.Count > 1 ? T["The next photo becomes the cover."] : T["It is deleted from the product."],
            yesText: T["Remove"],
            cancelText: T["Keep it"]);
        if (confirmed == true)
        {
            await RunAsync(() => Api.RemoveProductPhotoAsync(ShopId, Product.Id, photo.Id));
        }
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        var room = Limits.ProductPhotosMax - _photos.Count;
        var files = e.GetMultipleFiles(Limits.ProductPhotosMax);
        _error = files.Count > room ? T["A product has at most {0} photos; only the first {1} were added.", Limits.ProductPhotosMax, room].Value : null;
        foreach (var file in files.Take(room))
        {
            if (file.Size > Limits.ImageMaxBytes)
            {
                _error = T["A photo can be at most {0} MB; {1} is larger. Export it smaller and retry.", Limits.ImageMaxBytes / (1024 * 1024), file.Name];
                continue;
            }

            await using var stream = file.OpenReadStream(Limits.ImageMaxBytes);
            if (!await RunAsync(() => Api.AddProductPhotoAsync(ShopId, Product.Id, stream, file.Name, file.ContentType)))
            {
                break;
            }
        }
    }

    /// <summary>Runs one change; on success adopts the server's answer, on refusal shows its sentence.</summary>
    private async Task<bool> RunAsync(Func<Task<ShopProductDto>> change, Action? onRefusal = null)
    {
        _busy = true;
        var keepError = _error;
        try
        {
            var product = await change();
            _shown = product;
            _photos = [.. product.Photos];
            _error = keepError;
            await ProductChanged.InvokeAsync(product);
            return true;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            onRefusal?.Invoke();
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop. Try again."];
            return false;
        }
        finally
        {
            _busy = false;
        }
    }
}
