using LiveShop.Client.Resources;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.Invitations;

/// <summary>The invitation page's sentences that depend on the invitation (its role, why a link no longer works), in the person's language.</summary>
public static class InvitationText
{
    /// <summary>"Mei invites you to join Formosa Tea as a host" — a whole sentence per role, as articles and word order differ by language.</summary>
    public static string Headline(InvitationPreviewDto invitation, IStringLocalizer<ShopText> T) => invitation.Role switch
    {
        ShopRole.Owner => T["{0} invites you to join {1} as an owner", invitation.InvitedByName, invitation.ShopName],
        ShopRole.Manager => T["{0} invites you to join {1} as a manager", invitation.InvitedByName, invitation.ShopName],
        ShopRole.Host => T["{0} invites you to join {1} as a host", invitation.InvitedByName, invitation.ShopName],
        ShopRole.Moderator => T["{0} invites you to join {1} as a moderator", invitation.InvitedByName, invitation.ShopName],
        _ => T["{0} invites you to join {1}", invitation.InvitedByName, invitation.ShopName],
    };

    /// <summary>The heading above a link that no longer works; the server's sentence follows it.</summary>
    public static string Unusable(string code, IStringLocalizer<ShopText> T) => code switch
    {
        ProblemCodes.InvitationExpired => T["This invitation has expired"],
        ProblemCodes.InvitationUsed => T["This invitation was used already"],
        _ => T["This invitation link does not work"],
    };
}
