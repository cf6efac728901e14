using Microsoft.AspNetCore.Identity;

namespace LiveShop.Server.Data;

/// <summary>An account: a registered user (Host, Moderator or Viewer role) or a guest who gave only a name.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    /// <summary>The name shown in the room (chat, host badge).</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Guests sign in with a display name only; they hold no role and no password.</summary>
    public bool IsGuest { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set by an administrator: the account cannot sign in, and its sessions and hub connections are ended.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    /// <summary>Whether "Mei L. just bought …" may be shown to the room when this user buys. On unless switched off.</summary>
    public bool ShowMyPurchases { get; set; } = true;

    /// <summary>The language the person chose in the picker (en, zh-TW, zh-CN, el), or null to follow the browser. Also the language of their e-mails.</summary>
    public string? Language { get; set; }

    /// <summary>The address of the last order (or as edited in the profile), offered at the next checkout.</summary>
    public Features.Orders.ShippingAddress? SavedAddress { get; set; }
}
