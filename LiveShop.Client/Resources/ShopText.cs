namespace LiveShop.Client.Resources;

/// <summary>
/// Marker for the text of the shop's back office and the administration: products, stock, orders and fulfilment, team, settings, webhooks, setup, invitations. The English text is the key (ShopText.resx); ShopText.zh-TW.resx,
/// ShopText.zh-CN.resx and ShopText.el.resx hold the translations. See docs/i18n.md.
/// </summary>
public sealed class ShopText;
