using LiveShop.Shared.Creators;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shows;

namespace LiveShop.Shared.Stores;

/// <summary>One of a shop's physical stores and the people who work there (owners and managers see it).</summary>
public sealed record StoreDto(Guid Id, string Name, DateTimeOffset CreatedAt, IReadOnlyList<StoreStaffDto> Staff);

/// <summary>A staff member of a store: a LiveShop account, not necessarily in the shop's online team.</summary>
public sealed record StoreStaffDto(Guid UserId, string DisplayName, string Email, DateTimeOffset AddedAt);

/// <summary>Creates a store, or renames it with <c>PUT</c>.</summary>
public sealed record StoreRequest(string Name);

/// <summary>Adds the account with this e-mail address to a store's staff.</summary>
public sealed record AddStoreStaffRequest(string Email);

/// <summary>
/// The shop's stores ranked for [From, To): per store and currency the orders its staff's links brought and the GMV
/// credited to them under every model (under the platform's <see cref="Model"/> for the ranking), and each staff
/// member's own numbers. Per currency, the stores' credits plus <see cref="StoreCurrencyTotalDto.Others"/> make the
/// shop's GMV net of refunds under every model.
/// </summary>
public sealed record StoreLeaderboardDto(
    DateTimeOffset From,
    DateTimeOffset To,
    AttributionModel Model,
    IReadOnlyList<StoreCurrencyTotalDto> Totals,
    IReadOnlyList<StoreResultDto> Stores,
    IReadOnlyList<StaffResultDto> Staff);

/// <summary>A currency's GMV and orders in the period, and what is credited to no store under each model.</summary>
public sealed record StoreCurrencyTotalDto(string Currency, decimal Gmv, int Orders, ModelCreditsDto Others);

/// <summary>A store's numbers in one currency: link openings (browsers), orders touched, GMV credited.</summary>
public sealed record StoreResultDto(Guid StoreId, string Name, string Currency, int Clicks, int Visitors, int Orders, decimal Gmv, ModelCreditsDto Credits);

/// <summary>A staff member's numbers at one store in one currency (<see cref="Removed"/>: no longer on its staff).</summary>
public sealed record StaffResultDto(Guid UserId, string DisplayName, Guid StoreId, string StoreName, string Currency, int Clicks, int Visitors, int Orders, decimal Gmv, bool Removed);

/// <summary>The caller's stores (every shop they work in) and the shows they may share from each store's shop.</summary>
public sealed record StaffHomeDto(IReadOnlyList<StaffStoreDto> Stores, IReadOnlyList<StaffShowDto> Shows);

public sealed record StaffStoreDto(Guid StoreId, string Name, Guid ShopId, string ShopName);

public sealed record StaffShowDto(Guid ShowId, string Title, Guid ShopId, ShowStatus Status, DateTimeOffset ScheduledStart, string Currency, IReadOnlyList<StaffShowProductDto> Products);

public sealed record StaffShowProductDto(Guid ProductId, string Name);

/// <summary>Makes the caller's personal link for a show of the store's shop (or one product in it), credited to the store.</summary>
public sealed record StaffLinkRequest(Guid StoreId, Guid ShowId, Guid? ProductId);

/// <summary>
/// One of the caller's store links and its numbers in the period: openings, the browsers they came from, orders it
/// touched, GMV credited to it under the platform's model (counted as on the store leaderboard). <see cref="QrUrl"/>: the printable QR code (SVG) of <see cref="Url"/>.
/// </summary>
public sealed record StaffLinkDto(
    string Code,
    string Url,
    string QrUrl,
    Guid StoreId,
    string StoreName,
    string ShopName,
    Guid ShowId,
    string ShowTitle,
    Guid? ProductId,
    string? ProductName,
    string Currency,
    DateTimeOffset CreatedAt,
    int Clicks,
    int Visitors,
    int Orders,
    decimal Gmv);

/// <summary>The caller's own numbers for [From, To): per store and currency, and per link.</summary>
public sealed record StaffResultsDto(DateTimeOffset From, DateTimeOffset To, AttributionModel Model, IReadOnlyList<StaffStoreResultDto> Stores, IReadOnlyList<StaffLinkDto> Links);

public sealed record StaffStoreResultDto(Guid StoreId, string StoreName, string ShopName, string Currency, int Clicks, int Visitors, int Orders, decimal Gmv);

/// <summary>
/// A store link as its printed card shows it: shop and store, the product (or the show), and <see cref="PublicUrl"/>,
/// the address the QR code (<see cref="QrUrl"/>) holds.
/// </summary>
public sealed record StaffLinkCardDto(string Code, string PublicUrl, string QrUrl, string ShopName, string StoreName, string ShowTitle, string? ProductName);
