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
}
