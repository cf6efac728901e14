using System.ComponentModel.DataAnnotations;
using LiveShop.Shared;

namespace LiveShop.Client.Pages.Account;

/// <summary>A new password typed twice (reset and change password).</summary>
public sealed class NewPasswordForm
{
    [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.ChooseAPassword))]
    [StringLength(Limits.PasswordMaxLength, MinimumLength = Limits.PasswordMinLength, ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.PasswordLength))]
    public string Password { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.TypeThePasswordAgain))]
    [SameAsPassword(ErrorMessageResourceType = typeof(AccountValidation), ErrorMessageResourceName = nameof(AccountValidation.PasswordsDiffer))]
    public string Repeat { get; set; } = "";

    /// <summary>Only when changing (not resetting): the password now.</summary>
    public string Current { get; set; } = "";
}

/// <summary>
/// The repeated password equals <see cref="NewPasswordForm.Password"/>. (DataAnnotations' <c>[Compare]</c>
/// finds the other property by reflection, which the trimmed WebAssembly client does not keep.)
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SameAsPasswordAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        validationContext.ObjectInstance is NewPasswordForm form && !string.Equals(form.Password, value as string, StringComparison.Ordinal)
            ? new ValidationResult(ErrorMessageString, validationContext.MemberName is { } member ? [member] : null)
            : ValidationResult.Success;
}
