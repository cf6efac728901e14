using System.ComponentModel.DataAnnotations;
using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;
using System.Globalization;
using LiveShop.Client.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace LiveShop.Client.Features.BackOffice.Catalog;

/// <summary>
/// Adds a product or edits one. A new product starts in the shop's default currency with its first
/// stock; an existing one shows its photos and its stock (changed only by an adjustment with a reason).
/// The server's refusal (a taken SKU, a price out of range) is shown under the form, as it says it.
/// </summary>
public sealed partial class ProductForm
{
    private const string FormId = "product-form";

    private FormModel _form = new();
    private VariantsModel _variants = new();
    private ExtraPricesModel _prices = new();
    private ProductStock? _stock;
    private ShopProductDto? _product;
    private MyShopDto? _shop;
    private bool _loaded;
    private bool _saving;
    private string? _loadError;
    private string? _saveError;
    private (Guid Shop, Guid? Product)? _loadedFor;

    /// <summary>The shop the product belongs to.</summary>
    [Parameter] public Guid ShopId { get; set; }

    /// <summary>The product being edited; null on the "new product" page.</summary>
    [Parameter] public Guid? ProductId { get; set; }

    [Inject] private ApiClient Api { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IStringLocalizer<ShopText> T { get; set; } = default!;

    private bool IsNew => ProductId is null;

    /// <summary>Owners and managers change the catalog; others see it read-only.</summary>
    private bool CanEdit => _shop is not null && ShopPermissions.CanManageCatalog(_shop.Role);

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive || _loadedFor == (ShopId, ProductId))
        {
            return;
        }

        _loadedFor = (ShopId, ProductId);
        _loaded = false;
        _loadError = null;
        _saveError = null;
        _product = null;
        if (ProductId is { } productId)
        {
            try
            {
                _product = await Api.ShopProductAsync(ShopId, productId);
                _form = FormModel.From(_product);
                _variants = VariantsModel.From(_product);
                _prices = ExtraPricesModel.From(_product);
            }
            catch (Exception e) when (e is ApiException or HttpRequestException)
            {
                _loadError = e is ApiException api ? api.Message : T["We could not reach LiveShop to load this product."].Value;
            }
        }
        else
        {
            _form = new FormModel { Currency = await DefaultCurrencyAsync() };
            _variants = new VariantsModel();
            _prices = new ExtraPricesModel();
        }

        _loaded = true;
    }

    private void OnShopLoaded(MyShopDto shop) => _shop = shop;

    /// <summary>The shop's default currency; the first supported one if the shop cannot be read.</summary>
    private async Task<string> DefaultCurrencyAsync()
    {
        try
        {
            var shop = await Api.CatalogShopAsync(ShopId);
            return Currencies.IsSupported(shop.DefaultCurrency) ? shop.DefaultCurrency : Currencies.Supported[0];
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            return Currencies.Supported[0];
        }
    }

    /// <summary>A saved product without variants: its stock moves to the first variant when it gets some.</summary>
    private int ConvertedStock => _product is { Options: not { Count: > 0 } } product ? product.Stock : 0;

    private async Task SaveAsync()
    {
        _saveError = _prices.Validate(_form.Currency, T) ?? _variants.Validate(_form.Sku, T);
        if (_saveError is not null)
        {
            return;
        }

        _saving = true;
        try
        {
            var (options, variants) = _variants.ToRequest();
            var request = _form.ToRequest() with { Options = options, Variants = variants, InitialStock = options is null ? _form.InitialStock : 0, Prices = _prices.ToRequest() };
            if (_product is null)
            {
                var created = await Api.CreateProductAsync(ShopId, request);
                Snackbar.Add(T["{0} is in the catalog. Add its photos next.", created.Name].Value, Severity.Success);
                Navigation.NavigateTo($"shops/{ShopId}/products/{created.Id}");
            }
            else
            {
                _product = await Api.UpdateProductAsync(ShopId, _product.Id, request);
                _form = FormModel.From(_product);
                _variants = VariantsModel.From(_product);
                _prices = ExtraPricesModel.From(_product);
                Snackbar.Add(T["Saved."].Value, Severity.Success);
            }
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            _saveError = e is ApiException api ? api.Message : T["We could not reach LiveShop. Nothing was saved; try again."].Value;
        }
        finally
        {
            _saving = false;
        }
    }

    private void OnProductChanged(ShopProductDto product) => _product = product;

    /// <summary>A stock adjustment: the product (and its variant's stock in the grid, keeping the rest of what is being edited).</summary>
    private void OnStockChanged(ShopProductDto product)
    {
        _product = product;
        foreach (var variant in product.Variants ?? [])
        {
            if (_variants.Rows.FirstOrDefault(r => r.Id == variant.Id) is { } row)
            {
                row.Stock = variant.Stock;
                row.IsLowStock = variant.IsLowStock;
            }
        }
    }

    private async Task AdjustVariantAsync(Guid variantId)
    {
        if (_stock is not null)
        {
            await _stock.AdjustVariantAsync(variantId);
        }
    }

    /// <summary>What the form edits; the server checks every rule again.</summary>
    internal sealed class FormModel
    {
        [Required(ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.GiveTheProductASku))]
        [StringLength(Limits.SkuMaxLength, ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.SkuLength))]
        public string Sku { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.GiveTheProductAName))]
        [StringLength(Limits.ProductNameMaxLength, ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.NameLength))]
        public string Name { get; set; } = "";

        [StringLength(Limits.ProductDescriptionMaxLength, ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.DescriptionLength))]
        public string? Description { get; set; }

        [Range(0d, 10_000_000d, ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.PriceRange))]
        public decimal Price { get; set; }

        [Range(0d, 10_000_000d, ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.CompareAtPriceRange))]
        public decimal? CompareAtPrice { get; set; }

        public string Currency { get; set; } = Currencies.Supported[0];

        [Range(0, Limits.StockMax, ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.StockRange))]
        public int LowStockThreshold { get; set; } = 5;

        [Range(0, Limits.StockMax, ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.StockRange))]
        public int InitialStock { get; set; }

        public static FormModel From(ShopProductDto product) => new()
        {
            Sku = product.Sku,
            Name = product.Name,
            Description = product.Description,
            Price = product.Price,
            CompareAtPrice = product.CompareAtPrice,
            Currency = product.Currency,
            LowStockThreshold = product.LowStockThreshold,
        };

        public SaveProductRequest ToRequest() => new(
            Sku.Trim(),
            Name.Trim(),
            string.IsNullOrWhiteSpace(Description) ? null : Description,
            Price,
            CompareAtPrice,
            Currency,
            LowStockThreshold,
            InitialStock);
    }
}
