using System.Globalization;

namespace LiveShop.Client.Tests.TestDoubles;

/// <summary>
/// Renders a test in another language, as the app does for a person who picked it: sets <see cref="CultureInfo.CurrentCulture"/>
/// and <see cref="CultureInfo.CurrentUICulture"/> (numbers, money and dates; the resource files), and puts both back when disposed.
/// </summary>
public sealed class UseCulture : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public UseCulture(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
