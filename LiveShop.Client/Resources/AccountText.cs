namespace LiveShop.Client.Resources;

/// <summary>
/// Marker for the text of sign-in, registration, guests, password reset, the account and profile pages. The English text is the key (AccountText.resx); AccountText.zh-TW.resx,
/// AccountText.zh-CN.resx and AccountText.el.resx hold the translations. See docs/i18n.md.
/// </summary>
public sealed class AccountText;
