using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Accounts.Sessions;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Accounts;

/// <summary>Configuration section <c>Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Whether the register page offers "I sell on LiveShop" (grants the Host role). On by default.</summary>
    public bool AllowHostSignUp { get; set; } = true;
}

public static class AccountsExtensions
{
    /// <summary>Identity's login and token key columns (the PostgreSQL model says it too: <see cref="Data.PostgreSqlLiveShopDbContext"/>).</summary>
    public const int MaxLengthForKeys = 128;

    /// <summary>How long a mailed link (password reset, e-mail confirmation or change) works.</summary>
    public static readonly TimeSpan MailedLinkLifetime = TimeSpan.FromHours(2);

    /// <summary>How long a session lasts without use (sliding): the cookie's and the server-side session's lifetime.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(14);

    /// <summary>Identity with cookie sign-in, the three roles, and API-friendly 401/403 answers.</summary>
    public static WebApplicationBuilder AddLiveShopAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section);

        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = Limits.PasswordMinLength;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.MaxFailedAccessAttempts = 10;
                options.Stores.MaxLengthForKeys = MaxLengthForKeys;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<LiveShopDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<LiveShopClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>();

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "liveshop.auth";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/sign-in";
            options.AccessDeniedPath = "/account/access-denied";
            options.ExpireTimeSpan = SessionLifetime;
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => AnswerApiOrRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => AnswerApiOrRedirect(context, StatusCodes.Status403Forbidden);
        });

        // Mailed links (reset, confirm, change e-mail) work for a limited time; each one only once where it changes
        // the password or address (the security stamp they carry changes). Sessions re-check the stamp every minute
        // (a second line: a reset or a deletion also deletes the account's server-side sessions at once).
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = MailedLinkLifetime);
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        // Sessions live on the server (docs/security.md "Sessions and sign-in"): the cookie names a row that
        // sign-out, a password change or reset and deleting the account remove.
        builder.Services.AddSingleton<DbTicketStore>();
        builder.Services.AddHostedService<AuthSessionSweeper>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DbTicketStore>((options, store) => options.SessionStore = store);

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<SignInGuard>();
        builder.Services.AddScoped<AccountService>();
        builder.Services.AddScoped<AccountMail>();
        builder.Services.AddScoped<AccountSecurity>();
        builder.Services.AddScoped<DeleteAccount>();
        return builder;
    }

    /// <summary>API and hub callers get a 401/403 (written as ProblemDetails); pages get the sign-in redirect.</summary>
    private static Task AnswerApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments(HubRoutes.Live))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Puts the display name and the guest flag into the sign-in cookie.</summary>
internal sealed class LiveShopClaimsFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(LiveShopClaims.DisplayName, user.DisplayName));
        if (user.IsGuest)
        {
            identity.AddClaim(new Claim(LiveShopClaims.Guest, "true"));
        }

        return identity;
    }
}
