namespace LiveShop.Client.Resources;

/// <summary>
/// Marker for the text of the host's pages: shows, the create/edit form, the console, flash prices, sales and attribution, the moderator desk. The English text is the key (HostText.resx); HostText.zh-TW.resx,
/// HostText.zh-CN.resx and HostText.el.resx hold the translations. See docs/i18n.md.
/// </summary>
public sealed class HostText;
