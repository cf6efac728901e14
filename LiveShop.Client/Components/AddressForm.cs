using System.ComponentModel.DataAnnotations;
using LiveShop.Client.Resources;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Components;

/// <summary>
/// A shipping address as the buyer types it. Every field but <see cref="Line2"/> is required, none
/// longer than <see cref="Limits.AddressFieldMaxLength"/>; with <see cref="AllowBlank"/> a form left
/// entirely empty is valid too (the profile's saved address is optional).
/// </summary>
public sealed class AddressForm : IValidatableObject
{
    [StringLength(Limits.AddressFieldMaxLength)] public string FullName { get; set; } = "";

    [StringLength(Limits.AddressFieldMaxLength)] public string Line1 { get; set; } = "";

    [StringLength(Limits.AddressFieldMaxLength)] public string? Line2 { get; set; }

    [StringLength(Limits.AddressFieldMaxLength)] public string City { get; set; } = "";

    [StringLength(Limits.AddressFieldMaxLength)] public string PostalCode { get; set; } = "";

    [StringLength(Limits.AddressFieldMaxLength)] public string Country { get; set; } = "";

    [StringLength(Limits.AddressFieldMaxLength)] public string Phone { get; set; } = "";

    /// <summary>An empty form is valid (and means "no address").</summary>
    public bool AllowBlank { get; init; }

    public bool IsBlank =>
        new[] { FullName, Line1, Line2, City, PostalCode, Country, Phone }.All(string.IsNullOrWhiteSpace);

    /// <summary>Fills the blank form from an address (the saved one); a form the buyer already typed in is left alone.</summary>
    public void Prefill(ShippingAddressDto? address)
    {
        if (address is null || !IsBlank)
        {
            return;
        }

        FullName = address.FullName;
        Line1 = address.Line1;
        Line2 = address.Line2;
        City = address.City;
        PostalCode = address.PostalCode;
        Country = address.Country;
        Phone = address.Phone;
    }

    public ShippingAddressDto ToDto() => new(
        FullName.Trim(), Line1.Trim(), string.IsNullOrWhiteSpace(Line2) ? null : Line2.Trim(), City.Trim(), PostalCode.Trim(), Country.Trim(), Phone.Trim());

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AllowBlank && IsBlank)
        {
            yield break;
        }

        // Blazor's DataAnnotationsValidator hands the app's services to the context: the buyer's language.
        var T = validationContext.GetService(typeof(IStringLocalizer<ViewerText>)) as IStringLocalizer<ViewerText> ?? ViewerText.FromResources();
        (string? Value, string Member, string Message)[] required =
        [
            (FullName, nameof(FullName), T["Enter the name of who receives the parcel."]),
            (Line1, nameof(Line1), T["Enter the street address."]),
            (City, nameof(City), T["Enter the city."]),
            (PostalCode, nameof(PostalCode), T["Enter the postal code."]),
            (Country, nameof(Country), T["Enter the country."]),
            (Phone, nameof(Phone), T["Enter a phone number for the courier."]),
        ];
        foreach (var (value, member, message) in required.Where(r => string.IsNullOrWhiteSpace(r.Value)))
        {
            yield return new ValidationResult(message, [member]);
        }
    }
}
