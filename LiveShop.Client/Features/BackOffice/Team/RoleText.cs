using LiveShop.Client.Resources;
using LiveShop.Shared.Shops;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.BackOffice.Team;

/// <summary>How a shop role reads to people, in their language: its name, what it may do, and the sentences that name it.</summary>
public static class RoleText
{
    /// <summary>The role's name as a title ("Owner").</summary>
    public static string Name(ShopRole role, IStringLocalizer<ShopText> T) => role switch
    {
        ShopRole.Owner => T["Owner"],
        ShopRole.Manager => T["Manager"],
        ShopRole.Host => T["Host"],
        ShopRole.Moderator => T["Moderator"],
        _ => role.ToString(),
    };

    /// <summary>"Mei is now a manager." — a whole sentence per role, as articles and word order differ by language.</summary>
    public static string NowIs(string name, ShopRole role, IStringLocalizer<ShopText> T) => role switch
    {
        ShopRole.Owner => T["{0} is now an owner.", name],
        ShopRole.Manager => T["{0} is now a manager.", name],
        ShopRole.Host => T["{0} is now a host.", name],
        ShopRole.Moderator => T["{0} is now a moderator.", name],
        _ => T["{0} is now {1}.", name, role.ToString()],
    };

    /// <summary>What the role may do, in one line.</summary>
    public static string Describe(ShopRole role, IStringLocalizer<ShopText> T) => role switch
    {
        ShopRole.Owner => T["Everything, including the team and the shop's settings."],
        ShopRole.Manager => T["Products, stock, shows and orders — not the team or settings."],
        ShopRole.Host => T["Schedules and hosts the shop's live shows."],
        ShopRole.Moderator => T["Keeps chat and questions friendly during shows."],
        _ => "",
    };
}
