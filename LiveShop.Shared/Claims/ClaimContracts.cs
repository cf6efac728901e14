using System.Text;
using System.Text.Json.Serialization;

namespace LiveShop.Shared.Claims;

/// <summary>
/// "+1" in the chat (Taiwan's live selling): a viewer who types a pinned product's keyword gets one unit held for
/// them until <see cref="ChatClaimSettingsDto.PayMinutes"/> later; see docs/claims.md.
/// </summary>
/// <param name="ProductId">The lineup product.</param>
/// <param name="Open">Whether typing a keyword claims it now (the host turned it on).</param>
/// <param name="PayMinutes">How long a claim is held for its viewer to pay.</param>
/// <param name="Keywords">"+1" for a product without variants, else "+1 M" … per variant, with the counts so far.</param>
public sealed record ChatClaimSettingsDto(Guid ProductId, bool Open, int PayMinutes, IReadOnlyList<ClaimKeywordDto> Keywords)
{
    /// <summary>Units held or ordered through claims, over every keyword.</summary>
    public int Claimed => Keywords.Sum(k => k.Claimed);

    /// <summary>Viewers waiting for a released unit, over every keyword.</summary>
    public int Waiting => Keywords.Sum(k => k.Waiting);
}

/// <summary>One keyword of a product: <see cref="VariantId"/> and <see cref="Label"/> null for a product without variants.</summary>
public sealed record ClaimKeywordDto(string Keyword, Guid? VariantId, string? Label, int Claimed, int Waiting);

/// <summary>The host turns claims on or off for a lineup product, with the time viewers get to pay.</summary>
public sealed record SetChatClaimsRequest(Guid ProductId, bool Open, int PayMinutes);

/// <summary>
/// One viewer's claim. <see cref="PayBy"/> is set while <see cref="ChatClaimStatus.Held"/>; <see cref="WaitPosition"/>
/// (1 = next) while <see cref="ChatClaimStatus.Waiting"/>; <see cref="OrderId"/> once paid for.
/// </summary>
public sealed record ChatClaimDto(
    Guid Id,
    Guid ShowId,
    Guid ProductId,
    Guid? VariantId,
    string ProductName,
    string? VariantLabel,
    string ImageUrl,
    decimal UnitPrice,
    string Currency,
    ChatClaimStatus Status,
    DateTimeOffset ClaimedAt,
    DateTimeOffset? PayBy,
    int? WaitPosition,
    Guid? OrderId,
    string BuyerName);

[JsonConverter(typeof(JsonStringEnumConverter<ChatClaimStatus>))]
public enum ChatClaimStatus
{
    /// <summary>A unit is held for the viewer until its pay-by time.</summary>
    Held,
    /// <summary>Typed when none was left: next in line for a released unit.</summary>
    Waiting,
    /// <summary>Paid for (or being paid): the unit is the order's.</summary>
    Ordered,
    /// <summary>Not paid in time: the unit went to the next in line or back to the room.</summary>
    Expired,
    /// <summary>Still waiting when the host closed claims: nothing was held.</summary>
    Closed,
}

/// <summary>How a chat line is read as a claim keyword: "+1 m", "＋１Ｍ" and "+1M" are all "+1 M".</summary>
public static class ClaimKeywords
{
    public const string Plus1 = "+1";

    /// <summary>The keyword of a variant: "+1 M", "+1 Jade / M".</summary>
    public static string ForVariant(string label) => $"{Plus1} {label}";

    /// <summary>
    /// The comparable form: compatibility-normalised (full-width signs and digits), upper case, without spaces,
    /// punctuation ("/", "-", "!", "。") or emoji — "+1!" and "+1 🙏" are "+1"; the plus sign stays.
    /// </summary>
    public static string Normalize(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToUpperInvariant();
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (c == '+' || !(char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || char.IsSurrogate(c) || char.IsControl(c)))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
