using LiveShop.Server.Data;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Email;

/// <summary>How this server delivers mail, decided at start from <c>Email:Smtp:Host</c> and the environment.</summary>
public enum EmailMode
{
    /// <summary>Through the configured SMTP server.</summary>
    Smtp,
    /// <summary>Development without SMTP: .eml files in <see cref="EmailPickupFolder.Path"/>, shown at <c>/dev/mailbox</c>.</summary>
    PickupDirectory,
    /// <summary>Production without SMTP: features that need mail answer 503 <c>email-unavailable</c>.</summary>
    None,
}

/// <summary>Where mail goes on this server, and whether features that need it can work.</summary>
public sealed class EmailDelivery(IOptions<EmailOptions> options, IHostEnvironment environment)
{
    public EmailMode Mode { get; } = options.Value.Smtp.IsConfigured ? EmailMode.Smtp
        : environment.IsDevelopment() ? EmailMode.PickupDirectory
        : EmailMode.None;

    public bool CanSend => Mode != EmailMode.None;
}

/// <summary><c>Email:PickupDirectory</c>, or <c>mail</c> in the data folder (beside the SQLite file).</summary>
public sealed class EmailPickupFolder(IOptions<EmailOptions> options, IOptions<DatabaseOptions> database, IHostEnvironment environment)
{
    internal EmailOptions Options => options.Value;

    public string Path { get; } = System.IO.Path.GetFullPath(
        string.IsNullOrWhiteSpace(options.Value.PickupDirectory)
            ? System.IO.Path.Combine(database.Value.DataDirectory, "mail")
            : options.Value.PickupDirectory,
        environment.ContentRootPath);
}

public static class EmailExtensions
{
    /// <summary>E-mail: SMTP (MailKit) when configured, else a pickup folder in Development, else none (see docs/decisions.md).</summary>
    public static WebApplicationBuilder AddLiveShopEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>()
            .BindConfiguration(EmailOptions.Section)
            .Validate(o => o.IsValidFrom(), "Email:From must be an address, optionally with a name: \"LiveShop <no-reply@example.com>\".")
            .Validate(o => o.IsValidLinkBase(), "Email:LinkBaseUrl must be an absolute http(s) address such as https://shop.example.com.")
            .Validate(o => !o.Smtp.IsConfigured || o.Smtp.Port is > 0 and <= 65535, "Email:Smtp:Port must be 1-65535.")
            .Validate(o => Enum.IsDefined(o.Smtp.UseTls), "Email:Smtp:UseTls must be StartTls, SslOnConnect or None.")
            .Validate(o => o.Smtp.TimeoutSeconds is >= 1 and <= 300, "Email:Smtp:TimeoutSeconds must be 1-300.")
            .Validate(o => string.IsNullOrEmpty(o.Smtp.UserName) || !string.IsNullOrEmpty(o.Smtp.Password), "Email:Smtp:UserName is set but Email:Smtp:Password is not (set it in the environment: Email__Smtp__Password).")
            .ValidateOnStart();
        builder.Services.AddOptions<EmailOptions>().Validate<IHostEnvironment>(
                (o, environment) => environment.IsDevelopment() || !o.Smtp.IsConfigured || !string.IsNullOrEmpty(o.LinkBaseUrl),
                "Email:LinkBaseUrl is required outside Development when SMTP is on: links in mail must not come from the request's Host header.")
            .ValidateOnStart();

        builder.Services.AddSingleton<EmailDelivery>();
        builder.Services.AddSingleton<EmailPickupFolder>();
        builder.Services.AddSingleton<SmtpEmailSender>();
        builder.Services.AddSingleton<PickupDirectoryEmailSender>();
        builder.Services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<EmailDelivery>().Mode switch
        {
            EmailMode.Smtp => sp.GetRequiredService<SmtpEmailSender>(),
            EmailMode.PickupDirectory => sp.GetRequiredService<PickupDirectoryEmailSender>(),
            EmailMode.None => new UnavailableEmailSender(),
        });
        builder.Services.AddHostedService<EmailStartupReport>();
        return builder;
    }

    /// <summary>The Development-only Mailbox page (404 in every other environment: it is never mapped there).</summary>
    public static WebApplication MapEmailEndpoints(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapGet("/dev/mailbox", MailboxPage.RenderAsync).WithName("DevMailbox").ExcludeFromDescription();
        }

        return app;
    }
}

/// <summary>Says once at start where mail goes, so a production without SMTP is noticed at deploy time, not at the first reset.</summary>
internal sealed class EmailStartupReport(EmailDelivery delivery, EmailPickupFolder folder, IOptions<EmailOptions> options, ILogger<EmailStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        switch (delivery.Mode)
        {
            case EmailMode.Smtp:
                logger.LogInformation("Mail goes through {Host}:{Port} ({Security}).", options.Value.Smtp.Host, options.Value.Smtp.Port, options.Value.Smtp.UseTls);
                break;
            case EmailMode.PickupDirectory:
                logger.LogInformation("No SMTP host: mail is written to {Folder} and shown at /dev/mailbox.", folder.Path);
                break;
            case EmailMode.None:
                logger.LogWarning("No SMTP host (Email:Smtp:Host): password reset, e-mail confirmation and e-mail change are off until one is configured.");
                break;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
