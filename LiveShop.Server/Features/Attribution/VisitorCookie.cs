using LiveShop.Server.Features.Security;

namespace LiveShop.Server.Features.Attribution;

/// <summary>
/// A long-lived, random, first-party id per browser (<c>ls_vid</c>), so a share link opened before
/// signing in still credits the order placed after it, and anonymous viewers count once.
/// <para>
/// The server issues it and signs it (<see cref="IdentityKeys.SignVisitor"/>): a client cannot choose
/// one, so a fresh id per connection is no way around the anonymous-connection limit, viewer counts,
/// share-link touches, bans or flash caps. A value the server did not sign counts as no cookie.
/// </para>
/// </summary>
public static class VisitorCookie
{
    public const string Name = "ls_vid";

    private static readonly object IssuedKey = new();

    /// <summary>The visitor id this browser carries, or null without a cookie or with one the server did not sign.</summary>
    public static Guid? Read(HttpContext? context) =>
        context is not null && context.Request.Cookies.TryGetValue(Name, out var value)
            ? context.RequestServices.GetRequiredService<IdentityKeys>().VerifyVisitor(value)
            : null;

    /// <summary>
    /// The visitor id of this browser, set now if it had none, or had one the server did not sign (which
    /// the new one replaces). Within one request it is set once: a second call returns the id the first
    /// one issued (the page middleware and a handler may both ask).
    /// </summary>
    public static Guid Ensure(HttpContext context)
    {
        if (Read(context) is { } id)
        {
            return id;
        }

        if (context.Items[IssuedKey] is Guid issued)
        {
            return issued;
        }

        id = Guid.NewGuid();
        context.Items[IssuedKey] = id;
        context.Response.Cookies.Append(Name, context.RequestServices.GetRequiredService<IdentityKeys>().SignVisitor(id), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
        });
        return id;
    }
}
