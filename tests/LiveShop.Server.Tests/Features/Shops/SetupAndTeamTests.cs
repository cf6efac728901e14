using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveShop.Server.Tests.Features.Shops;

/// <summary>An empty Production install: the setup token from the log, the administrator and the first shop, then the team by e-mail.</summary>
public sealed partial class SetupAndTeamTests(SetupAndTeamTests.FirstRunFactory factory) : IClassFixture<SetupAndTeamTests.FirstRunFactory>
{
    private const string Password = "Passw0rd-admin";

    [Fact]
    public async Task FirstRun_TokenFromTheLog_CreatesTheAdministratorAndShop_ThenInvitationsJoinTheTeam()
    {
        var anonymous = factory.NewBrowser();
        Assert.True((await anonymous.GetFromJsonAsync<SetupStatusDto>(ApiRoutes.Setup))!.Needed);
        var token = factory.SetupToken();

        // A wrong token is refused and creates nobody.
        var shop = new ShopSettingsRequest("Athens Honey", "athens-honey", "GR", Currencies.Eur, "hello@honey.test", "Europe/Athens");
        var wrong = await anonymous.PostAsJsonAsync(ApiRoutes.Setup, new SetupRequest("not-the-token", "admin@honey.test", Password, "Eleni", shop));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(ProblemCodes.SetupTokenInvalid, (await Problem.ReadAsync(wrong)).Code);
        Assert.Equal(0, await CountAsync(db => db.Users.CountAsync()));

        var admin = factory.NewBrowser(out var adminCookies);
        var done = await admin.PostAsJsonAsync(ApiRoutes.Setup, new SetupRequest(token, "admin@honey.test", Password, "Eleni", shop));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var first = (await done.Content.ReadFromJsonAsync<MyShopDto>())!;
        Assert.Equal((ShopRole.Owner, "athens-honey"), (first.Role, first.Slug));
        Assert.Contains(Roles.Administrator, (await admin.GetFromJsonAsync<CurrentUserDto>(ApiRoutes.Me))!.Roles);

        // Once used, the page is gone for good: the same token is refused.
        Assert.False((await anonymous.GetFromJsonAsync<SetupStatusDto>(ApiRoutes.Setup))!.Needed);
        var again = await anonymous.PostAsJsonAsync(ApiRoutes.Setup, new SetupRequest(token, "other@honey.test", Password, "Mallory", shop with { Slug = "other" }));
        Assert.Equal(ProblemCodes.SetupDone, (await Problem.ReadAsync(again)).Code);

        // The owner invites a host; the e-mail arrives with a one-use link.
        var invite = await admin.PostAsJsonAsync(ApiRoutes.ShopInvitations(first.Id), new InviteMemberRequest("nikos@honey.test", ShopRole.Host));
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        var mail = await factory.Smtp.WaitForAsync("nikos@honey.test", "invites you to Athens Honey");
        var link = InvitationLink().Match(mail.TextBody ?? "").Value;
        var invitationToken = link[(link.LastIndexOf('/') + 1)..];

        var preview = (await anonymous.GetFromJsonAsync<InvitationPreviewDto>(ApiRoutes.Invitation(invitationToken)))!;
        Assert.Equal(("Athens Honey", ShopRole.Host, false), (preview.ShopName, preview.Role, preview.AccountExists));

        var hostBrowser = factory.NewBrowser(out var hostCookies);
        var accepted = await hostBrowser.PostAsJsonAsync(ApiRoutes.AcceptInvitation, new AcceptInvitationRequest(invitationToken, "Passw0rd-host", "Nikos"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(ShopRole.Host, (await accepted.Content.ReadFromJsonAsync<MyShopDto>())!.Role);
        Assert.Equal(HttpStatusCode.OK, (await hostBrowser.GetAsync(ApiRoutes.ShopProducts(first.Id))).StatusCode);

        // The link works once.
        var reused = await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.AcceptInvitation, new AcceptInvitationRequest(invitationToken, "Passw0rd-host", "Nikos"));
        Assert.Equal((HttpStatusCode.Conflict, ProblemCodes.InvitationUsed), (reused.StatusCode, (await Problem.ReadAsync(reused)).Code));

        // An expired invitation is refused and adds nobody.
        await admin.PostAsJsonAsync(ApiRoutes.ShopInvitations(first.Id), new InviteMemberRequest("late@honey.test", ShopRole.Moderator));
        var lateToken = InvitationLink().Match((await factory.Smtp.WaitForAsync("late@honey.test", "invites you")).TextBody ?? "").Value.Split('/')[^1];
        await ExecuteAsync(db => db.ShopInvitations.Where(i => i.Email == "late@honey.test").ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var expired = await factory.NewBrowser().PostAsJsonAsync(ApiRoutes.AcceptInvitation, new AcceptInvitationRequest(lateToken, "Passw0rd-late", "Late"));
        Assert.Equal((HttpStatusCode.Conflict, ProblemCodes.InvitationExpired), (expired.StatusCode, (await Problem.ReadAsync(expired)).Code));
        Assert.Equal(2, await CountAsync(db => db.ShopMembers.CountAsync(m => m.ShopId == first.Id)));

        // The last owner cannot leave; removing the host ends their access at once, hub connection included.
        var lastOwner = await admin.DeleteAsync(ApiRoutes.ShopMember(first.Id, (await admin.GetFromJsonAsync<CurrentUserDto>(ApiRoutes.Me))!.Id!.Value));
        Assert.Equal(ProblemCodes.LastOwner, (await Problem.ReadAsync(lastOwner)).Code);

        var hub = await factory.ConnectAsync(hostCookies);
        var closed = new TaskCompletionSource();
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        var hostId = (await hostBrowser.GetFromJsonAsync<CurrentUserDto>(ApiRoutes.Me))!.Id!.Value;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(ApiRoutes.ShopMember(first.Id, hostId))).StatusCode);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var after = await hostBrowser.GetAsync(ApiRoutes.ShopProducts(first.Id));
        Assert.Equal((HttpStatusCode.Forbidden, ProblemCodes.NotShopMember), (after.StatusCode, (await Problem.ReadAsync(after)).Code));
        _ = adminCookies;
    }

    private async Task<int> CountAsync(Func<LiveShopDbContext, Task<int>> count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await count(scope.ServiceProvider.GetRequiredService<LiveShopDbContext>());
    }

    private async Task ExecuteAsync(Func<LiveShopDbContext, Task<int>> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await change(scope.ServiceProvider.GetRequiredService<LiveShopDbContext>());
    }

    [GeneratedRegex(@"https?://\S+/invitations/[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();

    /// <summary>Production, an empty database, mail through a real SMTP server, and the server's log kept so the test can read the setup token.</summary>
    public sealed class FirstRunFactory : LiveShopFactory
    {
        private readonly ConcurrentQueue<string> _log = new();

        public TestSmtpServer Smtp { get; } = new();

        protected override string Environment => "Production";

        public string SetupToken() =>
            _log.Select(line => Regex.Match(line, "setup token: ([0-9a-f]+)")).First(m => m.Success).Groups[1].Value;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:Smtp:UseTls", "None");
            builder.UseSetting("Email:From", "LiveShop <noreply@liveshop.test>");
            builder.UseSetting("Email:LinkBaseUrl", "http://127.0.0.1");
            builder.ConfigureLogging(logging => logging.AddProvider(new ListLoggerProvider(_log)));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Smtp.DisposeAsync();
        }
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
