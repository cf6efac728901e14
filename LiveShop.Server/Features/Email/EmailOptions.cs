using MimeKit;

namespace LiveShop.Server.Features.Email;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS (port 587). Refuses to send if the server does not offer it.</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
    /// <summary>No encryption: only for a relay on the same machine or a test server.</summary>
    None,
}

/// <summary>Configuration section <c>Email</c>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender, as <c>Display Name &lt;address&gt;</c> or a bare address.</summary>
    public string From { get; set; } = "LiveShop <no-reply@liveshop.test>";

    /// <summary>
    /// The site's public address used in links (<c>https://shop.example.com</c>). When empty, links use the address the
    /// request came to; outside Development it is required once SMTP is on, so a forged Host header cannot aim a reset link elsewhere.
    /// </summary>
    public string? LinkBaseUrl { get; set; }

    /// <summary>Folder for .eml files when no SMTP host is set (Development). Empty: <c>&lt;Database:DataDirectory&gt;/mail</c>.</summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    internal MailboxAddress FromAddress => MailboxAddress.Parse(From);

    internal bool IsValidFrom() => MailboxAddress.TryParse(From, out var address) && address.Address.Contains('@', StringComparison.Ordinal);

    /// <summary>
    /// The site's public address for links: <see cref="LinkBaseUrl"/> when set (so a forged Host header cannot aim a
    /// link elsewhere; required in production once SMTP is on), else the address <paramref name="request"/> came to.
    /// </summary>
    public string SiteBase(HttpRequest request) =>
        LinkBaseUrl is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}{request.PathBase}";

    internal bool IsValidLinkBase() =>
        string.IsNullOrEmpty(LinkBaseUrl) || (Uri.TryCreate(LinkBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}

/// <summary>Configuration section <c>Email:Smtp</c>. <see cref="Password"/> is a secret: set it from the environment (<c>Email__Smtp__Password</c>).</summary>
public sealed class SmtpOptions
{
    /// <summary>The SMTP server. Empty: no SMTP (Development writes .eml files instead).</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity UseTls { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Empty: send without authenticating.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one send may take before it counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
