using LiveShop.Server.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace LiveShop.Server.Features.Accounts;

/// <summary>
/// Identity's refusals (a short password, an e-mail already taken …) in the caller's language: the sentences are
/// Identity's own English, kept word for word as the keys of ServerText, translated when Identity builds its error
/// (inside the request, so in the request's culture). Refusals that pass them on join the already translated sentences.
/// </summary>
internal sealed class LocalizedIdentityErrors(IStringLocalizer<ServerText> text) : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => Translated(base.DuplicateEmail(email), "Email '{0}' is already taken.", email);

    public override IdentityError DuplicateUserName(string userName) => Translated(base.DuplicateUserName(userName), "Username '{0}' is already taken.", userName);

    public override IdentityError InvalidEmail(string? email) => Translated(base.InvalidEmail(email), "Email '{0}' is invalid.", email);

    public override IdentityError InvalidUserName(string? userName) => Translated(base.InvalidUserName(userName), "Username '{0}' is invalid, can only contain letters or digits.", userName);

    public override IdentityError PasswordMismatch() => Translated(base.PasswordMismatch(), "Incorrect password.");

    public override IdentityError PasswordTooShort(int length) => Translated(base.PasswordTooShort(length), "Passwords must be at least {0} characters.", length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Translated(base.PasswordRequiresUniqueChars(uniqueChars), "Passwords must use at least {0} different characters.", uniqueChars);

    public override IdentityError PasswordRequiresDigit() => Translated(base.PasswordRequiresDigit(), "Passwords must have at least one digit ('0'-'9').");

    public override IdentityError PasswordRequiresLower() => Translated(base.PasswordRequiresLower(), "Passwords must have at least one lowercase ('a'-'z').");

    public override IdentityError PasswordRequiresUpper() => Translated(base.PasswordRequiresUpper(), "Passwords must have at least one uppercase ('A'-'Z').");

    public override IdentityError PasswordRequiresNonAlphanumeric() => Translated(base.PasswordRequiresNonAlphanumeric(), "Passwords must have at least one non alphanumeric character.");

    // Identity's own English stays when it words a sentence differently from the key (a newer version), so nothing
    // reads wrong; the translation applies only while the two agree.
    private IdentityError Translated(IdentityError error, string template, params object?[] arguments)
    {
        var english = arguments.Length == 0 ? template : string.Format(System.Globalization.CultureInfo.InvariantCulture, template, arguments);
        if (error.Description == english)
        {
            error.Description = arguments.Length == 0 ? text[template].Value : text[template, [.. arguments.Select(a => a ?? "")]].Value;
        }

        return error;
    }
}
