using LiveShop.Shared.Shops;

namespace LiveShop.Client.Features.BackOffice.Team;

/// <summary>How a shop role reads to people: its name and what it may do. One place, to localise later.</summary>
public static class RoleText
{
    /// <summary>The role's name as a title ("Owner").</summary>
    public static string Name(ShopRole role) => role switch
    {
        ShopRole.Owner => "Owner",
        ShopRole.Manager => "Manager",
        ShopRole.Host => "Host",
        ShopRole.Moderator => "Moderator",
        _ => role.ToString(),
    };

    /// <summary>The role inside a sentence, with its article ("a host", "an owner").</summary>
    public static string WithArticle(ShopRole role) => role switch
    {
        ShopRole.Owner => "an owner",
        ShopRole.Manager => "a manager",
        ShopRole.Host => "a host",
        ShopRole.Moderator => "a moderator",
        _ => role.ToString(),
    };

    /// <summary>What the role may do, in one line.</summary>
    public static string Describe(ShopRole role) => role switch
    {
        ShopRole.Owner => "Everything, including the team and the shop's settings.",
        ShopRole.Manager => "Products, stock, shows and orders — not the team or settings.",
        ShopRole.Host => "Schedules and hosts the shop's live shows.",
        ShopRole.Moderator => "Keeps chat and questions friendly during shows.",
        _ => "",
    };
}
