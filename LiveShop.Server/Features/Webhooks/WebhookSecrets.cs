using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace LiveShop.Server.Features.Webhooks;

/// <summary>
/// Makes endpoints' signing secrets (<c>whsec_</c> + 32 random bytes, base64url) and keeps them protected with
/// ASP.NET Core Data Protection: the database holds only the protected form, the shop sees the secret once.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    public const string Prefix = "whsec_";

    private readonly IDataProtector _protector = protection.CreateProtector("LiveShop.Webhooks.Secret");

    /// <summary>A new secret and its protected form.</summary>
    public (string Secret, string Protected) Create()
    {
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (secret, _protector.Protect(secret));
    }

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
