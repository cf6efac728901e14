using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LiveShop.Shared.Localization;

/// <summary>
/// The resource-file localizer (one .resx per language beside each marker class), and in the pseudo-language
/// every string found in a resource wrapped in ⟦…⟧. A string missing from the resources is returned as its key
/// (the English text) unwrapped — which is exactly what the pseudo-language test looks for on the page.
/// </summary>
public sealed class MarkedStringLocalizerFactory(IOptions<LocalizationOptions> options, Microsoft.Extensions.Logging.ILoggerFactory loggerFactory) : IStringLocalizerFactory
{
    private readonly ResourceManagerStringLocalizerFactory _inner = new(options, loggerFactory);

    public IStringLocalizer Create(Type resourceSource) => new MarkedStringLocalizer(_inner.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => new MarkedStringLocalizer(_inner.Create(baseName, location));

    private sealed class MarkedStringLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        public LocalizedString this[string name] => Mark(inner[name]);

        public LocalizedString this[string name, params object[] arguments] => Mark(inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures).Select(Mark);

        private static LocalizedString Mark(LocalizedString text) =>
            text.ResourceNotFound || !Languages.IsPseudo(CultureInfo.CurrentUICulture)
                ? text
                : new LocalizedString(text.Name, Languages.PseudoOpen + text.Value + Languages.PseudoClose, false, text.SearchedLocation);
    }
}
