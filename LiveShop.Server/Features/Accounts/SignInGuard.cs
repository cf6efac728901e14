using LiveShop.Server.Features.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Accounts;

/// <summary>
/// Wrong passwords per account without a lockout a stranger can trigger (OWASP "device cookies"): a browser that has
/// signed in to an account gets a long-lived, HttpOnly, Data-Protection-protected cookie naming that account, and is
/// never throttled for it. Other browsers share one bucket per e-mail address
/// (<see cref="RateLimitOptions.SignInFailuresPerAccount"/>) that each of their attempts drains; when it is empty they
/// are refused with 429 before the password is checked. The bucket is keyed by the address typed, whether or not an
/// account has it, so the refusal tells nothing about which addresses exist.
/// </summary>
public sealed class SignInGuard(
    IHttpContextAccessor http,
    IDataProtectionProvider protection,
    KeyedLimiters limiters,
    IOptions<RateLimitOptions> limits,
    ILogger<SignInGuard> logger)
{
    public const string DeviceCookieName = "liveshop.device";

    /// <summary>How long a browser stays recognised after its last successful sign-in.</summary>
    public static readonly TimeSpan DeviceCookieLifetime = TimeSpan.FromDays(365);

    /// <summary>Accounts one browser is recognised for (the newest sign-ins).</summary>
    private const int AccountsPerDevice = 5;

    private const string LimitName = "sign-in-failures";

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("LiveShop.DeviceCookie.v1").ToTimeLimitedDataProtector();

    /// <summary>Whether this browser has signed in to the account before (it carries a device cookie naming it).</summary>
    public bool IsKnownDevice(Guid userId) => DeviceAccounts().Contains(userId);

    /// <summary>
    /// An attempt from a browser that is not the account's own takes one permit from the typed address's bucket
    /// before the password is checked, so attempts sent at once cannot all slip past an almost-empty bucket; when it
    /// is empty the attempt is refused (429) unchecked.
    /// </summary>
    public void TakeAttempt(string normalizedEmail)
    {
        if (!limiters.TryTake(LimitName, limits.Value.SignInFailuresPerAccount, normalizedEmail, out var retryAfter))
        {
            logger.LogInformation("Sign-in attempts for one e-mail from unrecognised browsers reached the per-account limit; they are refused for now.");
            throw RateLimiting.TooMany(retryAfter, "Too many wrong passwords for this e-mail from browsers that have not signed in to it.");
        }
    }

    /// <summary>After a successful sign-in (or registration): this browser is the account's own from now on.</summary>
    public void RememberDevice(Guid userId)
    {
        var context = http.HttpContext;
        if (context is null)
        {
            return;
        }

        var accounts = DeviceAccounts().Where(id => id != userId).Append(userId).TakeLast(AccountsPerDevice);
        var value = _protector.Protect(string.Join(',', accounts), DeviceCookieLifetime);
        context.Response.Cookies.Append(DeviceCookieName, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Path = "/",
            MaxAge = DeviceCookieLifetime,
        });
    }

    private List<Guid> DeviceAccounts()
    {
        var cookie = http.HttpContext?.Request.Cookies[DeviceCookieName];
        if (string.IsNullOrEmpty(cookie))
        {
            return [];
        }

        try
        {
            return [.. _protector.Unprotect(cookie).Split(',').Select(s => Guid.TryParse(s, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Forged, from another key ring or expired: an unrecognised browser.
            return [];
        }
    }
}
