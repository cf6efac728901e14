using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace LiveShop.Server.Features.Email;

/// <summary>
/// <c>/dev/mailbox</c>, Development only: the mails in the pickup folder, newest first, with their links clickable,
/// so a password reset can be followed without a mail server. A plain server page: it needs no sign-in and no WebAssembly.
/// </summary>
internal static partial class MailboxPage
{
    private const int MaxShown = 50;

    public static async Task<IResult> RenderAsync(EmailDelivery delivery, EmailPickupFolder folder, CancellationToken cancellationToken)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Mailbox (development) — LiveShop</title>
            <style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#222}
            article{border:1px solid #ccc;border-radius:8px;padding:1rem;margin:1rem 0}h2{margin:0 0 .25rem;font-size:1.15rem}
            .meta{color:#555;font-size:.9rem}pre{white-space:pre-wrap;font:inherit;margin:.75rem 0 0}</style></head><body>
            <h1>Mailbox <small class="meta">(development only)</small></h1>
            """);
        if (delivery.Mode == EmailMode.Smtp)
        {
            html.Append("<p data-testid=\"mailbox-smtp\">Mail goes through the SMTP server configured in <code>Email:Smtp</code>, so nothing is kept here.</p>");
        }

        var files = Directory.Exists(folder.Path)
            ? new DirectoryInfo(folder.Path).GetFiles("*.eml").OrderByDescending(f => f.Name, StringComparer.Ordinal).Take(MaxShown).ToList()
            : [];
        html.Append(CultureInfoInvariant($"<p class=\"meta\">Folder: <code>{Encode(folder.Path)}</code>. {files.Count} mail(s){(files.Count == MaxShown ? " (the newest " + MaxShown + ")" : "")}.</p>"));
        foreach (var file in files)
        {
            MimeMessage message;
            try
            {
                message = await MimeMessage.LoadAsync(file.FullName, cancellationToken);
            }
            catch (Exception e) when (e is IOException or FormatException)
            {
                html.Append(CultureInfoInvariant($"<article><p>{Encode(file.Name)} could not be read: {Encode(e.Message)}</p></article>"));
                continue;
            }

            using (message)
            {
                html.Append(CultureInfoInvariant($"""
                    <article data-testid="mailbox-mail">
                    <h2>{Encode(message.Subject ?? "(no subject)")}</h2>
                    <div class="meta">To {Encode(message.To.ToString())} · {message.Date.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC</div>
                    <pre>{Linkify(message.TextBody ?? "")}</pre>
                    </article>
                    """));
            }
        }

        if (files.Count == 0)
        {
            html.Append("<p data-testid=\"mailbox-empty\">No mail yet. Register, or ask for a password reset, and it appears here.</p>");
        }

        html.Append("</body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>Encodes the text, then turns each http(s) address into a link.</summary>
    private static string Linkify(string text) =>
        Url().Replace(Encode(text), m => $"<a href=\"{m.Value}\">{m.Value}</a>");

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Url();
}
