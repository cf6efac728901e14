namespace LiveShop.Server.Resources;

/// <summary>
/// Marker for the server's own sentences: refusals (ProblemDetails <c>detail</c> and <c>title</c>, HubException
/// messages), e-mails and CSV headers meant for people. The English text is the key (ServerText.resx); each
/// language's file (ServerText.zh-TW.resx …) holds its translation. See docs/i18n.md.
/// </summary>
public sealed class ServerText;
