using System.Security.Cryptography;
using System.Text;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Shops;

/// <summary>
/// The first run of an empty install: until an administrator exists, the server makes a one-time
/// setup token at start and writes it to its log (only whoever runs the server can read it); the
/// setup page trades it for the administrator's account and the first shop. Then it is gone for good.
/// </summary>
public sealed partial class Setup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<Setup> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private bool _needed;

    /// <summary>Whether setup is still to be done (read at start, cleared when it is).</summary>
    public bool Needed => Volatile.Read(ref _needed);

    /// <summary>At start: if the database has no administrator, makes the token and logs it.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        _needed = !await AdministratorExistsAsync(db, cancellationToken);
        if (_needed)
        {
            _token = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
            LogSetupToken(logger, _token);
        }
    }

    public async Task<MyShopDto> CompleteAsync(SetupRequest request, HttpContext http, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!Needed || _token is null)
            {
                throw DomainException.Conflict(ProblemCodes.SetupDone, "This LiveShop is already set up. Sign in instead.");
            }

            if (request?.Token is not { } given || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given.Trim().ToLowerInvariant()), Encoding.UTF8.GetBytes(_token)))
            {
                throw DomainException.Forbidden(ProblemCodes.SetupTokenInvalid, "That is not the setup token. Copy it from the server's log (the line that says “setup token”).");
            }

            var settings = ShopSettings.Parse(request.Shop);
            var name = Accounts.AccountService.ValidDisplayName(request.DisplayName);

            var email = request.Email?.Trim() ?? "";
            if (email.Length == 0 || email.Length > Limits.EmailMaxLength || !System.Net.Mail.MailAddress.TryCreate(email, out _))
            {
                throw DomainException.Invalid(ProblemCodes.RegistrationFailed, "Give the administrator's e-mail address.");
            }

            var services = http.RequestServices;
            var db = services.GetRequiredService<LiveShopDbContext>();
            var users = services.GetRequiredService<UserManager<AppUser>>();
            if (await AdministratorExistsAsync(db, cancellationToken))
            {
                _needed = false;
                throw DomainException.Conflict(ProblemCodes.SetupDone, "This LiveShop is already set up. Sign in instead.");
            }

            if (await db.Shops.AnyAsync(s => s.Slug == settings.Slug, cancellationToken))
            {
                throw DomainException.Conflict(ProblemCodes.ShopSlugTaken, "A shop already has the address “{0}”; choose another.", settings.Slug);
            }

            var now = clock.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var user = new AppUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = now };
            var created = await users.CreateAsync(user, request.Password ?? "");
            if (!created.Succeeded)
            {
                throw DomainException.Invalid(ProblemCodes.RegistrationFailed, string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRolesAsync(user, [Roles.Administrator, Roles.Host]);
            var shop = new Shop(Guid.CreateVersion7(), settings, now);
            db.Shops.Add(shop);
            db.ShopMembers.Add(new ShopMember(shop.Id, user.Id, ShopRole.Owner, now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            _needed = false;
            _token = null;
            LogSetupDone(logger);
            await services.GetRequiredService<SignInManager<AppUser>>().SignInAsync(user, isPersistent: true);
            return new MyShopDto(shop.Id, shop.Name, shop.Slug, shop.LogoUrl, ShopRole.Owner, false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static Task<bool> AdministratorExistsAsync(LiveShopDbContext db, CancellationToken cancellationToken) =>
        db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Administrator), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LiveShop is not set up yet. Open /setup in a browser and enter this one-time setup token: {Token}")]
    private static partial void LogSetupToken(ILogger logger, string token);

    [LoggerMessage(Level = LogLevel.Information, Message = "Setup done: the administrator and the first shop exist; the setup token is void.")]
    private static partial void LogSetupDone(ILogger logger);
}
