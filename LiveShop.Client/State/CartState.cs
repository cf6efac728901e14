using LiveShop.Client.Components;
using LiveShop.Client.Resources;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.State;

/// <summary>
/// The viewer's cart for one show. A line keeps the product (and its variant: two colours of one scarf
/// are two lines) and the quantity, never a price: prices
/// are read live from the show page's <see cref="ShowState"/> (<see cref="ShowState.PriceOf"/>), so
/// the cart always shows what the buyer would pay now, and the order asks for exactly that.
/// A "+1" claim the buyer pays for is a line of its own (<see cref="AddClaim"/>): one unit, already held for them, at
/// the claim's price, and the order line names the claim.
/// Scoped, so it survives moving between pages; attaching another show's page empties it.
/// </summary>
public sealed class CartState(TimeProvider clock, IStringLocalizer<ViewerText>? text = null)
{
    private readonly List<CartLine> _lines = [];

    /// <summary>Units this buyer already holds at a sale's flash price (by sale id), as far as this tab knows.</summary>
    private readonly Dictionary<Guid, int> _flashHeld = [];

    /// <summary>Claims whose lines went into an order placed from this cart.</summary>
    private readonly HashSet<Guid> _placedClaims = [];
    private ShowState? _show;

    /// <summary>The viewer's text for the notes on flash prices (the app's localizer; straight from the resources when made by hand).</summary>
    private IStringLocalizer<ViewerText> T { get; } = text ?? ViewerText.FromResources();

    /// <summary>The show the lines belong to (null before a show page attached).</summary>
    public Guid? ShowId { get; private set; }

    /// <summary>The show page's state the prices come from, while that page is open.</summary>
    public ShowState? Show => _show;

    /// <summary>The lines, in the order the products were added.</summary>
    public IReadOnlyList<CartLine> Lines => _lines;

    /// <summary>Units in the cart (what the badge shows).</summary>
    public int Count => _lines.Sum(l => l.Quantity);

    public bool IsEmpty => _lines.Count == 0;

    /// <summary>The "+1" claims paid for by orders placed from this cart (the claim cards go once their order is placed).</summary>
    public IReadOnlyCollection<Guid> PlacedClaims => _placedClaims;

    public string Currency => _show?.Show?.Currency ?? "";

    /// <summary>Lines, quantities or prices changed (a flash sale started or ended counts).</summary>
    public event Action? Changed;

    /// <summary>The show page that is open now. Lines of another show are dropped.</summary>
    public void Attach(ShowState show)
    {
        if (show.Show is null)
        {
            throw new ArgumentException("The show page has not loaded its show.", nameof(show));
        }

        if (ReferenceEquals(_show, show))
        {
            return;
        }

        if (_show is not null)
        {
            _show.Changed -= OnShowChanged;
        }

        _show = show;
        _show.Changed += OnShowChanged;
        if (ShowId != show.Show.Id)
        {
            ShowId = show.Show.Id;
            _lines.Clear();
            _flashHeld.Clear();
            _placedClaims.Clear();
        }

        Changed?.Invoke();
    }

    /// <summary>The show page closed: the lines stay for when it opens again.</summary>
    public void Detach(ShowState show)
    {
        if (ReferenceEquals(_show, show))
        {
            _show.Changed -= OnShowChanged;
            _show = null;
        }
    }

    /// <summary>
    /// Adds units of a product (to its line if it has one; at most <see cref="Limits.OrderMaxQuantity"/>).
    /// False when it would be a new line and the cart already holds <see cref="Limits.OrderMaxLines"/> products, or when
    /// a "+1" claim's line holds that product (variant) (<see cref="HasClaimFor"/>: an order has one line for it).
    /// </summary>
    /// <param name="product">The lineup product.</param>
    /// <param name="quantity">How many more.</param>
    /// <param name="seenSale">The flash price the buyer saw on the product when they tapped (the video can be behind the room):
    /// if the cart's price is not that one, the line says the flash price has ended.</param>
    /// <param name="variantId">The variant chosen: required for a product with variants, ignored for one without.</param>
    public bool Add(LineupItemDto product, int quantity = 1, FlashSaleDto? seenSale = null, Guid? variantId = null)
    {
        ProductVariantDto? variant = null;
        if (product.HasVariants())
        {
            variant = product.VariantFor(variantId)
                ?? throw new ArgumentException($"Choose one of the variants of {product.Name}.", nameof(variantId));
        }

        if (HasClaimFor(product.ProductId, variant?.Id))
        {
            return false;
        }

        var index = IndexOf(product.ProductId, variant?.Id);
        if (index >= 0)
        {
            _lines[index] = _lines[index] with { Quantity = Clamp(_lines[index].Quantity + quantity), SeenSale = seenSale };
        }
        else if (_lines.Count >= Limits.OrderMaxLines)
        {
            return false;
        }
        else
        {
            _lines.Add(new CartLine(product.ProductId, product.Name, product.ImageUrl, Clamp(quantity))
            {
                SeenSale = seenSale,
                VariantId = variant?.Id,
                VariantLabel = variant?.Label,
            });
        }

        Changed?.Invoke();
        return true;
    }

