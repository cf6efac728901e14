using LiveShop.Client.Services;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;
using System.Globalization;
using LiveShop.Client.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Catalog;

/// <summary>Which products the list shows.</summary>
public enum ProductFilter
{
    Active,
    LowStock,
    Archived,
}

/// <summary>
/// A shop's products, a page at a time from the server: search, Active / Low stock / Archived,
/// duplicate and archive per row, archive (or restore) the selected rows. A new shop sees what to
/// do first. Owners and managers edit; hosts and moderators only read.
/// </summary>
public sealed partial class ProductList
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 25;

    private HashSet<ShopProductDto> _selected = [];
    private PageDto<ShopProductDto>? _page;
    private MyShopDto? _shop;
    private ProductFilter _filter = ProductFilter.Active;
    private string? _search;
    private int _pageIndex;
    private bool _loading;
    private bool _busy;
    private string? _error;
    private Guid _loadedFor;

    /// <summary>The shop whose products these are.</summary>
    [Parameter] public Guid ShopId { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    private (ProductFilter Value, string Label)[] Filters =>
        [(ProductFilter.Active, T["Active"]), (ProductFilter.LowStock, T["Low stock"]), (ProductFilter.Archived, T["Archived"])];

    /// <summary>Owners and managers change the catalog; until the role is known, nobody does.</summary>
    private bool CanEdit => _shop is not null && ShopPermissions.CanManageCatalog(_shop.Role);

    /// <summary>Nothing in the shop at all (not just nothing matching): the page says what to do first.</summary>
    private bool IsNewShop => _page is { Total: 0 } && _filter == ProductFilter.Active && string.IsNullOrWhiteSpace(_search) && _pageIndex == 0;

    private bool HasNextPage => _page is not null && (_pageIndex + 1) * PageSize < _page.Total;

    private string CatalogCsvHref => ApiClient.CatalogCsvUrl(ShopId);

    private string RangeText => _page is null || _page.Total == 0
        ? T["0 products"]
        : T["{0}–{1} of {2}", Number((_pageIndex * PageSize) + 1), Number((_pageIndex * PageSize) + _page.Items.Count), Number(_page.Total)];

    private string NoMatchText => !string.IsNullOrWhiteSpace(_search)
        ? T["No product matches “{0}”.", _search.Trim()]
        : _filter switch
        {
            ProductFilter.Active => T["No active products."],
            ProductFilter.LowStock => T["Nothing is running low."],
            ProductFilter.Archived => T["Nothing is archived."],
            _ => T["No products."],
        };

    private static string Number(int n) => n.ToString("N0", CultureInfo.CurrentCulture);

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive || _loadedFor == ShopId)
        {
            return;
        }

        _loadedFor = ShopId;
        _shop = null;
        _filter = ProductFilter.Active;
        _search = null;
        _pageIndex = 0;
        _page = null;
        await LoadAsync();
    }

    private void OnShopLoaded(MyShopDto shop) => _shop = shop;

    private static string? Cover(ShopProductDto product) =>
        product.Photos.Count > 0 ? product.Photos[0].ThumbUrl : string.IsNullOrEmpty(product.ImageUrl) ? null : product.ImageUrl;

    /// <summary>Low when the product is, or when any of its variants is (its total may still look fine).</summary>
    private static bool IsLow(ShopProductDto product) => product.IsLowStock || product.Variants?.Any(v => v.IsLowStock) == true;

    private string? LowTitle(ShopProductDto product) =>
        product.Variants?.Where(v => v.IsLowStock).Select(v => VariantLabels.Join(v.Values)).ToList() is { Count: > 0 } low
            ? T["Low: {0}", string.Join(", ", low)].Value
            : null;

    private async Task LoadAsync()
    {
        _loading = true;
        _error = null;
        try
        {
            var query = new ShopProductQuery(_filter == ProductFilter.Archived, _filter == ProductFilter.LowStock, _search, null, _pageIndex, PageSize);
            _page = await Api.ShopProductsAsync(ShopId, query);
            _selected = [];
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _error = e is ApiException api ? api.Message : T["We could not reach LiveShop to load the products."].Value;
        }
        finally
        {
            _loading = false;
        }
    }

    private void SearchChanged(string? value) => _search = value;

    private async Task SearchAsync(string? value)
    {
        _search = value;
        _pageIndex = 0;
        await LoadAsync();
    }

    private async Task FilterAsync(ProductFilter filter)
    {
        _filter = filter;
        _pageIndex = 0;
        await LoadAsync();
    }

    private async Task GoToPageAsync(int index)
    {
        _pageIndex = Math.Max(0, index);
        await LoadAsync();
    }

    private void SelectionChanged(HashSet<ShopProductDto> selected) => _selected = selected;

    private void OpenRow(DataGridRowClickEventArgs<ShopProductDto> row) => Navigation.NavigateTo($"shops/{ShopId}/products/{row.Item.Id}");

    private async Task DuplicateAsync(ShopProductDto product)
    {
        _busy = true;
        try
        {
            var copy = await Api.DuplicateProductAsync(ShopId, product.Id);
            Snackbar.Add(T["Copied as {0}.", copy.Sku].Value, Severity.Success);
            Navigation.NavigateTo($"shops/{ShopId}/products/{copy.Id}");
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            Snackbar.Add(e is ApiException api ? api.Message : T["We could not reach LiveShop. Try again."].Value, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ToggleArchiveAsync(ShopProductDto product)
    {
        _busy = true;
        try
        {
            var archived = !product.IsArchived;
            await Api.ArchiveProductAsync(ShopId, product.Id, archived);
            Snackbar.Add(archived ? T["{0} is archived.", product.Name].Value : T["{0} is back in the catalog.", product.Name].Value, Severity.Success);
            await LoadAsync();
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            Snackbar.Add(e is ApiException api ? api.Message : T["We could not reach LiveShop. Try again."].Value, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Archives (or, in the Archived view, restores) each selected row in turn and says how many it could.</summary>
    private async Task BulkArchiveAsync()
    {
        var archive = _filter != ProductFilter.Archived;
        var rows = _selected.ToList();
        var done = 0;
        string? firstRefusal = null;
        _busy = true;
        foreach (var product in rows)
        {
            try
            {
                await Api.ArchiveProductAsync(ShopId, product.Id, archive);
                done++;
            }
            catch (Exception e) when (e is ApiException or HttpRequestException)
            {
                firstRefusal ??= e is ApiException api ? api.Message : T["We could not reach LiveShop."].Value;
            }
        }

        _busy = false;
        if (done == rows.Count)
        {
            var message = (archive, done == 1) switch
            {
                (true, true) => T["Archived {0} product.", done],
                (true, false) => T["Archived {0} products.", done],
                (false, true) => T["Restored {0} product.", done],
                (false, false) => T["Restored {0} products.", done],
            };
            Snackbar.Add(message.Value, Severity.Success);
        }
        else
        {
            var message = archive ? T["Archived {0} of {1}.", done, rows.Count] : T["Restored {0} of {1}.", done, rows.Count];
            Snackbar.Add($"{message} {firstRefusal}", Severity.Warning);
        }

        await LoadAsync();
    }
}
