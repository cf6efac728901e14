using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Email;

/// <summary>Sends through the configured SMTP server with MailKit, one connection per mail (mail is rare here: resets, confirmations).</summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var smtp = settings.Smtp;
        using var mime = EmailMime.Build(settings.FromAddress, message);
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, Socket(smtp.UseTls), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or AuthenticationException or IOException or System.Net.Sockets.SocketException or SslHandshakeException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The exception's own text names the server and the SMTP reply, never the password.
            logger.LogWarning("Could not send \"{Subject}\" through {Host}:{Port}: {Reason}", message.Subject, smtp.Host, smtp.Port, e.Message);
            throw new EmailSendException("The mail server did not take the message.", e);
        }
    }

    private static SecureSocketOptions Socket(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
    };
}
