using LiveShop.Shared.Creators;

namespace LiveShop.Server.Features.Creators;

/// <summary>
/// A creator's place in one brand's program: asked (pending), approved, paused, declined or removed, with an
/// optional rate of the creator's own that overrides the products' rates. One row per brand and creator: asking
/// again after a refusal moves the same row back to pending.
/// </summary>
public sealed class CreatorEnrollment
{
    private CreatorEnrollment()
    {
    }

    public CreatorEnrollment(Guid shopId, Guid creatorId, CreatorApproval approval, DateTimeOffset now)
    {
        ShopId = shopId;
        CreatorId = creatorId;
        Ask(approval, now);
    }

    public Guid ShopId { get; private set; }

    public Guid CreatorId { get; private set; }

    public CreatorStatus Status { get; private set; }

    public decimal? RateOverride { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public Guid? DecidedById { get; private set; }

    /// <summary>The creator asks (again): approved at once when anyone may join, else pending.</summary>
    public void Ask(CreatorApproval approval, DateTimeOffset now)
    {
        Status = approval == CreatorApproval.Anyone ? CreatorStatus.Approved : CreatorStatus.Pending;
        RequestedAt = now;
        DecidedAt = approval == CreatorApproval.Anyone ? now : null;
        DecidedById = null;
    }

    public void Decide(CreatorStatus status, decimal? rateOverride, Guid decidedBy, DateTimeOffset now)
    {
        Status = status;
        RateOverride = rateOverride;
        DecidedAt = now;
        DecidedById = decidedBy;
    }
}
