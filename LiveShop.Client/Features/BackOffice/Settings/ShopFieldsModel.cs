using System.ComponentModel.DataAnnotations;
using System.Text;
using LiveShop.Shared;
using LiveShop.Client.Resources;
using LiveShop.Shared.Shops;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.BackOffice.Settings;

/// <summary>
/// A shop's settings as a form edits them (setup, opening a shop, the settings page). Until the person
/// types their own, the address follows the name, and the currency and time zone follow the country.
/// </summary>
public sealed class ShopFieldsModel
{
    private string _name = "";
    private string _slug = "";
    private string _country = "TW";
    private string _currency = Currencies.Twd;
    private string _timeZone = "Asia/Taipei";
    private string _contactEmail = "";
    private bool _slugTyped;
    private bool _currencyChosen;
    private bool _timeZoneChosen;
    private bool _contactEmailTyped;

    /// <summary>Time zones offered in the form: each country's own, then a few more (IANA ids).</summary>
    public static readonly IReadOnlyList<string> TimeZones =
    [
        "Asia/Taipei", "Asia/Shanghai", "Asia/Hong_Kong", "Europe/Athens", "Asia/Nicosia", "America/New_York", "America/Chicago",
        "America/Denver", "America/Los_Angeles", "Europe/London", "Europe/Berlin", "Europe/Paris", "Asia/Tokyo", "Asia/Singapore",
        "Asia/Kuala_Lumpur", "UTC",
    ];

    [Required(ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.GiveTheShopAName))]
    [StringLength(Limits.ShopNameMaxLength, ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.ShopNameLength))]
    public string Name
    {
        get => _name;
        set
        {
            _name = value ?? "";
            if (!_slugTyped)
            {
                _slug = SuggestSlug(_name);
            }
        }
    }

    [Required(ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.ChooseTheShopsAddress))]
    [RegularExpression("^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$", ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.ShopAddressShape))]
    public string Slug
    {
        get => _slug;
        set
        {
            _slug = (value ?? "").Trim().ToLowerInvariant();
            _slugTyped = true;
        }
    }

    [Required]
    public string Country
    {
        get => _country;
        set
        {
            _country = value ?? "";
            if (!_currencyChosen)
            {
                _currency = CurrencyOf(_country);
            }

            if (!_timeZoneChosen)
            {
                _timeZone = TimeZoneOf(_country);
            }
        }
    }

    [Required]
    public string Currency
    {
        get => _currency;
        set
        {
            _currency = value ?? "";
            _currencyChosen = true;
        }
    }

    [Required(ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.GiveAContactEmail))]
    [EmailAddress(ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.NotAnEmail))]
    public string ContactEmail
    {
        get => _contactEmail;
        set
        {
            _contactEmail = value ?? "";
            _contactEmailTyped = true;
        }
    }

    [Required]
    public string TimeZone
    {
        get => _timeZone;
        set
        {
            _timeZone = value ?? "";
            _timeZoneChosen = true;
        }
    }

    /// <summary>The EU's 30-day rule: the shop's choice; null until made (then on for EUR, see <see cref="ShowsLowestPrice30Days"/>).</summary>
    public bool? ShowLowestPrice30Days { get; set; }

    /// <summary>What the switch shows: the choice, else the default for the currency.</summary>
    public bool ShowsLowestPrice30Days => ShowLowestPrice30Days ?? _currency == Currencies.Eur;

    /// <summary>The zones to offer: the list, plus the shop's own when it is not in it.</summary>
    public IEnumerable<string> TimeZoneChoices => TimeZones.Contains(_timeZone) || _timeZone.Length == 0 ? TimeZones : [_timeZone, .. TimeZones];

    /// <summary>A default contact e-mail (e.g. the administrator's), kept only while the person has not typed one.</summary>
    public void SuggestContactEmail(string? email)
    {
        if (!_contactEmailTyped)
        {
            _contactEmail = email ?? "";
        }
    }

    /// <summary>Fills the form with a shop's saved settings; nothing follows anything afterwards.</summary>
    public static ShopFieldsModel From(ShopDto shop) => new()
    {
        Name = shop.Name,
        Slug = shop.Slug,
        Country = shop.Country,
        Currency = shop.DefaultCurrency,
        TimeZone = shop.TimeZone,
        ContactEmail = shop.ContactEmail,
        ShowLowestPrice30Days = shop.ShowLowestPrice30Days,
    };

    public ShopSettingsRequest ToRequest() => new(Name.Trim(), Slug.Trim(), Country, Currency, ContactEmail.Trim(), TimeZone, ShowLowestPrice30Days);

    /// <summary>"Formosa Tea &amp; Beauty" → "formosa-tea-beauty". Names without Latin letters or digits suggest nothing.</summary>
    public static string SuggestSlug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        return text.Length > Limits.ShopSlugMaxLength ? text[..Limits.ShopSlugMaxLength].TrimEnd('-') : text;
    }

    public static string TimeZoneOf(string country) => country switch
    {
        "TW" => "Asia/Taipei",
        "CN" => "Asia/Shanghai",
        "HK" => "Asia/Hong_Kong",
        "GR" => "Europe/Athens",
        "CY" => "Asia/Nicosia",
        _ => "UTC",
    };

    public static string CurrencyOf(string country) => country switch
    {
        "TW" => Currencies.Twd,
        "CN" => Currencies.Cny,
        "HK" => Currencies.Hkd,
        "GR" or "CY" or "DE" or "FR" => Currencies.Eur,
        _ => Currencies.Usd,
    };

    /// <summary>The country's name in the person's language, for the select (the code itself for one not in the list).</summary>
    public static string CountryName(string code, IStringLocalizer<ShopText> T) => code switch
    {
        "TW" => T["Taiwan"],
        "CN" => T["China"],
        "HK" => T["Hong Kong"],
        "GR" => T["Greece"],
        "CY" => T["Cyprus"],
        "US" => T["United States"],
        "GB" => T["United Kingdom"],
        "DE" => T["Germany"],
        "FR" => T["France"],
        "JP" => T["Japan"],
        "SG" => T["Singapore"],
        "MY" => T["Malaysia"],
        _ => code,
    };
}
