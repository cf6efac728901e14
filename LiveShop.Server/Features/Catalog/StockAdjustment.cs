namespace LiveShop.Server.Features.Catalog;

/// <summary>A stock change made by hand in the back office: who, when, before, after, and why. Orders are not logged here (they are the orders).</summary>
public sealed class StockAdjustment
{
    private StockAdjustment()
    {
    }

    public StockAdjustment(Guid id, Guid productId, Guid byUserId, string byName, int before, int after, string reason, DateTimeOffset at, Guid? variantId = null, string? variant = null)
    {
        VariantId = variantId;
        Variant = variant;
        Id = id;
        ProductId = productId;
        ByUserId = byUserId;
        ByName = byName;
        Before = before;
        After = after;
        Reason = reason;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid ProductId { get; private set; }

    /// <summary>The variant whose stock changed (null: a product without variants); no foreign key, so the log outlives a removed variant.</summary>
    public Guid? VariantId { get; private set; }

    /// <summary>The variant's label at the time ("Red / M").</summary>
    public string? Variant { get; private set; }

    public Guid ByUserId { get; private set; }

    /// <summary>The name at the time (the log reads the same after the person renames or leaves).</summary>
    public string ByName { get; private set; } = "";

    public int Before { get; private set; }

    public int After { get; private set; }

    public string Reason { get; private set; } = "";

    public DateTimeOffset At { get; private set; }
}
