using System.Net.Mail;
using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Accounts;

/// <summary>Sign-in, registration and guest sessions on top of ASP.NET Core Identity.</summary>
public sealed class AccountService(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IOptions<AccountOptions> options,
    AccountSecurity security,
    SignInGuard guard,
    IUserConnections connections,
    TimeProvider clock)
{
    private static DomainException SignInFailed() =>
        DomainException.Invalid(ProblemCodes.SignInFailed, "That email and password do not match an account.");

    /// <summary>
    /// Signs in with e-mail and password. An unknown address, a guest's or a deleted account's costs the same work (a
    /// password hash is verified against a stand-in) and gets the same sentence as a wrong password. Identity's lockout
    /// is not used here: wrong passwords count per address typed, and the account's own browsers are exempt
    /// (<see cref="SignInGuard"/>), so a stranger cannot lock the owner out.
    /// </summary>
    public async Task<CurrentUserDto> SignInAsync(SignInRequest request)
    {
        var email = request.Email?.Trim() ?? "";
        var password = request.Password ?? "";
        if (email.Length > Limits.EmailMaxLength)
        {
            // No account has such an address: refused before any bucket or hash is spent on it.
            throw SignInFailed();
        }

        var user = email.Length == 0 ? null : await users.FindByEmailAsync(email);
        var person = user is not null && AccountSecurity.IsPersonAccount(user) ? user : null;
        var bucket = users.NormalizeEmail(email) ?? "";
        var ownDevice = person is not null && guard.IsKnownDevice(person.Id);
        if (!ownDevice)
        {
            guard.TakeAttempt(bucket);
        }

        if (person is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), StandInHash, password);
            throw SignInFailed();
        }

        var result = await signIn.PasswordSignInAsync(person, password, request.RememberMe, lockoutOnFailure: false);
        if (result.IsLockedOut)
        {
            // Only an administrator's lock or the owner's own wrong passwords on "delete my account" get here.
            throw DomainException.Invalid(ProblemCodes.SignInFailed, "This account is locked for now. Reset your password by mail, or try again later.");
        }

        if (!result.Succeeded)
        {
            throw SignInFailed();
        }

        guard.RememberDevice(person.Id);

        // The language the person chose on another device follows them to this one.
        if (Shared.Localization.Languages.Match(person.Language) is { } language)
        {
            Localization.LanguageCookie.Write(signIn.Context, language);
        }

        return await DescribeAsync(person);
    }

    /// <summary>A hash of a random password, made once: what an unknown address's password is checked against.</summary>
    private string StandInHash => _standInHash ??= users.PasswordHasher.HashPassword(new AppUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    private static string? _standInHash;

    public async Task<CurrentUserDto> RegisterAsync(RegisterRequest request)
    {
        var email = request.Email?.Trim() ?? "";
        var displayName = ValidDisplayName(request.DisplayName);
        if (email.Length is 0 or > Limits.EmailMaxLength || !MailAddress.TryCreate(email, out _))
        {
            throw DomainException.Invalid(ProblemCodes.RegistrationFailed, "Enter a valid email address.");
        }

        if ((request.Password?.Length ?? 0) > Limits.PasswordMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.RegistrationFailed, "A password can be at most {0} characters.", Limits.PasswordMaxLength);
        }

        if (request.AsHost && !options.Value.AllowHostSignUp)
        {
            throw DomainException.Forbidden(ProblemCodes.Forbidden, "Seller accounts are created by the shop's administrators here. Register as a viewer, or ask them.");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            throw DomainException.Conflict(ProblemCodes.RegistrationFailed, "An account with this email already exists. Sign in instead.");
        }

        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, request.Password ?? "");
        if (!created.Succeeded)
        {
            throw DomainException.Invalid(ProblemCodes.RegistrationFailed, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, request.AsHost ? Roles.Host : Roles.Viewer);
        await signIn.SignInAsync(user, isPersistent: true);
        guard.RememberDevice(user.Id);

        // Unconfirmed accounts may sign in and buy at once; the mail only confirms the address (docs/decisions.md).
        await security.SendConfirmationAfterRegisterAsync(user);
        return await DescribeAsync(user);
    }

    /// <summary>A guest gives only a name; the session lasts as long as the browser keeps its cookie.</summary>
    public async Task<CurrentUserDto> ContinueAsGuestAsync(GuestRequest request)
    {
        var displayName = ValidDisplayName(request.DisplayName);
        var id = Guid.CreateVersion7();
        var user = new AppUser
        {
            Id = id,
            UserName = $"guest-{id:N}",

            // Identity wants a unique email; guests get one that can never receive mail (RFC 2606 .invalid).
            Email = $"guest-{id:N}@guests.liveshop.invalid",
            DisplayName = displayName,
            IsGuest = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            throw DomainException.Invalid(ProblemCodes.DisplayNameInvalid, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return await DescribeAsync(user);
    }

    /// <summary>
    /// Ends this session on the server (its row is deleted: a copied cookie stops working) and closes the account's
    /// open hub connections, which were authenticated when they opened; the account's other browsers reconnect.
    /// </summary>
    public async Task SignOutAsync()
    {
        var userId = signIn.Context.User.FindUserId();
        await signIn.SignOutAsync();
        if (userId is { } id)
        {
            connections.Close(id);
        }
    }

    public static CurrentUserDto Describe(ClaimsPrincipal principal)
    {
        var id = principal.FindUserId();
        if (id is null)
        {
            return new CurrentUserDto(false, null, null, null, false, []);
        }

        return new CurrentUserDto(
            true,
            id,
            principal.FindFirstValue(LiveShopClaims.DisplayName),
            principal.IsGuest() ? null : principal.FindFirstValue(ClaimTypes.Email),
            principal.IsGuest(),
            [.. Roles.All.Where(principal.IsInRole)]);
    }

    private async Task<CurrentUserDto> DescribeAsync(AppUser user) =>
        new(true, user.Id, user.DisplayName, user.IsGuest ? null : user.Email, user.IsGuest, [.. await users.GetRolesAsync(user)]);

    /// <summary>
    /// A display name cleaned (<see cref="TextInput.Clean"/>), 1 to 40 characters, no control characters and no
    /// direction overrides (register, guest, setup, joining a team). A name of only invisible characters is empty.
    /// </summary>
    internal static string ValidDisplayName(string? name)
    {
        if (name?.Trim().Any(char.IsControl) == true)
        {
            throw DomainException.Invalid(ProblemCodes.DisplayNameInvalid, "A display name cannot contain control characters.");
        }

        var cleaned = TextInput.Clean(name);
        if (cleaned.Length == 0 || cleaned.Length > Limits.DisplayNameMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.DisplayNameInvalid, "A display name needs 1 to {0} visible characters.", Limits.DisplayNameMaxLength);
        }

        return cleaned;
    }
}
