using System.Net.Mail;
using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Accounts.Sessions;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using Microsoft.AspNetCore.Identity;

namespace LiveShop.Server.Features.Accounts;

/// <summary>
/// The account's e-mail and password: confirming the address, resetting a forgotten password by mail, changing
/// the password or the address. A password change ends the account's other sessions at once, a reset ends all of
/// them (server-side sessions, <see cref="DbTicketStore"/>); an e-mail change updates the security stamp, so other
/// sessions are signed out at their next stamp check (within a minute).
/// </summary>
public sealed class AccountSecurity(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AccountMail mail,
    DbTicketStore sessions,
    SignInGuard guard,
    IHttpContextAccessor http,
    ILogger<AccountSecurity> logger)
{
    private static DomainException LinkInvalid() =>
        DomainException.Invalid(ProblemCodes.EmailLinkInvalid, "This link is wrong, already used or expired. Ask for a new one.");

    public async Task<AccountEmailDto> EmailAsync(ClaimsPrincipal caller)
    {
        var user = await RequireAccountAsync(caller);
        return new AccountEmailDto(user.Email!, user.EmailConfirmed, mail.CanSend);
    }

    /// <summary>Mails a reset link when the address has an account. Answers the same either way, and as fast.</summary>
    public async Task ForgotPasswordAsync(ForgotPasswordRequest? request)
    {
        var email = request?.Email?.Trim() ?? "";
        if (email.Length is 0 or > Limits.EmailMaxLength || !MailAddress.TryCreate(email, out _))
        {
            throw DomainException.Invalid(ProblemCodes.EmailInvalid, "Enter a valid e-mail address.");
        }

        mail.RequireDelivery();
        var user = await users.FindByEmailAsync(email);
        if (user is null || !IsPersonAccount(user))
        {
            return;
        }

        mail.SendInBackground(await mail.PasswordResetAsync(user));
    }

    public async Task ResetPasswordAsync(ResetPasswordRequest? request)
    {
        var token = AccountMail.Decode(request?.Code);
        var user = request is null ? null : await users.FindByIdAsync(request.UserId.ToString());
        if (token is null || user is null || !IsPersonAccount(user))
        {
            throw LinkInvalid();
        }

        ValidatePasswordLength(request!.NewPassword);
        var result = await users.ResetPasswordAsync(user, token, request.NewPassword ?? "");
        if (!result.Succeeded)
        {
            throw result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? LinkInvalid()
                : DomainException.Invalid(ProblemCodes.PasswordInvalid, Describe(result));
        }

        // A reset also lifts a lockout from wrong guesses: the owner proved they read the mail.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);

        // Whoever knew the old password is signed out everywhere, this browser included (it was not signed in).
        await sessions.EndSessionsAsync(user.Id, keep: null);

        // The browser that read the mail is the owner's: it is never throttled by strangers' wrong guesses.
        guard.RememberDevice(user.Id);
        logger.LogInformation("Password reset by mail for user {UserId}", user.Id);
    }

    public async Task ConfirmEmailAsync(ConfirmEmailRequest? request)
    {
        var token = AccountMail.Decode(request?.Code);
        var user = request is null ? null : await users.FindByIdAsync(request.UserId.ToString());
        if (token is null || user is null || !IsPersonAccount(user))
        {
            throw LinkInvalid();
        }

        var result = await users.ConfirmEmailAsync(user, token);
        if (!result.Succeeded)
        {
            throw LinkInvalid();
        }
    }

    public async Task ResendConfirmationAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var user = await RequireAccountAsync(caller);
        if (user.EmailConfirmed)
        {
            throw DomainException.Conflict(ProblemCodes.ValidationFailed, "Your e-mail is already confirmed.");
        }

        mail.RequireDelivery();
        await mail.SendAsync(await mail.ConfirmationAsync(user), cancellationToken);
    }

    /// <summary>After registering: the confirmation mail goes out if it can; the new account never depends on it.</summary>
    public async Task SendConfirmationAfterRegisterAsync(AppUser user)
    {
        if (!mail.CanSend)
        {
            return;
        }

        try
        {
            await mail.SendAsync(await mail.ConfirmationAsync(user), CancellationToken.None);
        }
        catch (AccountMailException)
        {
            // Logged by AccountMail; the profile offers "Send the link again".
        }
    }

    public async Task ChangePasswordAsync(ClaimsPrincipal caller, ChangePasswordRequest? request)
    {
        var user = await RequireAccountAsync(caller);
        ValidatePasswordLength(request?.NewPassword);
        var result = await users.ChangePasswordAsync(user, request?.CurrentPassword ?? "", request?.NewPassword ?? "");
        if (!result.Succeeded)
        {
            throw result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? DomainException.Invalid(ProblemCodes.PasswordIncorrect, "Your current password is not right.")
                : DomainException.Invalid(ProblemCodes.PasswordInvalid, Describe(result));
        }

        // The stamp changed: this browser gets a fresh session, and every other session of the account ends now.
        await signIn.RefreshSignInAsync(user);
        await sessions.EndSessionsAsync(user.Id, keep: DbTicketStore.CurrentKey(http.HttpContext));
    }

    public async Task ChangeEmailAsync(ClaimsPrincipal caller, ChangeEmailRequest? request, CancellationToken cancellationToken)
    {
        var user = await RequireAccountAsync(caller);
        var email = request?.NewEmail?.Trim() ?? "";
        if (email.Length is 0 or > Limits.EmailMaxLength || !MailAddress.TryCreate(email, out _))
        {
            throw DomainException.Invalid(ProblemCodes.EmailInvalid, "Enter a valid e-mail address.");
        }

        if (!await users.CheckPasswordAsync(user, request?.CurrentPassword ?? ""))
        {
            throw DomainException.Invalid(ProblemCodes.PasswordIncorrect, "Your current password is not right.");
        }

        if (string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            throw DomainException.Invalid(ProblemCodes.EmailInvalid, "That is already your e-mail address.");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            throw DomainException.Conflict(ProblemCodes.EmailTaken, "Another account uses that e-mail address.");
        }

        mail.RequireDelivery();
        await mail.SendAsync(await mail.EmailChangeAsync(user, email), cancellationToken);
    }

    public async Task ConfirmEmailChangeAsync(ConfirmEmailChangeRequest? request)
    {
        var token = AccountMail.Decode(request?.Code);
        var email = request?.NewEmail?.Trim() ?? "";
        var user = request is null ? null : await users.FindByIdAsync(request.UserId.ToString());
        if (token is null || user is null || !IsPersonAccount(user) || email.Length == 0)
        {
            throw LinkInvalid();
        }

        if (await users.FindByEmailAsync(email) is { } other && other.Id != user.Id)
        {
            throw DomainException.Conflict(ProblemCodes.EmailTaken, "Another account started using that e-mail address meanwhile.");
        }

        // ChangeEmailAsync checks the token (bound to this address), sets the address as confirmed and updates the stamp.
        var changed = await users.ChangeEmailAsync(user, email, token);
        if (!changed.Succeeded)
        {
            throw LinkInvalid();
        }

        // The user name is the address here (sign-in looks up by e-mail; Identity wants both unique).
        var renamed = await users.SetUserNameAsync(user, email);
        if (!renamed.Succeeded)
        {
            logger.LogWarning("E-mail of user {UserId} changed but the user name did not: {Errors}", user.Id, Describe(renamed));
        }
    }

    /// <summary>The signed-in account, which must be a person's (guests have no e-mail or password).</summary>
    internal async Task<AppUser> RequireAccountAsync(ClaimsPrincipal caller)
    {
        var id = caller.RequireUserId();
        var user = await users.FindByIdAsync(id.ToString()) ?? throw DomainException.NotSignedIn("Your account no longer exists. Sign in again.");
        if (user.IsGuest)
        {
            throw DomainException.Forbidden(ProblemCodes.Forbidden, "Guests have no e-mail or password. Create an account to use this.");
        }

        return user;
    }

    /// <summary>Not a guest and not a deleted account's leftover row.</summary>
    internal static bool IsPersonAccount(AppUser user) => !user.IsGuest && !DeleteAccount.IsDeleted(user);

    private static void ValidatePasswordLength(string? password)
    {
        if ((password?.Length ?? 0) > Limits.PasswordMaxLength)
        {
            throw DomainException.Invalid(ProblemCodes.PasswordInvalid, "A password can be at most {0} characters.", Limits.PasswordMaxLength);
        }
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
