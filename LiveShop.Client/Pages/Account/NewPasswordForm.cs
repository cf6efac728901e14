using System.ComponentModel.DataAnnotations;
using LiveShop.Shared;

namespace LiveShop.Client.Pages.Account;

/// <summary>A new password typed twice (reset and change password).</summary>
public sealed class NewPasswordForm
{
    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(Limits.PasswordMaxLength, MinimumLength = Limits.PasswordMinLength, ErrorMessage = "Use 8 to 128 characters.")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Type the new password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    public string Repeat { get; set; } = "";

    /// <summary>Only when changing (not resetting): the password now.</summary>
    public string Current { get; set; } = "";
}
