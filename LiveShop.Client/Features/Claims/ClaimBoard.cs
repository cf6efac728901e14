using LiveShop.Shared.Claims;

namespace LiveShop.Client.Features.Claims;

/// <summary>
/// "+1" claims of one show as the server told them: the answer to a chat line, the <c>ClaimUpdated</c> pushes and the
/// lists asked for after a (re)join, in any order. A claim only moves forward (waiting → held → ordered, expired or
/// closed; a waiting claim's place only comes nearer), and claims carry no version, so a copy that would move one back
/// is older than the one known and is ignored: a list that was read before a push and arrives after it never undoes it.
/// </summary>
public sealed class ClaimBoard
{
    private readonly Dictionary<Guid, ChatClaimDto> _claims = [];

    /// <summary>Every known claim, newest first.</summary>
    public IReadOnlyList<ChatClaimDto> Newest => [.. _claims.Values.OrderByDescending(c => c.ClaimedAt).ThenBy(c => c.Id)];

    public int Count => _claims.Count;

    public ChatClaimDto? Find(Guid claimId) => _claims.GetValueOrDefault(claimId);

    /// <summary>Takes the server's copy of a claim unless the one known is further along. True when it changed something.</summary>
    public bool Apply(ChatClaimDto claim)
    {
        if (_claims.TryGetValue(claim.Id, out var known) && (known == claim || IsBehind(claim, known)))
        {
            return false;
        }

        _claims[claim.Id] = claim;
        return true;
    }

    /// <summary>Applies a list the server answered with (<see cref="Apply"/> for each). True when it changed something.</summary>
    public bool Apply(IEnumerable<ChatClaimDto> claims)
    {
        var changed = false;
        foreach (var claim in claims)
        {
            changed |= Apply(claim);
        }

        return changed;
    }

    public void Clear() => _claims.Clear();

    /// <summary>True while a claim still waits for a unit or holds one for its buyer to pay.</summary>
    public static bool IsActive(ChatClaimDto claim) => claim.Status is ChatClaimStatus.Held or ChatClaimStatus.Waiting;

    /// <summary>An ended claim stays as it ended; otherwise a copy behind in status, or a waiting one further back in line, is older.</summary>
    private static bool IsBehind(ChatClaimDto copy, ChatClaimDto known) =>
        !IsActive(known)
        || Rank(copy.Status) < Rank(known.Status)
        || (copy.Status == ChatClaimStatus.Waiting && known.Status == ChatClaimStatus.Waiting && copy.WaitPosition > known.WaitPosition);

    private static int Rank(ChatClaimStatus status) => status switch
    {
        ChatClaimStatus.Waiting => 0,
        ChatClaimStatus.Held => 1,
        ChatClaimStatus.Ordered or ChatClaimStatus.Expired or ChatClaimStatus.Closed => 2,
    };
}
