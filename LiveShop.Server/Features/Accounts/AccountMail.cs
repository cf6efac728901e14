using System.Net;
using System.Text;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Email;
using LiveShop.Server.Features.Localization;
using LiveShop.Server.Resources;
using LiveShop.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Accounts;

/// <summary>A mail the account needs could not go out: 503 with a sentence (see <see cref="AccountSecurityEndpoints"/>).</summary>
public sealed class AccountMailException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static AccountMailException Unavailable() =>
        new(ProblemCodes.EmailUnavailable, "This LiveShop cannot send e-mail yet, so this is not possible here. Ask the shop's administrators.");

    public static AccountMailException SendFailed() =>
        new(ProblemCodes.EmailSendFailed, "We could not send the e-mail just now. Nothing was changed: try again in a few minutes.");
}

/// <summary>
/// The mails an account gets (confirm the address, reset the password, confirm a new address), with links to the
/// client pages that finish each step. Codes are Identity's data-protection tokens, made URL-safe. Written in the
/// recipient's language: their profile's, else the language of the request that asked for the mail.
/// </summary>
public sealed class AccountMail(
    UserManager<AppUser> users,
    IEmailSender sender,
    EmailDelivery delivery,
    IOptions<EmailOptions> options,
    IHttpContextAccessor http,
    IStringLocalizer<MailText> T,
    ILogger<AccountMail> logger)
{
    public bool CanSend => delivery.CanSend;

    /// <summary>Refuses (503) before anything changes when this server has no way to send mail.</summary>
    public void RequireDelivery()
    {
        if (!delivery.CanSend)
        {
            throw AccountMailException.Unavailable();
        }
    }

    public async Task<EmailMessage> ConfirmationAsync(AppUser user)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Link($"account/confirm-email?userId={user.Id}&code={code}");
        using var language = MailLanguage.Use(user.Language);
        return Message(user.Email!, T["Confirm your e-mail for LiveShop"],
            T["Hi {0},", user.DisplayName],
            T["Please confirm this is your e-mail address:"],
            link,
            T["If you did not make a LiveShop account, ignore this mail."]);
    }

    public async Task<EmailMessage> PasswordResetAsync(AppUser user)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = Link($"account/reset-password?userId={user.Id}&code={code}");
        var hours = (int)AccountsExtensions.MailedLinkLifetime.TotalHours;
        using var language = MailLanguage.Use(user.Language);
        return Message(user.Email!, T["Reset your LiveShop password"],
            T["Hi {0},", user.DisplayName],
            T["Someone asked to reset your password. To choose a new one, open this link within {0} hours (it works once):", hours],
            link,
            T["If it was not you, ignore this mail: your password stays the same."]);
    }

    public async Task<EmailMessage> EmailChangeAsync(AppUser user, string newEmail)
    {
        var code = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        var link = Link($"account/confirm-email-change?userId={user.Id}&email={Uri.EscapeDataString(newEmail)}&code={code}");
        using var language = MailLanguage.Use(user.Language);
        return Message(newEmail, T["Confirm your new e-mail for LiveShop"],
            T["Hi {0},", user.DisplayName],
            T["To sign in to LiveShop with this address from now on, open this link:"],
            link,
            T["Until you do, your account keeps its old address. If you did not ask for this, ignore this mail."]);
    }

    /// <summary>Sends now; a failure is logged (without secrets) and becomes a 503 the user can retry.</summary>
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(message, cancellationToken);
        }
        catch (EmailSendException e)
        {
            logger.LogWarning("Mail \"{Subject}\" was not sent: {Reason}", message.Subject, e.Message);
            throw AccountMailException.SendFailed();
        }
    }

    /// <summary>Sends without making the caller wait or fail: for mails whose timing must not say whether an account exists.</summary>
    public void SendInBackground(EmailMessage message)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await sender.SendAsync(message, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogWarning("Mail \"{Subject}\" was not sent: {Reason}", message.Subject, e.Message);
            }
        });
    }

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary><c>Email:LinkBaseUrl</c> when set (required in production), else the address this request came to.</summary>
    private string Link(string relative)
    {
        var configured = options.Value.LinkBaseUrl;
        string root;
        if (!string.IsNullOrEmpty(configured))
        {
            root = configured.TrimEnd('/') + "/";
        }
        else
        {
            var request = http.HttpContext?.Request ?? throw new InvalidOperationException("A mailed link needs Email:LinkBaseUrl outside a request.");
            root = $"{request.Scheme}://{request.Host}{request.PathBase}/";
        }

        return root + relative;
    }

    private static EmailMessage Message(string to, string subject, string greeting, string lead, string link, string footer)
    {
        var text = $"{greeting}\n\n{lead}\n\n{link}\n\n{footer}\n\n— LiveShop\n";
        static string e(string s) => WebUtility.HtmlEncode(s);
        var html = $"<p>{e(greeting)}</p><p>{e(lead)}</p><p><a href=\"{e(link)}\">{e(link)}</a></p><p>{e(footer)}</p><p>— LiveShop</p>";
        return new EmailMessage(to, subject, text, html);
    }
}
