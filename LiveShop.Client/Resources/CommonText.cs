namespace LiveShop.Client.Resources;

/// <summary>
/// Marker for the text of the app bar, the layout and components shared by every page (sheets, dialogs, empty states, errors). The English text is the key (CommonText.resx); CommonText.zh-TW.resx,
/// CommonText.zh-CN.resx and CommonText.el.resx hold the translations. See docs/i18n.md.
/// </summary>
public sealed class CommonText;
