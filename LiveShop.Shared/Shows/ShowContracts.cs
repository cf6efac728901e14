using System.Text.Json.Serialization;

namespace LiveShop.Shared.Shows;

/// <summary>Where a show is in its life. Scheduled → Live → Ended; Ended is final.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ShowStatus>))]
public enum ShowStatus
{
    Scheduled,
    Live,
    Ended,
}

/// <summary>How the show's video reaches viewers. Chosen when the show is created; changeable until it goes live.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VideoSourceKind>))]
public enum VideoSourceKind
{
    /// <summary>A URL the browser plays: HLS (<c>.m3u8</c>, through hls.js), MP4 or WebM (natively).</summary>
    StreamUrl,
    /// <summary>The host's browser camera and microphone, sent to each viewer over WebRTC (the hub signals).</summary>
    Camera,
    /// <summary>Azure Communication Services: a Room per show, the host as Presenter, viewers as Consumers.</summary>
    Acs,
}

public sealed record VideoSourceDto(VideoSourceKind Kind, string? Url, string? PosterUrl);

public sealed record HostDto(Guid Id, string DisplayName);

/// <summary>A show as it appears in lists (home page, host's shows).</summary>
public sealed record ShowSummaryDto(
    Guid Id,
    string Title,
    HostDto Host,
    ShowStatus Status,
    DateTimeOffset ScheduledStart,
    DateTimeOffset? WentLiveAt,
    DateTimeOffset? EndedAt,
    string Currency,
    string? CoverImageUrl,
    int LineupCount);

/// <summary>
/// A product in a show's lineup, in lineup order. A product with <see cref="Options"/> is bought as one of
/// its <see cref="Variants"/> (null or empty: a product without variants); <see cref="Stock"/> is then the
/// sum of theirs and <see cref="Price"/> the product's own price (a variant may override it). <see cref="BrandName"/> is
/// the brand that sells it when that is not the show's shop (a creator's show with brands' products), else null.
/// </summary>
public sealed record LineupItemDto(
    Guid ProductId,
    string Sku,
    string Name,
    string ImageUrl,
    decimal Price,
    string Currency,
    int Stock,
    int Position,
    IReadOnlyList<string>? Options = null,
    IReadOnlyList<Catalog.ProductVariantDto>? Variants = null,
    string? BrandName = null);

/// <summary>
/// Everything the show page needs to render before the hub connects. <see cref="ShopId"/> is the shop that
/// sells in the show; <see cref="PosterUrl"/> the uploaded poster (medium size), null without one.
/// </summary>
public sealed record ShowDetailDto(
    Guid Id,
    string Title,
    string Description,
    HostDto Host,
    ShowStatus Status,
    DateTimeOffset ScheduledStart,
    DateTimeOffset? WentLiveAt,
    DateTimeOffset? EndedAt,
    string Currency,
    VideoSourceDto Video,
    IReadOnlyList<LineupItemDto> Lineup,
    HostDto? CoHost = null,
    Guid? ShopId = null,
    string? PosterUrl = null);

/// <summary>Home page: what is live now and what is coming.</summary>
public sealed record ShowListDto(
    IReadOnlyList<ShowSummaryDto> LiveNow,
    IReadOnlyList<ShowSummaryDto> Upcoming,
    IReadOnlyList<ShowSummaryDto> RecentlyEnded);

/// <summary>
/// A host schedules a show from their shop's products (lineup in the order given). <see cref="ShopId"/>
/// may be left out by someone who hosts for one shop only.
/// </summary>
public sealed record CreateShowRequest(
    string Title,
    string? Description,
    DateTimeOffset ScheduledStart,
    string Currency,
    IReadOnlyList<Guid> ProductIds,
    string? VideoUrl,
    decimal? CommissionRate = null,
    string? CoHostEmail = null,
    decimal? CoHostShare = null,
    VideoSourceKind VideoKind = VideoSourceKind.StreamUrl,
    Guid? ShopId = null);

/// <summary>
/// Edits a scheduled show (until it goes live): every field is replaced, with the same rules as
/// <see cref="CreateShowRequest"/>. The lineup is the shop's products in the order given; a null
/// commission is the default 10 %, no co-host email removes the co-host. The currency and the video
/// source are not edited here (the video has its own endpoint).
/// </summary>
public sealed record UpdateShowRequest(
    string Title,
    string? Description,
    DateTimeOffset ScheduledStart,
    IReadOnlyList<Guid> ProductIds,
    decimal? CommissionRate = null,
    string? CoHostEmail = null,
    decimal? CoHostShare = null);

/// <summary>
/// What the edit form of a scheduled show starts from (its editors only: the co-host's email and the
/// commission are not public).
/// </summary>
public sealed record ShowEditDto(ShowDetailDto Show, decimal CommissionRate, string? CoHostEmail, decimal CoHostShare);
