using System.Globalization;

namespace LiveShop.Server.Features.Localization;

/// <summary>Runs a stretch of code in another culture (an e-mail in its recipient's language) and restores the caller's.</summary>
public readonly struct CultureScope : IDisposable
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    private CultureScope(CultureInfo culture)
    {
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    /// <summary>Switches to <paramref name="language"/> (a supported tag, or null for the default, English) until disposed.</summary>
    public static CultureScope Use(string? language) =>
        new(CultureInfo.GetCultureInfo(Shared.Localization.Languages.Match(language, allowPseudo: true) ?? Shared.Localization.Languages.Default));

    public static CultureScope Use(CultureInfo culture) => new(culture);

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
