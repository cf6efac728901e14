namespace LiveShop.Server.Features.Creators;

/// <summary>
/// A brand paid a creator the commission due on one month's orders (in one currency): the amount, when and who marked
/// it. Kept even when the creator deletes their account (it is the brand's record of money paid). A month may be paid
/// more than once, as more of its commission is confirmed.
/// </summary>
public sealed class CreatorPayout
{
    private CreatorPayout()
    {
    }

    public CreatorPayout(Guid id, Guid shopId, Guid creatorId, string month, string currency, decimal amount, decimal paidBefore, DateTimeOffset paidAt, Guid paidById)
    {
        PaidBefore = paidBefore;
        Id = id;
        ShopId = shopId;
        CreatorId = creatorId;
        Month = month;
        Currency = currency;
        Amount = amount;
        PaidAt = paidAt;
        PaidById = paidById;
    }

    public Guid Id { get; private set; }

    public Guid ShopId { get; private set; }

    public Guid CreatorId { get; private set; }

    /// <summary>The month of the orders, <c>yyyy-MM</c> in the shop's time zone.</summary>
    public string Month { get; private set; } = "";

    public string Currency { get; private set; } = "";

    public decimal Amount { get; private set; }

    /// <summary>
    /// What had been paid for the month before this payout: unique per creator, month and currency, so two "mark paid"
    /// made at once (a double click, two managers) record one payout, not two.
    /// </summary>
    public decimal PaidBefore { get; private set; }

    public DateTimeOffset PaidAt { get; private set; }

    public Guid PaidById { get; private set; }
}
