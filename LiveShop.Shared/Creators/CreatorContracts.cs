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
public sealed record CreatorProfileDto(Guid Id, string Handle, string DisplayName, string Bio, IReadOnlyList<string> Socials, string? AvatarUrl = null);

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
    DateTimeOffset? DecidedAt,
    string? AvatarUrl = null);

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

/// <summary>A brand's show a creator may share (scheduled, live, or ended with its replay), with the products in it opened to them.</summary>
public sealed record CreatorShowDto(
    Guid ShowId,
    string Title,
    Guid ShopId,
    string BrandName,
    LiveShop.Shared.Shows.ShowStatus Status,
    DateTimeOffset ScheduledStart,
    string Currency,
    IReadOnlyList<CreatorShowProductDto> Products);

/// <summary>A product of a show's lineup opened to the creator, at the creator's rate.</summary>
public sealed record CreatorShowProductDto(Guid ProductId, string Name, decimal Rate);

/// <summary>Makes a creator's share link for a brand's show, or one product in it.</summary>
public sealed record CreatorLinkRequest(Guid ShowId, Guid? ProductId);

/// <summary>
/// A creator's results for [<see cref="From"/>, <see cref="To"/>) under the platform's attribution model: per brand,
/// per show, per link and per product. Amounts are in each row's currency; commission is pending until the order is
/// delivered and its return period (<see cref="ConfirmAfterDays"/>) has passed, then confirmed.
/// </summary>
public sealed record CreatorResultsDto(
    DateTimeOffset From,
    DateTimeOffset To,
    LiveShop.Shared.Sales.AttributionModel Model,
    int ConfirmAfterDays,
    IReadOnlyList<CreatorBrandResultDto> Brands,
    IReadOnlyList<CreatorShowResultDto> Shows,
    IReadOnlyList<CreatorLinkResultDto> Links,
    IReadOnlyList<CreatorProductResultDto> Products);

/// <summary>
/// One brand (in one currency). Clicks: times the creator's links were opened; visitors: distinct browsers; orders: orders
/// credited to the creator (some GMV under the model); GMV: the part of those orders credited to them, net of refunds.
/// </summary>
public sealed record CreatorBrandResultDto(
    Guid ShopId,
    string BrandName,
    string Currency,
    int Clicks,
    int Visitors,
    int Orders,
    int Units,
    decimal Gmv,
    decimal Conversion,
    decimal CommissionPending,
    decimal CommissionConfirmed);

public sealed record CreatorShowResultDto(Guid ShowId, string Title, string BrandName, string Currency, int Clicks, int Visitors, int Orders, decimal Gmv, decimal Commission);

/// <summary>One of the creator's links, with its numbers in the period (zero when nothing happened).</summary>
public sealed record CreatorLinkResultDto(
    string Code,
    string Url,
    Guid ShowId,
    string ShowTitle,
    string BrandName,
    Guid? ProductId,
    string? ProductName,
    string Currency,
    DateTimeOffset CreatedAt,
    int Clicks,
    int Visitors,
    int Orders,
    decimal Gmv,
    decimal Commission);

public sealed record CreatorProductResultDto(Guid ProductId, string Name, string BrandName, string Currency, int Units, decimal Gmv, decimal Commission);

/// <summary>
/// A brand's creators side by side for [<see cref="From"/>, <see cref="To"/>). Each row's four model columns split
/// the brand's GMV (net of refunds) so that, per currency, the creators' rows plus <see cref="Others"/> (the team's
/// links and orders with no link) add up to <see cref="Gmv"/> to the cent under every model.
/// </summary>
public sealed record BrandCreatorResultsDto(
    DateTimeOffset From,
    DateTimeOffset To,
    LiveShop.Shared.Sales.AttributionModel Model,
    IReadOnlyList<BrandCurrencyTotalDto> Totals,
    IReadOnlyList<BrandCreatorResultDto> Creators,
    IReadOnlyList<BrandCreatorProductDto> Products);

/// <summary>The brand's GMV in one currency and the part no creator is credited with, under each model.</summary>
public sealed record BrandCurrencyTotalDto(string Currency, decimal Gmv, int Orders, ModelCreditsDto Others);

public sealed record ModelCreditsDto(decimal LastTouch, decimal FirstTouch, decimal Linear, decimal TimeDecay);

/// <summary>
/// One creator of the brand in one currency: their links' traffic (on one row per creator), the orders and GMV credited
/// under the model, each model's credit, and the commission. An empty <see cref="Handle"/>: the creator deleted their
/// account (their credit still counts in the brand's totals).
/// </summary>
public sealed record BrandCreatorResultDto(
    Guid CreatorId,
    string Handle,
    string DisplayName,
    CreatorStatus Status,
    string Currency,
    int Clicks,
    int Visitors,
    int Orders,
    int Units,
    decimal Gmv,
    ModelCreditsDto Credits,
    decimal CommissionPending,
    decimal CommissionConfirmed);

/// <summary>What a creator sold of one product, as credited under the model.</summary>
public sealed record BrandCreatorProductDto(Guid CreatorId, Guid ProductId, string Name, string Currency, int Units, decimal Gmv);

/// <summary>
/// One creator's statement for one month (the orders placed in it, in the shop's time zone) and currency: the orders
/// credited to them, how many of those had refunds, the credited GMV net of refunds, the commission pending and
/// confirmed, what the brand marked paid, and what is due (confirmed less paid). Under the platform's model.
/// </summary>
public sealed record CreatorStatementDto(
    Guid ShopId,
    string BrandName,
    Guid CreatorId,
    string Handle,
    string DisplayName,
    string Month,
    string Currency,
    int Orders,
    int RefundedOrders,
    decimal Gmv,
    decimal CommissionPending,
    decimal CommissionConfirmed,
    decimal Paid,
    decimal Due,
    DateTimeOffset? LastPaidAt);

/// <summary>
/// The brand marks what is due on a creator's statement as paid. <see cref="Amount"/>: the due amount the brand saw
/// (refused when it changed since, e.g. an order refunded meanwhile); null pays whatever is due now.
/// </summary>
public sealed record MarkStatementPaidRequest(string Month, string Currency, decimal? Amount = null);
