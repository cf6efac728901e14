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
}
