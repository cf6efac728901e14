using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// A flash price on one lineup product, for a time window and a number of units. It ends at
/// <see cref="EndsAt"/>, when <see cref="Sold"/> reaches <see cref="QuantityCap"/>, when the host
/// ends it, or when the show ends — whichever comes first.
/// </summary>
public sealed class FlashSale
{
    private FlashSale()
    {
    }

    public FlashSale(Guid id, Guid showId, Guid productId, decimal price, decimal listPrice, string currency, DateTimeOffset startsAt, DateTimeOffset endsAt, int quantityCap, int perBuyerCap, IEnumerable<Guid>? variantIds = null, decimal? lowestPrice30Days = null)
    {
        VariantIds = [.. variantIds ?? []];
        Id = id;
        ShowId = showId;
        ProductId = productId;
        Price = price;
        ListPrice = listPrice;
        Currency = currency;
        StartsAt = startsAt;
        EndsAt = endsAt;
        QuantityCap = quantityCap;
        PerBuyerCap = perBuyerCap;
        LowestPrice30Days = lowestPrice30Days;
    }

    public Guid Id { get; private set; }

    public Guid ShowId { get; private set; }

    public Guid ProductId { get; private set; }

    public decimal Price { get; private set; }

    /// <summary>The list price when the sale started (what the card strikes through).</summary>
    public decimal ListPrice { get; private set; }

    public string Currency { get; private set; } = "";

    /// <summary>The lowest regular price of the 30 days before <see cref="StartsAt"/> (the EU rule), for a shop that shows it; else null.</summary>
    public decimal? LowestPrice30Days { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public int QuantityCap { get; private set; }

    public int PerBuyerCap { get; private set; }

    /// <summary>Units sold at the flash price. Changed only by a conditional update (see <see cref="FlashSales"/>).</summary>
    public int Sold { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The variants the flash price is for, on a product with variants; empty: all of them (or a product without).</summary>
    public List<Guid> VariantIds { get; private set; } = [];

    public bool AppliesTo(Guid? variantId) => VariantIds.Count == 0 || (variantId is { } id && VariantIds.Contains(id));

    public FlashSaleEndReason? EndReason { get; private set; }

    public bool IsRunning(DateTimeOffset now) => EndedAt is null && now < EndsAt && Sold < QuantityCap;

    public void End(FlashSaleEndReason reason, DateTimeOffset at)
    {
        if (EndedAt is not null)
        {
            throw DomainException.Conflict(ProblemCodes.FlashSaleEnded, "This flash sale has already ended.");
        }

        EndedAt = at;
        EndReason = reason;
    }

    /// <summary>
    /// A sale that ended as sold out runs again with <paramref name="returned"/> flash units given back
    /// (a declined card). The caller checks it may (see <see cref="FlashSales.GiveBackAsync"/>).
    /// </summary>
    public void Reopen(int returned)
    {
        if (EndReason != FlashSaleEndReason.SoldOut || returned < 0 || returned > Sold)
        {
            throw new InvalidOperationException("Only a sold-out sale reopens, with at most the units it sold.");
        }

        Sold -= returned;
        EndedAt = null;
        EndReason = null;
    }

    public FlashSaleDto ToDto() => new(Id, ProductId, Price, ListPrice, Currency, StartsAt, EndsAt, QuantityCap, PerBuyerCap, Sold, VariantIds.Count > 0 ? [.. VariantIds] : null, LowestPrice30Days);
}
