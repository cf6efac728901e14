namespace LiveShop.Shared;

/// <summary>The application roles. Guests hold none of them: they carry the <see cref="LiveShopClaims.Guest"/> claim.</summary>
public static class Roles
{
    /// <summary>Runs the platform: lists shops and users, suspends them, grants the global Moderator role.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Signed up to sell (may open a shop). What a person may do in a shop is their <c>ShopRole</c> there.</summary>
    public const string Host = "Host";
    public const string Moderator = "Moderator";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Administrator, Host, Moderator, Viewer];
}

/// <summary>Claim types LiveShop adds to the sign-in cookie.</summary>
public static class LiveShopClaims
{
    public const string DisplayName = "liveshop:display_name";
    public const string Guest = "liveshop:guest";
}
