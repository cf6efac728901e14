using System.Security.Cryptography;
using System.Text;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Shops;

namespace LiveShop.Server.Features.Shops;

/// <summary>
/// An e-mailed invitation to join a shop with a role. The link carries a random token; only its
/// SHA-256 is stored, so the database alone cannot accept an invitation. Valid for
/// <see cref="Limits.InvitationLifetime"/>, used once.
/// </summary>
public sealed class ShopInvitation
{
    private ShopInvitation()
    {
    }

    private ShopInvitation(Guid id, Guid shopId, string email, ShopRole role, string tokenHash, Guid invitedById, DateTimeOffset now)
    {
        Id = id;
        ShopId = shopId;
        Email = email;
        NormalizedEmail = email.ToUpperInvariant();
        Role = role;
        TokenHash = tokenHash;
        InvitedById = invitedById;
        CreatedAt = now;
        ExpiresAt = now + Limits.InvitationLifetime;
    }

    public Guid Id { get; private set; }

    public Guid ShopId { get; private set; }

    public Shop? Shop { get; private set; }

    public string Email { get; private set; } = "";

    public string NormalizedEmail { get; private set; } = "";

    public ShopRole Role { get; private set; }

    public string TokenHash { get; private set; } = "";

    public Guid InvitedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }

    public Guid? AcceptedById { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsOpen(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && now < ExpiresAt;

    /// <summary>A new invitation and the token for its link (shown once, in the e-mail).</summary>
    public static (ShopInvitation Invitation, string Token) Create(Guid shopId, string email, ShopRole role, Guid invitedById, DateTimeOffset now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new ShopInvitation(Guid.CreateVersion7(), shopId, email, role, Hash(token), invitedById, now), token);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Marks it used by <paramref name="userId"/>; refuses an invitation that is used, revoked or expired.</summary>
    public void Accept(Guid userId, DateTimeOffset now)
    {
        if (AcceptedAt is not null)
        {
            throw DomainException.Conflict(ProblemCodes.InvitationUsed, "This invitation has already been used. Ask the shop's owner for a new one.");
        }

        if (RevokedAt is not null)
        {
            throw DomainException.Conflict(ProblemCodes.InvitationUsed, "This invitation was withdrawn by the shop.");
        }

        if (now >= ExpiresAt)
        {
            throw DomainException.Conflict(ProblemCodes.InvitationExpired, "This invitation expired on {0:yyyy-MM-dd HH:mm} UTC. Ask the shop's owner for a new one.", ExpiresAt);
        }

        AcceptedAt = now;
        AcceptedById = userId;
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
