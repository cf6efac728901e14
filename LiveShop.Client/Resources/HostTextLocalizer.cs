using LiveShop.Shared.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveShop.Client.Resources;

/// <summary>
/// <see cref="HostText"/> for code that has no container to ask: the static formatters of the sales and moderation
/// screens (<c>SalesFormat</c>, <c>ModerationFormat</c>) and the validation attributes of the show form. It reads the
/// same .resx files in the current UI culture (and marks the pseudo-language) as the injected localizer does.
/// </summary>
public static class HostTextLocalizer
{
    /// <summary>The host's text in <see cref="System.Globalization.CultureInfo.CurrentUICulture"/>; named <c>L</c> so the resource test finds its keys.</summary>
    public static IStringLocalizer L { get; } =
        new MarkedStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(HostText));
}
