namespace LiveShop.Server.Resources;

/// <summary>
/// Marker for the e-mails' subjects and bodies, written in the recipient's language (their profile's, else the
/// language of the request that sent the mail). The English text is the key (MailText.resx); MailText.zh-TW.resx,
/// MailText.zh-CN.resx and MailText.el.resx hold the translations. See docs/i18n.md.
/// </summary>
public sealed class MailText;
