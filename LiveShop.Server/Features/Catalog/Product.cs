using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;

namespace LiveShop.Server.Features.Catalog;

/// <summary>
/// A product of one shop. Price is a decimal amount in <see cref="Currency"/>. Stock is never written
/// through this entity after creation: orders take it with a conditional decrement, and the shop
/// changes it through a logged <see cref="StockAdjustment"/> (see <see cref="AdjustStock"/>).
/// </summary>
public sealed class Product
{
    private readonly List<ProductPhoto> _photos = [];
    private readonly List<ProductVariant> _variants = [];
    private readonly List<ProductPrice> _prices = [];

    private Product()
    {
    }

    public Product(Guid id, Guid shopId, string sku, string name, string description, string imageUrl, decimal price, string currency, int stock, DateTimeOffset createdAt = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(price);
        ArgumentOutOfRangeException.ThrowIfNegative(stock);
        Id = id;
        ShopId = shopId;
        Sku = sku;
        Name = name;
        Description = description;
        ImageUrl = imageUrl;
        Price = price;
        Currency = currency;
        Stock = stock;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    /// <summary>What a product without photos shows.</summary>
    public const string PlaceholderImageUrl = "/img/products/placeholder.svg";

    public Guid Id { get; private set; }

    public Guid ShopId { get; private set; }

    public string Sku { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>The cover: the first photo's medium size, or a bundled picture for demo products without photos.</summary>
    public string ImageUrl { get; private set; } = "";

    public decimal Price { get; private set; }

    /// <summary>The "was" price shown struck through next to <see cref="Price"/>; null: none.</summary>
    public decimal? CompareAtPrice { get; private set; }

    public string Currency { get; private set; } = "";

    public int Stock { get; private set; }

    /// <summary>At or below this many units the back office warns (0: never).</summary>
    public int LowStockThreshold { get; private set; }

    /// <summary>Archived products stay on past orders and shows but cannot join a new lineup.</summary>
    public DateTimeOffset? ArchivedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<ProductPhoto> Photos => _photos;

    /// <summary>The first option's name ("Colour"); null: a product without variants.</summary>
    public string? Option1Name { get; private set; }

    public string? Option2Name { get; private set; }

    public string? Option3Name { get; private set; }

    /// <summary>The option names in order; empty for a product without variants.</summary>
    public IReadOnlyList<string> OptionNames => new[] { Option1Name, Option2Name, Option3Name }.TakeWhile(n => n is not null).Select(n => n!).ToList();

    /// <summary>Its variants when it has options (then <see cref="Stock"/> is the sum of theirs); empty otherwise.</summary>
    public IReadOnlyList<ProductVariant> Variants => _variants;

    /// <summary>The variants in order (EF loads them unordered).</summary>
    public IEnumerable<ProductVariant> OrderedVariants => _variants.OrderBy(v => v.Position);

    public bool HasVariants => Option1Name is not null;

    /// <summary>Its prices in currencies other than <see cref="Currency"/> (at most one per currency, never the main one).</summary>
    public IReadOnlyList<ProductPrice> Prices => _prices;

    /// <summary>The extra prices by currency code (EF loads them unordered).</summary>
    public IEnumerable<ProductPrice> OrderedPrices => _prices.OrderBy(p => p.Currency, StringComparer.Ordinal);

    /// <summary>What the product sells for in <paramref name="currency"/>: the main price, an extra price, or null where it is not sold.</summary>
    public decimal? PriceIn(string currency) =>
        currency == Currency ? Price : _prices.FirstOrDefault(p => p.Currency == currency)?.Price;

    /// <summary>The compare-at price in <paramref name="currency"/> (null: none, or not sold there).</summary>
    public decimal? CompareAtPriceIn(string currency) =>
        currency == Currency ? CompareAtPrice : _prices.FirstOrDefault(p => p.Currency == currency)?.CompareAtPrice;

    /// <summary>Whether a show in <paramref name="currency"/> can sell it: its main currency or one of its extra prices.</summary>
    public bool SellsIn(string currency) => PriceIn(currency) is not null;

    /// <summary>Every currency it sells in, the main one first.</summary>
    public IEnumerable<string> SoldInCurrencies => OrderedPrices.Select(p => p.Currency).Prepend(Currency);

    public bool IsArchived => ArchivedAt is not null;

    /// <summary>At or below the threshold: the product, or any one of its variants.</summary>
    public bool IsLowStock => LowStockThreshold > 0 && (HasVariants ? _variants.Any(v => v.Stock <= LowStockThreshold) : Stock <= LowStockThreshold);

    /// <summary>Changes what the shop edits in the product form (validated by <see cref="ProductInput"/>).</summary>
    public void Edit(ProductInput input, DateTimeOffset now)
    {
        Sku = input.Sku;
        Name = input.Name;
        Description = input.Description;
        Price = input.Price;
        CompareAtPrice = input.CompareAtPrice;
        Currency = input.Currency;
        LowStockThreshold = input.LowStockThreshold;

        // The main price is the price in the main currency: an extra price there would be a second one.
        _prices.RemoveAll(p => p.Currency == Currency);
        UpdatedAt = now;
    }

    /// <summary>Replaces the prices in other currencies with <paramref name="prices"/> (validated by <see cref="ProductPricesInput"/>): the whole set.</summary>
    public void SetPrices(IReadOnlyList<ProductPriceInput> prices, DateTimeOffset now)
    {
        _prices.RemoveAll(p => prices.All(x => x.Currency != p.Currency));
        foreach (var item in prices.Where(p => p.Currency != Currency))
        {
            if (_prices.FirstOrDefault(p => p.Currency == item.Currency) is { } existing)
            {
                existing.Set(item.Price, item.CompareAtPrice);
            }
            else
            {
                _prices.Add(new ProductPrice(item.Currency, item.Price, item.CompareAtPrice));
            }
        }

        UpdatedAt = now;
    }

    /// <summary>
    /// Replaces the options and variants with <paramref name="input"/>: a variant with a known id is edited,
    /// one without is added with its starting stock, one left out is removed (refused while it has stock).
    /// A product that had no variants moves its stock to its first variant, so its total stays the same;
    /// one that drops its options must have no stock left in them. <see cref="Stock"/> is not written here:
    /// the caller adds <paramref name="stockAdded"/> to it with a conditional update (orders change it meanwhile).
    /// </summary>
    public IReadOnlyList<VariantStockSet> SetVariants(VariantsInput input, DateTimeOffset now, out int stockAdded)
    {
        var unknown = input.Variants.FirstOrDefault(v => v.Id is { } id && _variants.All(x => x.Id != id));
        if (unknown is not null)
        {
            throw DomainException.NotFound(ProblemCodes.VariantNotFound, "“{0}” has no variant with the id of “{1}”: reload the product.", Name, VariantLabels.Join(unknown.Values));
        }

        var removed = _variants.Where(x => input.Variants.All(v => v.Id != x.Id)).ToList();
        if (removed.FirstOrDefault(v => v.Stock > 0) is { } stocked)
        {
            throw DomainException.Conflict(ProblemCodes.VariantHasStock, "“{0}” still has {1} in stock: adjust its stock to 0 before removing it.", stocked.Label, stocked.Stock);
        }

        var converting = !HasVariants && input.HasVariants;

        foreach (var variant in removed)
        {
            _variants.Remove(variant);
        }

        Option1Name = input.Options.ElementAtOrDefault(0);
        Option2Name = input.Options.ElementAtOrDefault(1);
        Option3Name = input.Options.ElementAtOrDefault(2);
        var set = new List<VariantStockSet>();
        stockAdded = 0;
        foreach (var (item, position) in input.Variants.Select((v, i) => (v, i)))
        {
            if (item.Id is { } id)
            {
                _variants.Single(v => v.Id == id).Edit(item.Sku, item.Values, item.PriceOverride, position);
                continue;
            }

            var variant = new ProductVariant(Guid.CreateVersion7(), Id, ShopId, item.Sku, item.Values, item.PriceOverride, item.InitialStock, position);
            _variants.Add(variant);
            stockAdded += item.InitialStock;
            if (converting && position == 0 && Stock > 0)
            {
                variant.TakeOverStock(Stock + item.InitialStock);
                set.Add(new VariantStockSet(variant, 0, Stock, "Stock of the product before it had variants"));
            }

            if (item.InitialStock > 0)
            {
                set.Add(new VariantStockSet(variant, variant.Stock - item.InitialStock, variant.Stock, "Initial stock"));
            }
        }

        UpdatedAt = now;
        return set;
    }

    /// <summary>For a new product, before it is first saved: its stock is the sum of its variants' (saved products change it only by conditional updates).</summary>
    public void StartWithVariantStock() => Stock = _variants.Sum(v => v.Stock);

    public void Archive(bool archived, DateTimeOffset now)
    {
        ArchivedAt = archived ? ArchivedAt ?? now : null;
        UpdatedAt = now;
    }

    public ProductPhoto AddPhoto(Guid photoId, PhotoSizes image, DateTimeOffset now)
    {
        if (_photos.Count >= Limits.ProductPhotosMax)
        {
            throw DomainException.Conflict(ProblemCodes.PhotoLimitReached, "A product has at most {0} photos; remove one first.", Limits.ProductPhotosMax);
        }

        var photo = new ProductPhoto(photoId, Id, image, _photos.Count, now);
        _photos.Add(photo);
        Touch(now);
        return photo;
    }

    public ProductPhoto RemovePhoto(Guid photoId, DateTimeOffset now)
    {
        var photo = _photos.SingleOrDefault(p => p.Id == photoId)
            ?? throw DomainException.NotFound(ProblemCodes.PhotoNotFound, "This product has no photo with that id.");
        _photos.Remove(photo);
        Renumber();
        Touch(now);
        return photo;
    }

    /// <summary>Puts the photos in the given order: every photo once. The first becomes the cover.</summary>
    public void ReorderPhotos(IReadOnlyList<Guid> photoIds, DateTimeOffset now)
    {
        if (photoIds.Count != _photos.Count || photoIds.Distinct().Count() != photoIds.Count || photoIds.Any(id => _photos.All(p => p.Id != id)))
        {
            throw DomainException.Invalid(ProblemCodes.PhotoOrderInvalid, "Send every photo of the product once, in the new order.");
        }

        foreach (var photo in _photos)
        {
            photo.MoveTo(Enumerable.Range(0, photoIds.Count).First(i => photoIds[i] == photo.Id));
        }

        _photos.Sort((a, b) => a.Position.CompareTo(b.Position));
        Touch(now);
    }

    /// <summary>The photos in order (EF loads them unordered).</summary>
    public IEnumerable<ProductPhoto> OrderedPhotos => _photos.OrderBy(p => p.Position);

    private void Renumber()
    {
        var position = 0;
        foreach (var photo in _photos.OrderBy(p => p.Position).ToList())
        {
            photo.MoveTo(position++);
        }
    }

    private void Touch(DateTimeOffset now)
    {
        ImageUrl = OrderedPhotos.FirstOrDefault() is { } cover ? cover.MediumUrl
            : ImageUrl.StartsWith(PlaceholderImageUrl[..5], StringComparison.Ordinal) ? ImageUrl : PlaceholderImageUrl;

        UpdatedAt = now;
    }

    public ProductDto ToDto() => new(Id, Sku, Name, Description, ImageUrl, Price, Currency, Stock);

    /// <summary>As a show in <paramref name="currency"/> sells it: its price there (the caller checks <see cref="SellsIn"/>).</summary>
    public ProductDto ToDto(string currency) => new(Id, Sku, Name, Description, ImageUrl, PriceIn(currency) ?? Price, SellsIn(currency) ? currency : Currency, Stock);

    /// <summary>The variants as buyers see them, in order; null for a product without variants.</summary>
    public IReadOnlyList<ProductVariantDto>? VariantDtos() => HasVariants ? [.. OrderedVariants.Select(v => v.ToDto(this))] : null;

    /// <summary>The variants as buyers of a show in <paramref name="currency"/> see them; null for a product without variants.</summary>
    public IReadOnlyList<ProductVariantDto>? VariantDtos(string currency) => HasVariants ? [.. OrderedVariants.Select(v => v.ToDto(this, currency))] : null;

    public ShopProductDto ToShopDto() => new(
        Id, ShopId, Sku, Name, Description, Price, CompareAtPrice, Currency, Stock, LowStockThreshold, IsLowStock, IsArchived, ImageUrl,
        [.. OrderedPhotos.Select(p => p.ToDto())], CreatedAt, UpdatedAt,
        OptionNames, [.. OrderedVariants.Select(v => v.ToShopDto(this))], [.. OrderedPrices.Select(p => p.ToDto())]);
}
