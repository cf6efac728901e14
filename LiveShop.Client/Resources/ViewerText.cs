using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveShop.Client.Resources;

/// <summary>
/// Marker for the text of the viewer's pages: home, the live room (video, lineup, product card and sheet, cart, checkout, chat, questions, hearts), orders. The English text is the key (ViewerText.resx); ViewerText.zh-TW.resx,
/// ViewerText.zh-CN.resx and ViewerText.el.resx hold the translations. See docs/i18n.md.
/// </summary>
public sealed class ViewerText
{
    private ViewerText()
    {
    }

    /// <summary>
    /// The viewer's text straight from the resources, in the current UI culture, for code made without the app's
    /// container (a test's <c>new CartState(clock)</c>, a validation context without services).
    /// </summary>
    public static IStringLocalizer<ViewerText> FromResources() => new StringLocalizer<ViewerText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
}
