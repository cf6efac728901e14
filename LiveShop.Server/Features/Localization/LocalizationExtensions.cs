using System.Globalization;
using LiveShop.Shared.Localization;
using Microsoft.AspNetCore.Localization;

namespace LiveShop.Server.Features.Localization;

/// <summary>
/// Which language a request is answered in: the person's choice (the culture cookie, written by the picker and at
/// sign-in from the profile), else the browser's Accept-Language mapped onto the four languages (zh-HK → zh-TW,
/// zh-SG → zh-CN, el-GR → el), else English. The culture also formats numbers, dates and money.
/// </summary>
public static class LocalizationExtensions
{
    public static WebApplicationBuilder AddLiveShopLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLiveShopLocalization();

        // Prerendered pages carry Chinese and Greek as characters, not as &#x…; entities (a third of the size, and
        // readable in "view source"). Markup-significant characters are still encoded.
        builder.Services.AddWebEncoders(options => options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        var pseudo = builder.Configuration.GetValue<bool>("Localization:Pseudo");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.Supported.Concat(pseudo ? [Languages.Pseudo] : []).Select(CultureInfo.GetCultureInfo).ToList();
            options.DefaultRequestCulture = new RequestCulture(Languages.Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = false;
            options.FallBackToParentUICultures = false;
            options.ApplyCurrentCultureToResponseHeaders = true;
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = LanguageCookie.Name },
                new CustomRequestCultureProvider(context => Task.FromResult(FromAcceptLanguage(context, pseudo))),
            ];
        });
        return builder;
    }

    /// <summary>Outside the exception handler, so a refusal is written in the request's language.</summary>
    public static WebApplication UseLiveShopLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>The first language in Accept-Language (by quality) that LiveShop speaks.</summary>
    private static ProviderCultureResult? FromAcceptLanguage(HttpContext context, bool pseudo)
    {
        var header = context.Request.GetTypedHeaders().AcceptLanguage;
        if (header is null || header.Count == 0)
        {
            return null;
        }

        foreach (var value in header.Where(v => v.Quality is not 0).OrderByDescending(v => v.Quality ?? 1))
        {
            if (Languages.Match(value.Value.Value, pseudo) is { } language)
            {
                return new ProviderCultureResult(language);
            }
        }

        return null;
    }
}

/// <summary>The language cookie (ASP.NET Core's culture cookie format): a year, readable by the server only.</summary>
public static class LanguageCookie
{
    public const string Name = ".LiveShop.Language";

    public static void Write(HttpContext context, string language) =>
        context.Response.Cookies.Append(Name, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Path = "/",
        });
}