    /// <summary>
    /// Adds the line that pays for a held "+1" claim: one unit at the claim's price, not changeable (the unit is held for
    /// this buyer only). Nothing changes when the claim already has its line. An order has one line per product (variant),
    /// so a claim of a product (variant) that already has a line waits until that one is ordered.
    /// </summary>
    public AddClaimResult AddClaim(ChatClaimDto claim)
    {
        if (claim.Status != ChatClaimStatus.Held || claim.ShowId != ShowId)
        {
            return AddClaimResult.NotHeld;
        }

        if (_lines.Exists(l => l.ClaimId == claim.Id))
        {
            return AddClaimResult.Added;
        }

        if (_lines.Exists(l => l.ProductId == claim.ProductId && l.VariantId == claim.VariantId))
        {
            return AddClaimResult.SameItemInCart;
        }

        if (_lines.Count >= Limits.OrderMaxLines)
        {
            return AddClaimResult.CartFull;
        }

        _lines.Add(new CartLine(claim.ProductId, claim.ProductName, claim.ImageUrl, 1)
        {
            VariantId = claim.VariantId,
            VariantLabel = claim.VariantLabel,
            ClaimId = claim.Id,
            ClaimPrice = claim.UnitPrice,
            HeldUntil = claim.PayBy,
        });
        Changed?.Invoke();
        return AddClaimResult.Added;
    }

    /// <summary>Whether a claim's line holds this product (variant): it is the order's one line for it, so no more units are added beside it.</summary>
    public bool HasClaimFor(Guid productId, Guid? variantId) => _lines.Exists(l => l.ClaimId is not null && l.ProductId == productId && l.VariantId == variantId);

