using System.Text.Json.Serialization;

namespace LiveShop.Shared.Shops;

/// <summary>
/// A person's role in one shop. Owner: everything. Manager: everything but the team and the shop's
/// settings. Host: runs the shop's shows. Moderator: keeps the shop's rooms useful.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ShopRole>))]
public enum ShopRole
{
    Owner,
    Manager,
    Host,
    Moderator,
}

/// <summary>What each shop role may do: one table for the server's checks and the client's menus.</summary>
public static class ShopPermissions
{
    /// <summary>Invite, change and remove members; edit the shop's settings.</summary>
    public static bool CanManageTeam(ShopRole role) => role == ShopRole.Owner;

    /// <summary>Create, edit, archive products; adjust stock; import and export the catalog; see every show's sales and orders.</summary>
    public static bool CanManageCatalog(ShopRole role) => role is ShopRole.Owner or ShopRole.Manager;

    /// <summary>Connect the shop's Stripe account and choose how buyers pay (cash on delivery, bank transfer).</summary>
    public static bool CanManagePayments(ShopRole role) => role is ShopRole.Owner or ShopRole.Manager;

    /// <summary>Run the creator program: its terms and opened products; approve, pause or remove creators.</summary>
    public static bool CanManageCreators(ShopRole role) => role is ShopRole.Owner or ShopRole.Manager;

    /// <summary>Define the shop's stores and their staff; see the store leaderboard.</summary>
    public static bool CanManageStores(ShopRole role) => role is ShopRole.Owner or ShopRole.Manager;

    /// <summary>Schedule shows and host them.</summary>
    public static bool CanHost(ShopRole role) => role is ShopRole.Owner or ShopRole.Manager or ShopRole.Host;

    /// <summary>Moderate the shop's rooms (every member may).</summary>
    public static bool CanModerate(ShopRole role) => true;
}

/// <summary>A shop as its team sees it.</summary>
public sealed record ShopDto(
    Guid Id,
    string Name,
    string Slug,
    string? LogoUrl,
    string Country,
    string DefaultCurrency,
    string ContactEmail,
    string TimeZone,
    bool IsSuspended,
    bool ShowLowestPrice30Days = false);

/// <summary>One of the caller's shops and the caller's role there.</summary>
public sealed record MyShopDto(Guid Id, string Name, string Slug, string? LogoUrl, ShopRole Role, bool IsSuspended);

/// <summary>
/// Creates a shop (the caller becomes its owner) or, with <c>PUT</c>, changes its settings.
/// <see cref="ShowLowestPrice30Days"/> null: the default for the currency (on for EUR, the EU's 30-day rule).
/// </summary>
public sealed record ShopSettingsRequest(
    string Name,
    string Slug,
    string Country,
    string DefaultCurrency,
    string ContactEmail,
    string TimeZone,
    bool? ShowLowestPrice30Days = null);

public sealed record ShopMemberDto(Guid UserId, string DisplayName, string Email, ShopRole Role, DateTimeOffset AddedAt);

/// <summary>The new role; required (a missing role is refused, never read as Owner).</summary>
public sealed record ChangeMemberRoleRequest(ShopRole? Role);

/// <summary>Whom to invite, and as what; both required.</summary>
public sealed record InviteMemberRequest(string Email, ShopRole? Role);

/// <summary>An invitation as the shop's owner sees it (never the token).</summary>
public sealed record ShopInvitationDto(Guid Id, string Email, ShopRole Role, string InvitedByName, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>What the person opening an invitation link sees before accepting.</summary>
public sealed record InvitationPreviewDto(string ShopName, string Email, ShopRole Role, string InvitedByName, DateTimeOffset ExpiresAt, bool AccountExists);

/// <summary>
/// Accepts an invitation. Signed in: joins as the caller (whose e-mail must be the invited one).
/// Not signed in: <see cref="Password"/> (and <see cref="DisplayName"/> for a new account) sign in or sign up the invited e-mail.
/// </summary>
public sealed record AcceptInvitationRequest(string Token, string? Password, string? DisplayName);

/// <summary><c>GET /api/setup</c>: whether this install still needs its first administrator and shop.</summary>
public sealed record SetupStatusDto(bool Needed);

/// <summary>
/// The first run: creates the administrator (who also owns the first shop) with the one-time token
/// the server wrote to its log.
/// </summary>
public sealed record SetupRequest(
    string Token,
    string Email,
    string Password,
    string DisplayName,
    ShopSettingsRequest Shop);

/// <summary>A shop in the administrator's list.</summary>
public sealed record AdminShopDto(Guid Id, string Name, string Slug, string Country, int Members, int Products, int Shows, DateTimeOffset CreatedAt, bool IsSuspended);

/// <summary>A user in the administrator's list.</summary>
public sealed record AdminUserDto(Guid Id, string DisplayName, string Email, IReadOnlyList<string> Roles, int Shops, DateTimeOffset CreatedAt, bool IsSuspended);

/// <summary>Suspend (true) or reinstate (false); required.</summary>
public sealed record SuspendRequest(bool? Suspended);

/// <summary>Grant (true) or take (false) the global Moderator role; required.</summary>
public sealed record GlobalModeratorRequest(bool? IsModerator);

/// <summary>A page of a list: the items and how many there are in all.</summary>
public sealed record PageDto<T>(IReadOnlyList<T> Items, int Total);

/// <summary>Time zones and countries a shop may pick (IANA ids, ISO 3166 codes).</summary>
public static class ShopDefaults
{
    public static readonly IReadOnlyList<string> Countries = ["TW", "CN", "HK", "GR", "CY", "US", "GB", "DE", "FR", "JP", "SG", "MY"];
}
