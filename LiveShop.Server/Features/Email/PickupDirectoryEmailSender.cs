namespace LiveShop.Server.Features.Email;

/// <summary>
/// The development default: each mail becomes an .eml file in a folder (open it in any mail program, or on the
/// Development-only Mailbox page at <c>/dev/mailbox</c>). Nothing leaves the machine.
/// </summary>
internal sealed class PickupDirectoryEmailSender(EmailPickupFolder folder, TimeProvider clock, ILogger<PickupDirectoryEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var options = folder.Options;
        using var mime = EmailMime.Build(options.FromAddress, message);
        mime.Date = clock.GetUtcNow();
        try
        {
            Directory.CreateDirectory(folder.Path);

            // Sortable by name, unique: newest last on disk, newest first on the Mailbox page.
            var file = System.IO.Path.Combine(folder.Path, $"{clock.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}.eml");
            await mime.WriteToAsync(file, cancellationToken);
            logger.LogInformation("Wrote \"{Subject}\" to {File} (no SMTP host configured)", message.Subject, file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not write \"{Subject}\" to {Folder}: {Reason}", message.Subject, folder.Path, e.Message);
            throw new EmailSendException("The mail could not be written to the pickup folder.", e);
        }
    }
}

/// <summary>Used when there is no SMTP host outside Development: mail-only features answer 503 before they get here.</summary>
internal sealed class UnavailableEmailSender : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
        throw new EmailSendException("No SMTP server is configured (Email:Smtp:Host).");
}