    /// <summary>Takes a claim's line out (the buyer removed it, or the claim no longer holds a unit); the claim itself stays as it is.</summary>
    public void RemoveClaim(Guid claimId)
    {
        if (_lines.RemoveAll(l => l.ClaimId == claimId) > 0)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>Sets a line's quantity, kept between 1 and <see cref="Limits.OrderMaxQuantity"/> (removing is <see cref="Remove"/>).</summary>
    public void SetQuantity(Guid productId, int quantity, Guid? variantId = null)
    {
        var index = IndexOf(productId, variantId);
        if (index < 0 || _lines[index].Quantity == Clamp(quantity))
        {
            return;
        }

        _lines[index] = _lines[index] with { Quantity = Clamp(quantity) };
        Changed?.Invoke();
    }

    /// <summary>Removes a product's line (of that variant, for a product with variants); a claim's line goes with <see cref="RemoveClaim"/>.</summary>
    public void Remove(Guid productId, Guid? variantId = null)
    {
        if (_lines.RemoveAll(l => l.ProductId == productId && l.VariantId == variantId && l.ClaimId is null) > 0)
        {
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// Puts back lines kept from an earlier visit to this show (see <see cref="Services.CartStorage"/>), when
    /// the cart is still empty: what is already in it is newer. Products no longer in the show's lineup are
    /// dropped, as is a line of a product with variants whose variant it no longer has (or that names none),
    /// a product (variant) kept twice counts once, quantities are kept between 1 and
    /// <see cref="Limits.OrderMaxQuantity"/>, and at most <see cref="Limits.OrderMaxLines"/> products come back.
    /// Names and pictures come from the lineup. True when lines came back.
    /// </summary>
    public bool Restore(IEnumerable<SavedCartLine> saved)
    {
        var show = AttachedShow;
        if (_lines.Count > 0)
        {
            return false;
        }

        foreach (var line in saved)
        {
            if (_lines.Count >= Limits.OrderMaxLines)
            {
                break;
            }

            if (show.ItemFor(line.ProductId) is not { } product)
            {
                continue;
            }

            var variant = product.VariantFor(line.VariantId);
            if (product.HasVariants() != variant is not null || IndexOf(product.ProductId, variant?.Id) >= 0)
            {
                continue;
            }

            _lines.Add(new CartLine(product.ProductId, product.Name, product.ImageUrl, Clamp(line.Quantity))
            {
                VariantId = variant?.Id,
                VariantLabel = variant?.Label,
            });
        }

        if (_lines.Count == 0)
        {
            return false;
        }

        Changed?.Invoke();
        return true;
    }

    public void Clear()
    {
        _lines.Clear();
        Changed?.Invoke();
    }

    /// <summary>
    /// What one unit of the product costs now for <paramref name="quantity"/> units, by the server's rule:
    /// the flash price (see <see cref="ShowState.PriceOf"/>) only when the whole line fits in the units left
    /// at that price and in this buyer's allowance (the per-buyer cap less the units they already hold);
    /// otherwise the list price for the whole line, with <see cref="ProductPrice.FlashNote"/> saying why.
    /// </summary>
    /// <remarks>
    /// A sale's units and per-buyer cap count across the variants it is for: <paramref name="takenBefore"/>
    /// are units of earlier lines of the cart already priced at that sale's flash price.
    /// </remarks>
    public ProductPrice PriceOf(Guid productId, int quantity = 1, Guid? variantId = null, int takenBefore = 0)
    {
        var price = AttachedShow.PriceOf(productId, variantId, clock.GetUtcNow()) ?? throw new InvalidOperationException($"Product {productId} is not in this show.");
        if (price.Sale is not { } sale)
        {
            return price;
        }

        var held = _flashHeld.GetValueOrDefault(sale.Id) + takenBefore;
        var allowance = Math.Max(0, sale.PerBuyerCap - held);
        var remaining = Math.Max(0, sale.Remaining - takenBefore);
        if (quantity <= Math.Min(remaining, allowance))
        {
            return price;
        }

        var note = quantity > allowance
            ? allowance == 0
                ? T["The flash price {0} is {1} per buyer: you have yours.", Money.Format(sale.Price, sale.Currency), sale.PerBuyerCap]
                : T["The flash price {0} is {1} per buyer: up to {2} more for you.", Money.Format(sale.Price, sale.Currency), sale.PerBuyerCap, allowance]
            : T["Only {0} left at the flash price {1}.", remaining, Money.Format(sale.Price, sale.Currency)];
        return new ProductPrice(price.List, price.List, price.Currency, null) { FlashNote = note };
    }

    /// <summary>
    /// <see cref="PriceOf(Guid, int)"/> for a line; when the buyer tapped it at a flash price that no longer
    /// runs and no other flash price applies now (it ended or sold out, maybe while the video was still
    /// behind), the note says so. The line remembers what the buyer saw at their latest tap.
    /// </summary>
    public ProductPrice PriceOf(CartLine line)
    {
        if (line.ClaimPrice is { } claimed)
        {
            // The unit is held at the claim's price, whatever the product costs now.
            return new ProductPrice(claimed, claimed, Currency, null);
        }

        var price = PriceOf(line.ProductId, line.Quantity, line.VariantId, FlashUnitsBefore(line));
        return line.SeenSale is { } seen && price.FlashNote is null && price.Sale is null
            ? price with { FlashNote = T["The flash price {0} has ended.", Money.Format(seen.Price, seen.Currency)] }
            : price;
    }

    public decimal LineTotal(CartLine line) => PriceOf(line).Unit * line.Quantity;

    public decimal Total => _lines.Sum(LineTotal);

    /// <summary>
    /// The buyer holds <paramref name="units"/> at the flash price of <paramref name="saleId"/> (the server
    /// said so in a refusal): the cart stops offering that price beyond the allowance.
    /// </summary>
    public void HoldsFlashUnits(Guid saleId, int units)
    {
        if (units > _flashHeld.GetValueOrDefault(saleId))
        {
            _flashHeld[saleId] = units;
            Changed?.Invoke();
        }
    }

    /// <summary>An order of this buyer was placed: its units at a flash price count against that sale's per-buyer cap.</summary>
    public void Placed(OrderDto order)
    {
        foreach (var line in _lines.Where(l => l.ClaimId is not null && order.Lines.Any(o => o.ProductId == l.ProductId && o.VariantId == l.VariantId)))
        {
            _placedClaims.Add(line.ClaimId!.Value);
        }

        foreach (var line in order.Lines.Where(l => l.FlashSaleId is not null))
        {
            _flashHeld[line.FlashSaleId!.Value] = _flashHeld.GetValueOrDefault(line.FlashSaleId.Value) + line.Quantity;
        }
    }

    /// <summary>
    /// The order's lines at the prices shown now, except where the buyer agreed to another price
    /// (after the server said it changed): those go with the agreed price.
    /// </summary>
    public IReadOnlyList<PlaceOrderLine> OrderLines(IReadOnlyDictionary<Guid, decimal>? agreedPrices = null) =>
    [
        .. _lines.Select(l => new PlaceOrderLine(
            l.ProductId,
            l.Quantity,
            l.ClaimId is null && agreedPrices is not null && agreedPrices.TryGetValue(l.ProductId, out var agreed) ? agreed : PriceOf(l).Unit,
            l.VariantId,
            l.ClaimId)),
    ];

    /// <summary>
    /// <see cref="OrderLines(IReadOnlyDictionary{Guid, decimal}?)"/> with agreed prices per line (product and
    /// variant): the price the buyer agreed to for one colour says nothing about another.
    /// </summary>
    public IReadOnlyList<PlaceOrderLine> OrderLines(IReadOnlyDictionary<CartLineKey, decimal> agreedPrices) =>
    [
        .. _lines.Select(l => new PlaceOrderLine(
            l.ProductId,
            l.Quantity,
            agreedPrices.TryGetValue(l.Key, out var agreed) ? agreed : PriceOf(l).Unit,
            l.VariantId,
            l.ClaimId)),
    ];

    /// <summary>Units of the lines before this one that are priced at the flash price this line's variant would get.</summary>
    private int FlashUnitsBefore(CartLine line)
    {
        if (AttachedShow.SaleFor(line.ProductId, clock.GetUtcNow()) is not { } sale || !sale.AppliesTo(line.VariantId))
        {
            return 0;
        }

        var taken = 0;
        foreach (var earlier in _lines)
        {
            if (earlier.Key == line.Key)
            {
                break;
            }

            if (earlier.ProductId == line.ProductId && earlier.ClaimId is null && PriceOf(earlier.ProductId, earlier.Quantity, earlier.VariantId, taken).Sale?.Id == sale.Id)
            {
                taken += earlier.Quantity;
            }
        }

        return taken;
    }

    private int IndexOf(Guid productId, Guid? variantId) => _lines.FindIndex(l => l.ProductId == productId && l.VariantId == variantId && l.ClaimId is null);

    private ShowState AttachedShow => _show ?? throw new InvalidOperationException("No show page is open: prices come from it.");

    private void OnShowChanged() => Changed?.Invoke();

    private static int Clamp(int quantity) => Math.Clamp(quantity, 1, Limits.OrderMaxQuantity);
}

/// <summary>A product (one variant of it, for a product with variants) in the cart. No price: see <see cref="CartState.PriceOf(CartLine)"/>.</summary>
public sealed record CartLine(Guid ProductId, string Name, string ImageUrl, int Quantity)
{
    /// <summary>The chosen variant (null: a product without variants).</summary>
    public Guid? VariantId { get; init; }

    /// <summary>The variant as buyers read it ("Red / M"); null without variants.</summary>
    public string? VariantLabel { get; init; }

    /// <summary>What tells this line from the others: the product, its variant, and the claim it pays for.</summary>
    public CartLineKey Key => new(ProductId, VariantId, ClaimId);

    /// <summary>The "+1" claim this line pays for (null: an ordinary line).</summary>
    public Guid? ClaimId { get; init; }

    /// <summary>A claim's line: the price the unit is held at.</summary>
    public decimal? ClaimPrice { get; init; }

    /// <summary>A claim's line: when the hold runs out (server clock).</summary>
    public DateTimeOffset? HeldUntil { get; init; }

    /// <summary>The flash price shown on the product when the buyer tapped it, if any.</summary>
    public FlashSaleDto? SeenSale { get; init; }
}

/// <summary>One line of the cart: a product and, for a product with variants, the variant; a claim's line also names the claim.</summary>
public readonly record struct CartLineKey(Guid ProductId, Guid? VariantId, Guid? ClaimId = null);

/// <summary>What <see cref="CartState.AddClaim"/> did with a claim.</summary>
public enum AddClaimResult
{
    /// <summary>Its line is in the cart (added now, or already there).</summary>
    Added,

    /// <summary>The claim holds no unit (waiting, ended) or is of another show: nothing to pay for.</summary>
    NotHeld,

    /// <summary>Another line holds the same product (variant): an order has one line for it, so that one is ordered first.</summary>
    SameItemInCart,

    /// <summary>The cart already holds <see cref="Limits.OrderMaxLines"/> lines.</summary>
    CartFull,
}

/// <summary>A cart line as kept in the browser between visits: the product (and variant) and how many, nothing else.</summary>
public sealed record SavedCartLine(Guid ProductId, int Quantity, Guid? VariantId = null);
