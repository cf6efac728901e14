using LiveShop.Client.Features.BackOffice.Team;
using LiveShop.Shared;
using LiveShop.Shared.Shops;

namespace LiveShop.Client.Features.Invitations;

/// <summary>Every sentence of the invitation page, in one place to localise later.</summary>
public static class InvitationText
{
    public const string PageTitle = "Join a shop — LiveShop";
    public const string Join = "Join";
    public const string SignInAndJoin = "Sign in and join";
    public const string CreateAndJoin = "Create account and join";
    public const string SignOut = "Sign out";
    public const string YourName = "Your name";
    public const string YourPassword = "Your password";
    public const string NewPassword = "Choose a password";
    public const string ForgotPassword = "Forgot your password?";
    public const string NameRequired = "Enter your name.";
    public const string PasswordRequired = "Enter a password.";
    public const string Unreachable = "We could not reach LiveShop. Try again in a moment.";

    public static string Headline(InvitationPreviewDto invitation) =>
        $"{invitation.InvitedByName} invites you to join {invitation.ShopName} as {RoleText.WithArticle(invitation.Role)}";

    public static string ForEmail(string email) => $"This invitation is for {email}.";

    public static string NewAccount(string email) => $"Create your LiveShop account for {email} and join in one step.";

    public static string ExistingAccount(string email) => $"Enter the password of your LiveShop account, {email}.";

    public static string WrongAccount(string invited, string? signedInAs) =>
        $"You are signed in as {signedInAs ?? "someone else"}. Sign out, then open this link again to join as {invited}.";

    /// <summary>The heading above a link that no longer works; the server's sentence follows it.</summary>
    public static string Unusable(string code) => code switch
    {
        ProblemCodes.InvitationExpired => "This invitation has expired",
        ProblemCodes.InvitationUsed => "This invitation was used already",
        _ => "This invitation link does not work",
    };

    public const string AskForNew = "Ask the shop's owner to send you a new invitation.";
}
