using LiveShop.Shared.Claims;

namespace LiveShop.Client.Features.Claims;

/// <summary>
/// The viewer's own "+1" claims in the show they watch, and which of them the page shows as private cards: every claim
/// still held or waiting, and one that ended while the page followed it (expired, closed) until the viewer closes its
/// card. A claim paid for leaves (the order's toast says the rest). Claims that ended before the page opened are not
/// shown again. Pushes are taken only for claims the page already knows (from the viewer's own line or their list):
/// a host watching their own show is sent everyone's claims, and a claim names its buyer only by display name.
/// </summary>
public sealed class MyClaims
{
    private readonly ClaimBoard _board = new();
    private readonly HashSet<Guid> _seenActive = [];
    private readonly HashSet<Guid> _hidden = [];

    /// <summary>The cards to show, newest first.</summary>
    public IReadOnlyList<ChatClaimDto> Cards => [.. _board.Newest.Where(IsShown)];

    public ChatClaimDto? Find(Guid claimId) => _board.Find(claimId);

    /// <summary>The answer to the viewer's own chat line: the claim it made (held, or waiting when sold out).</summary>
    public void Claimed(ChatClaimDto claim) => Take(claim);

    /// <summary>
    /// A <c>ClaimUpdated</c> push. Returns the change the viewer should hear about: <see cref="ClaimMove.Promoted"/> when a
    /// waiting claim now holds a unit for them; <see cref="ClaimMove.None"/> for a claim that is not theirs or that did not move.
    /// </summary>
    public ClaimMove Moved(ChatClaimDto claim)
    {
        if (_board.Find(claim.Id) is not { } known)
        {
            return ClaimMove.None;
        }

        if (!Take(claim))
        {
            return ClaimMove.None;
        }

        if (known.Status == ChatClaimStatus.Waiting && claim.Status == ChatClaimStatus.Held)
        {
            // A waiting card the viewer closed comes back: now there is something to pay for.
            _hidden.Remove(claim.Id);
            return ClaimMove.Promoted;
        }

        return ClaimMove.Changed;
    }

    /// <summary>The viewer's claims as the server lists them after a (re)join. True when a card changed.</summary>
    public bool Load(IEnumerable<ChatClaimDto> claims)
    {
        var changed = false;
        foreach (var claim in claims)
        {
            changed |= Take(claim);
        }

        return changed;
    }

    /// <summary>The viewer closed a card (the claim itself stays as it is).</summary>
    public void Dismiss(Guid claimId) => _hidden.Add(claimId);

    /// <summary>Orders placed from this page paid for these claims: their cards go at once, before the server's push.</summary>
    public void Paid(IEnumerable<Guid> claimIds) => _hidden.UnionWith(claimIds);

    private bool Take(ChatClaimDto claim)
    {
        if (!_board.Apply(claim))
        {
            return false;
        }

        if (ClaimBoard.IsActive(claim))
        {
            _seenActive.Add(claim.Id);
        }

        return true;
    }

    private bool IsShown(ChatClaimDto claim) => !_hidden.Contains(claim.Id) && claim.Status switch
    {
        ChatClaimStatus.Held or ChatClaimStatus.Waiting => true,
        ChatClaimStatus.Expired or ChatClaimStatus.Closed => _seenActive.Contains(claim.Id),
        ChatClaimStatus.Ordered => false,
    };
}

/// <summary>What a pushed claim did, as far as its viewer is concerned.</summary>
public enum ClaimMove
{
    /// <summary>Not the viewer's, or no news.</summary>
    None,

    /// <summary>It moved (its place in line, expired, ordered, closed).</summary>
    Changed,

    /// <summary>It was waiting and now holds a unit for the viewer to pay.</summary>
    Promoted,
}
