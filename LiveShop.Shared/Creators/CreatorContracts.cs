using System.Text.Json.Serialization;

namespace LiveShop.Shared.Creators;

/// <summary>How a brand takes creators into its program: anyone who joins sells at once, or the brand approves each.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CreatorApproval>))]
public enum CreatorApproval
{
    Anyone,
    Approve,
}

/// <summary>
/// A creator's place in one brand's program. Pending: asked, waiting for the brand. Approved: sells the opened
/// products. Paused: the brand stopped new sales for now. Declined: the brand said no (the creator may ask again).
/// Removed: out of the program (the brand may approve again).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CreatorStatus>))]
public enum CreatorStatus
{
    Pending,
    Approved,
    Paused,
    Declined,
    Removed,
}

/// <summary>A creator's public profile: the name, handle, bio and social handles buyers and brands see.</summary>
public sealed record CreatorProfileDto(Guid Id, string Handle, string DisplayName, string Bio, IReadOnlyList<string> Socials);

/// <summary>Creates or changes the caller's creator profile.</summary>
public sealed record CreatorProfileRequest(string Handle, string DisplayName, string? Bio, IReadOnlyList<string>? Socials);

/// <summary>
/// A brand's creator program. <see cref="AllProducts"/>: every active product is open at <see cref="DefaultRate"/>;
/// otherwise only <see cref="Products"/>. <see cref="WindowDays"/>: how long after a creator's link or show an
/// order still counts for the creator.
/// </summary>
public sealed record CreatorProgramDto(
    Guid ShopId,
    bool IsOpen,
    CreatorApproval Approval,
    decimal DefaultRate,
    int WindowDays,
    bool AllProducts,
    IReadOnlyList<ProgramProductDto> Products);

/// <summary>A product opened to creators; <see cref="Rate"/> null: the program's default rate.</summary>
public sealed record ProgramProductDto(Guid ProductId, decimal? Rate);

/// <summary>The brand's program settings (owners and managers).</summary>
public sealed record CreatorProgramRequest(
    bool IsOpen,
    CreatorApproval Approval,
    decimal DefaultRate,
    int WindowDays,
    bool AllProducts,
    IReadOnlyList<ProgramProductDto>? Products);

/// <summary>A creator in a brand's program, as the brand sees them.</summary>
public sealed record ProgramCreatorDto(
    Guid CreatorId,
    string Handle,
    string DisplayName,
    IReadOnlyList<string> Socials,
    CreatorStatus Status,
    decimal? RateOverride,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt);

/// <summary>The brand changes a creator's place in its program and, optionally, their own rate (null: the products' rates).</summary>
public sealed record ProgramCreatorRequest(CreatorStatus Status, decimal? RateOverride);

/// <summary>An open program as a creator sees it: the brand, its terms and the creator's own status there (null: not joined).</summary>
public sealed record BrandProgramDto(
    Guid ShopId,
    string BrandName,
    string BrandSlug,
    string? LogoUrl,
    CreatorApproval Approval,
    decimal DefaultRate,
    decimal MaxRate,
    int WindowDays,
    int OpenProducts,
    CreatorStatus? MyStatus);

/// <summary>A product a creator may sell for a brand, with the creator's commission rate on it.</summary>
public sealed record CreatorProductDto(Guid ProductId, Guid ShopId, string BrandName, string Name, string? PhotoUrl, decimal Price, string Currency, decimal Rate);
