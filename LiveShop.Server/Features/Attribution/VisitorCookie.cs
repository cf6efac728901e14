namespace LiveShop.Server.Features.Attribution;

/// <summary>
/// A long-lived, random, first-party id per browser (<c>ls_vid</c>), so a share link opened before
/// signing in still credits the order placed after it, and anonymous viewers count once.
/// </summary>
public static class VisitorCookie
{
    public const string Name = "ls_vid";

    public static Guid? Read(HttpContext? context) =>
        context is not null && context.Request.Cookies.TryGetValue(Name, out var value) && Guid.TryParse(value, out var id) ? id : null;

    /// <summary>The visitor id of this browser, set now if it had none.</summary>
    public static Guid Ensure(HttpContext context)
    {
        if (Read(context) is { } id)
        {
            return id;
        }

        id = Guid.NewGuid();
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
