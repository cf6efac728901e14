namespace LiveShop.Server.Features.Accounts.Sessions;

/// <summary>
/// One signed-in browser, held on the server: the sign-in cookie carries only <see cref="Key"/>, so deleting the row
/// (sign-out, password change or reset, account deletion, expiry) ends the session at once, whatever the browser kept.
/// </summary>
public sealed class AuthSession
{
    private AuthSession()
    {
        Key = "";
        Ticket = [];
    }

    public AuthSession(string key, Guid userId, byte[] ticket, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        Key = key;
        UserId = userId;
        Ticket = ticket;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        LastSeenAt = issuedAt;
    }

    /// <summary>Random, 256 bits, base64url: what the (protected) cookie names.</summary>
    public string Key { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>The authentication ticket, serialized and protected with Data Protection (claims include the e-mail).</summary>
    public byte[] Ticket { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;

    /// <summary>The cookie handler renewed the ticket (sliding expiration) or the stamp check refreshed its claims.</summary>
    public void Renew(byte[] ticket, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        Ticket = ticket;
        ExpiresAt = expiresAt;
        LastSeenAt = now;
    }
}
