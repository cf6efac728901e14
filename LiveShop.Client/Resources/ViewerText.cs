namespace LiveShop.Client.Resources;

/// <summary>
/// Marker for the text of the viewer's pages: home, the live room (video, lineup, product card and sheet, cart, checkout, chat, questions, hearts), orders. The English text is the key (ViewerText.resx); ViewerText.zh-TW.resx,
/// ViewerText.zh-CN.resx and ViewerText.el.resx hold the translations. See docs/i18n.md.
/// </summary>
public sealed class ViewerText;
