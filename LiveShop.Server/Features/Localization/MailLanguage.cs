using System.Globalization;

namespace LiveShop.Server.Features.Localization;

/// <summary>
/// The language an e-mail is written in: the recipient's profile language when they chose one, else the language of
/// the request that caused the mail (the culture in force), else English (a mail sent from the background).
/// </summary>
public static class MailLanguage
{
    /// <summary>Composes in <paramref name="recipientLanguage"/>, or in the current culture when it is null, until disposed.</summary>
    public static CultureScope Use(string? recipientLanguage) =>
        recipientLanguage is { Length: > 0 } ? CultureScope.Use(recipientLanguage) : CultureScope.Use(CultureInfo.CurrentUICulture);

    /// <summary>The current request's language, to keep with a mail composed later; null outside a request (then English).</summary>
    public static string? OfRequest(IHttpContextAccessor http) =>
        http.HttpContext is not null ? CultureInfo.CurrentUICulture.Name : null;
}
