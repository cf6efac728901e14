using MimeKit;

namespace LiveShop.Server.Features.Email;

internal static class EmailMime
{
    public static MimeMessage Build(MailboxAddress from, EmailMessage message)
    {
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Body = body.ToMessageBody(),
            Date = DateTimeOffset.UtcNow,
        };
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.To));
        return mime;
    }
}
