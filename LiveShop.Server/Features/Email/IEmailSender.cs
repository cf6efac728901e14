namespace LiveShop.Server.Features.Email;

/// <summary>
/// Sends one e-mail. The implementation is chosen at start (see <see cref="EmailExtensions"/>): SMTP when
/// <c>Email:Smtp:Host</c> is set, otherwise a pickup folder of .eml files (Development) or none (Production).
/// Throws <see cref="EmailSendException"/> when the mail could not be handed over; callers decide what the user sees.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>One e-mail to one recipient: a plain-text body, and optionally an HTML one.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null);

/// <summary>The mail could not be sent. The message never holds the SMTP password.</summary>
public sealed class EmailSendException(string message, Exception? inner = null) : Exception(message, inner);
