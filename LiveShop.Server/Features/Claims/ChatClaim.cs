using LiveShop.Shared.Claims;

namespace LiveShop.Server.Features.Claims;

/// <summary>
/// One "+1" typed in a show's chat for a pinned product: a unit held for the viewer until <see cref="PayBy"/>
/// (<see cref="ChatClaimStatus.Held"/>: the stock was taken with the claim), or a place in line when none was left
/// (<see cref="ChatClaimStatus.Waiting"/>: nothing taken). Paying turns it <see cref="ChatClaimStatus.Ordered"/> (the
/// order owns the unit from then on); not paying in time turns it <see cref="ChatClaimStatus.Expired"/> and its unit
/// goes to the oldest waiting claim or back to stock. Every move is a conditional update inside the show's room change.
/// </summary>
public sealed class ChatClaim
{
    private ChatClaim()
    {
    }

    public ChatClaim(Guid id, Guid showId, Guid productId, Guid? variantId, Guid buyerId, string buyerName, decimal unitPrice, string currency, long sequence, DateTimeOffset claimedAt, DateTimeOffset? payBy)
    {
        Id = id;
        Sequence = sequence;
        ShowId = showId;
        ProductId = productId;
        VariantId = variantId;
        BuyerId = buyerId;
        BuyerName = buyerName;
        UnitPrice = unitPrice;
        Currency = currency;
        ClaimedAt = claimedAt;
        PayBy = payBy;
        Status = payBy is null ? ChatClaimStatus.Waiting : ChatClaimStatus.Held;
    }

    public Guid Id { get; private set; }

    public Guid ShowId { get; private set; }

    public Guid ProductId { get; private set; }

    public Guid? VariantId { get; private set; }

    /// <summary>The viewer (a signed-in user or a guest).</summary>
    public Guid BuyerId { get; private set; }

    /// <summary>The name the viewer chatted under, for the host's list.</summary>
    public string BuyerName { get; private set; } = "";

    /// <summary>The list price in the show's currency when claimed: what paying for it costs.</summary>
    public decimal UnitPrice { get; private set; }

    public string Currency { get; private set; } = "";

    public ChatClaimStatus Status { get; private set; }

    public DateTimeOffset ClaimedAt { get; private set; }

    /// <summary>The room sequence of the chat line that claimed: the waitlist's order (lines of one batch share a time).</summary>
    public long Sequence { get; private set; }

    /// <summary>Set while held: when the unit goes to the next in line.</summary>
    public DateTimeOffset? PayBy { get; private set; }

    /// <summary>The order that paid for it.</summary>
    public Guid? OrderId { get; private set; }

    /// <summary>The one held unit is now the order's.</summary>
    internal void Order(Guid orderId)
    {
        Require(ChatClaimStatus.Held);
        Status = ChatClaimStatus.Ordered;
        OrderId = orderId;
    }

    /// <summary>
    /// The order that paid for it was declined or ran out before it was paid: held again for the buyer until its own
    /// pay-by time (they try another card), or, past that, expired with the order (its unit goes back with the order's).
    /// </summary>
    internal void Reopen(DateTimeOffset now)
    {
        Require(ChatClaimStatus.Ordered);
        Status = PayBy > now ? ChatClaimStatus.Held : ChatClaimStatus.Expired;
        OrderId = null;
    }

    /// <summary>Not paid in time: its unit goes to the next in line or back to the stock (the caller's).</summary>
    internal void Expire()
    {
        Require(ChatClaimStatus.Held);
        Status = ChatClaimStatus.Expired;
    }

    /// <summary>A released unit comes to this waiting claim: held from now for the product's pay time.</summary>
    internal void Hold(DateTimeOffset payBy)
    {
        Require(ChatClaimStatus.Waiting);
        Status = ChatClaimStatus.Held;
        PayBy = payBy;
    }

    /// <summary>Claims closed (or the product left the lineup) while it waited: nothing was held.</summary>
    internal void Close()
    {
        Require(ChatClaimStatus.Waiting);
        Status = ChatClaimStatus.Closed;
    }

    private void Require(ChatClaimStatus status)
    {
        if (Status != status)
        {
            throw new InvalidOperationException($"Claim {Id} is {Status}, not {status}.");
        }
    }
}
