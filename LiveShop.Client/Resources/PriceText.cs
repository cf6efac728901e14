namespace LiveShop.Client.Resources;

/// <summary>
/// Marker for the text of the EU's 30-day price rule: the lowest prior price shown next to a reduction, and the shop
/// setting that turns it on. The English text is the key (PriceText.resx); PriceText.zh-TW.resx, PriceText.zh-CN.resx
/// and PriceText.el.resx hold the translations. See docs/i18n.md.
/// </summary>
public sealed class PriceText;
