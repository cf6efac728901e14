using System.Globalization;
using System.Resources;
using LiveShop.Client.Resources;

namespace LiveShop.Client.Pages.Account;

/// <summary>
/// The account forms' validation sentences in the person's language, for DataAnnotations
/// (<c>[Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.EnterYourEmail))]</c>):
/// an attribute is a constant, so it names a property here, which reads <see cref="AccountText"/> in the current UI culture.
/// The English sentence is the key, as everywhere; a missing translation falls back to it.
/// </summary>
public static class AccountValidation
{
    private static readonly ResourceManager Text = new(typeof(AccountText).FullName!, typeof(AccountText).Assembly);

    public static string EnterYourEmail => Translate("Enter your email.");

    public static string EnterTheNewEmail => Translate("Enter the new email.");

    public static string NotAnEmail => Translate("That is not an email address.");

    public static string EnterYourPassword => Translate("Enter your password.");

    public static string ChooseADisplayName => Translate("Choose a display name.");

    public static string TellUsWhatToCallYou => Translate("Tell us what to call you.");

    public static string ChooseAPassword => Translate("Choose a password.");

    public static string PasswordLength => Translate("Use 8 to 128 characters.");

    public static string TypeThePasswordAgain => Translate("Type the new password again.");

    public static string PasswordsDiffer => Translate("The two passwords are not the same.");

    /// <summary>Every sentence above, in English: the keys <see cref="AccountText"/> must hold (a test checks each language has them).</summary>
    internal static IReadOnlyList<string> Keys { get; } =
    [
        "Enter your email.", "Enter the new email.", "That is not an email address.", "Enter your password.", "Choose a display name.",
        "Tell us what to call you.", "Choose a password.", "Use 8 to 128 characters.", "Type the new password again.", "The two passwords are not the same.",
    ];

    private static string Translate(string english) => Text.GetString(english, CultureInfo.CurrentUICulture) is { Length: > 0 } text ? text : english;
}
