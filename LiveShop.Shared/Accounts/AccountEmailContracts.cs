namespace LiveShop.Shared.Accounts;

/// <summary>Asks for a password-reset mail. The answer is the same whether or not the address has an account.</summary>
public sealed record ForgotPasswordRequest(string Email);

/// <summary>Sets a new password with the code from the reset mail (valid for a limited time, once).</summary>
public sealed record ResetPasswordRequest(Guid UserId, string Code, string NewPassword);

/// <summary>Confirms the account's e-mail address with the code from the confirmation mail.</summary>
public sealed record ConfirmEmailRequest(Guid UserId, string Code);

/// <summary>Signed in: a new password, with the current one.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

/// <summary>Signed in: sends a confirmation mail to <see cref="NewEmail"/>; the address changes only when its link is opened.</summary>
public sealed record ChangeEmailRequest(string NewEmail, string CurrentPassword);

/// <summary>Completes an e-mail change with the code mailed to the new address.</summary>
public sealed record ConfirmEmailChangeRequest(Guid UserId, string NewEmail, string Code);

/// <summary>Signed in: deletes the account, after the password.</summary>
public sealed record DeleteAccountRequest(string Password);

/// <summary>The signed-in account's address, whether it is confirmed, and whether this server can send mail at all.</summary>
public sealed record AccountEmailDto(string Email, bool EmailConfirmed, bool CanSendEmail);
