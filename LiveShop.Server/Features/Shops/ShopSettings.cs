using System.Net.Mail;
using System.Text.RegularExpressions;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Shops;

namespace LiveShop.Server.Features.Shops;

/// <summary>A shop's settings, validated: every refusal names the field and what it needs.</summary>
public sealed partial record ShopSettings(string Name, string Slug, string Country, string DefaultCurrency, string ContactEmail, string TimeZone, bool? ShowLowestPrice30Days = null)
{
    private static readonly HashSet<string> ReservedSlugs = ["admin", "api", "setup", "account", "shops", "shows", "media", "dev", "r", "moderate", "host", "orders", "_framework", "_content"];

    public static ShopSettings Parse(ShopSettingsRequest? request)
    {
        if (request is null)
        {
            throw DomainException.Invalid(ProblemCodes.ShopSettingsInvalid, "Send the shop's name, address, country, currency, contact e-mail and time zone.");
        }

        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > Limits.ShopNameMaxLength || name.Any(char.IsControl))
        {
            throw Invalid("A shop's name needs 1 to {0} characters.", Limits.ShopNameMaxLength);
        }

        var slug = request.Slug?.Trim().ToLowerInvariant() ?? "";
        if (slug.Length < Limits.ShopSlugMinLength || slug.Length > Limits.ShopSlugMaxLength || !SlugPattern().IsMatch(slug))
        {
            throw Invalid("The shop's address needs {0} to {1} lower-case letters, digits or hyphens (not at the start or end), e.g. “formosa-tea”.", Limits.ShopSlugMinLength, Limits.ShopSlugMaxLength);
        }

        if (ReservedSlugs.Contains(slug))
        {
            throw DomainException.Conflict(ProblemCodes.ShopSlugTaken, "“{0}” is reserved; choose another address.", slug);
        }

        var country = request.Country?.Trim().ToUpperInvariant() ?? "";
        if (!ShopDefaults.Countries.Contains(country))
        {
            throw Invalid("Choose the shop's country from {0}.", string.Join(", ", ShopDefaults.Countries));
        }

        var currency = request.DefaultCurrency?.Trim().ToUpperInvariant() ?? "";
        if (!Currencies.IsSupported(currency))
        {
            throw Invalid("Choose the shop's currency from {0}.", string.Join(", ", Currencies.Supported));
        }

        var email = request.ContactEmail?.Trim() ?? "";
        if (email.Length == 0 || email.Length > Limits.EmailMaxLength || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            throw Invalid("Give the shop's contact e-mail, e.g. hello@example.com.");
        }

        var zone = request.TimeZone?.Trim() ?? "";
        if (zone.Length == 0 || zone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            throw Invalid("Choose the shop's time zone, e.g. Asia/Taipei or Europe/Athens.");
        }

        return new ShopSettings(name, slug, country, currency, email, zone, request.ShowLowestPrice30Days);
    }

    private static DomainException Invalid(string message, params object?[] arguments) => DomainException.Invalid(ProblemCodes.ShopSettingsInvalid, message, arguments);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex SlugPattern();
}
