namespace LiveShop.Server.Features.Attribution;

/// <summary>
/// A long-lived, random, first-party id per browser (<c>ls_vid</c>), so a share link opened before
/// signing in still credits the order placed after it, and anonymous viewers count once.
/// </summary>
public static class VisitorCookie
{
    public const string Name = "ls_vid";

    private static readonly object IssuedKey = new();

    public static Guid? Read(HttpContext? context) =>
        context is not null && context.Request.Cookies.TryGetValue(Name, out var value) && Guid.TryParse(value, out var id) ? id : null;

    /// <summary>
    /// The visitor id of this browser, set now if it had none. Within one request it is set once: a
    /// second call returns the id the first one issued (the page middleware and a handler may both ask).
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
        context.Response.Cookies.Append(Name, id.ToString("N"), new CookieOptions
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
