using System.Text.Json.Serialization;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;

namespace LiveShop.Shared.Sales;

/// <summary>How an order's value is credited to the share links (touches) that led to it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttributionModel>))]
public enum AttributionModel
{
    LastTouch,
    FirstTouch,
    Linear,
    TimeDecay,
}

/// <summary>The headline numbers, pushed to the host during the show (<c>SalesUpdated</c>) and on the dashboard.</summary>
public sealed record SalesSummaryDto(
    Guid ShowId,
    string Currency,
    decimal Gmv,
    int Orders,
    int Units,
    int Buyers,
    int UniqueViewers,
    decimal Conversion,
    decimal AverageOrderValue);

public sealed record TopProductDto(Guid ProductId, string Name, string ImageUrl, int Units, decimal Revenue);

public sealed record FlashSaleResultDto(
    Guid SaleId,
    Guid ProductId,
    string ProductName,
    decimal Price,
    decimal ListPrice,
    int QuantityCap,
    int PerBuyerCap,
    int UnitsAtFlashPrice,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset? EndedAt,
    FlashSaleEndReason? EndReason,
    DateTimeOffset? SoldOutAt);

/// <summary>One minute of the show: the most viewers watching at once, and orders placed.</summary>
public sealed record MinutePointDto(DateTimeOffset Minute, int Viewers, int Orders);

/// <summary>GMV credited to one share link (or to the show directly when <see cref="Code"/> is null) under each model.</summary>
public sealed record AttributionRowDto(
    string? Code,
    string Label,
    string CreditedTo,
    decimal LastTouch,
    decimal FirstTouch,
    decimal Linear,
    decimal TimeDecay);

public sealed record AttributionReportDto(
    AttributionModel ChosenModel,
    int WindowDays,
    double HalfLifeHours,
    decimal Total,
    IReadOnlyList<AttributionRowDto> Rows);

public sealed record EarningShareDto(Guid HostId, string Name, decimal Share, decimal Amount);

/// <summary>The host's commission on a show's GMV, split with the co-host.</summary>
public sealed record EarningsDto(string Currency, decimal Gmv, decimal CommissionRate, decimal Commission, EarningShareDto Host, EarningShareDto? CoHost);

public sealed record SalesDashboardDto(
    Guid ShowId,
    string Title,
    ShowStatus Status,
    DateTimeOffset? WentLiveAt,
    DateTimeOffset? EndedAt,
    SalesSummaryDto Summary,
    IReadOnlyList<TopProductDto> TopProducts,
    IReadOnlyList<FlashSaleResultDto> FlashSales,
    IReadOnlyList<MinutePointDto> PerMinute,
    AttributionReportDto Attribution,
    EarningsDto Earnings);

/// <summary>
/// A host's share link: <c>/r/{Code}</c> lands on the show (or the product's sheet in it).
/// <see cref="Touches"/>: distinct browsers (visitor ids) that opened it, crawlers and cookieless clients left out (docs/metrics.md);
/// <see cref="Orders"/>: counted orders whose buyer had opened it; <see cref="Gmv"/>: what it is credited under the configured model.
/// </summary>
public sealed record ShareLinkDto(
    string Code,
    string Path,
    Guid ShowId,
    Guid? ProductId,
    string? ProductName,
    Guid CreatedById,
    string CreatedByName,
    DateTimeOffset CreatedAt,
    int Touches,
    int Orders,
    decimal Gmv);

public sealed record CreateShareLinkRequest(Guid? ProductId);

/// <summary>One show's line in a host's earnings for a period.</summary>
public sealed record ShowEarningsDto(Guid ShowId, string Title, DateTimeOffset? WentLiveAt, string Role, string Currency, decimal Gmv, decimal CommissionRate, decimal Earned);

/// <summary>A host's earnings for a period, per currency (each show has its own).</summary>
public sealed record EarningsReportDto(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ShowEarningsDto> Shows, IReadOnlyDictionary<string, decimal> TotalByCurrency);

/// <summary>Social proof: "Mei L. just bought Jade Face Roller", at most one every 2 s per show.</summary>
public sealed record PurchaseToastDto(Guid ShowId, string BuyerName, Guid ProductId, string ProductName, DateTimeOffset At);
