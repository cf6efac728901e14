namespace LiveShop.Server.Features.Live;

/// <summary>How many units one buyer holds at one flash price: the per-buyer cap is checked against it by a conditional update.</summary>
public sealed class FlashSaleClaim
{
    private FlashSaleClaim()
    {
    }

    public FlashSaleClaim(Guid saleId, Guid buyerId, int units)
    {
        SaleId = saleId;
        BuyerId = buyerId;
        Units = units;
    }

    public Guid SaleId { get; private set; }

    public Guid BuyerId { get; private set; }

    public int Units { get; private set; }

    /// <summary>More units in the same order, before the claim is first saved (two variants of one product under one sale).</summary>
    internal void AddUnits(int units) => Units += units;
}
