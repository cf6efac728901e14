using System.Globalization;
using System.Resources;
using LiveShop.Client.Resources;

namespace LiveShop.Client.Features.BackOffice;

/// <summary>
/// The back office's and setup's validation sentences in the person's language, for DataAnnotations
/// (<c>[Required(ErrorMessageResourceType = typeof(ShopValidation), ErrorMessageResourceName = nameof(ShopValidation.GiveTheProductASku))]</c>):
/// an attribute is a constant, so it names a property here, which reads <see cref="ShopText"/> in the current UI culture.
/// The English sentence is the key; {1}-style holes are filled by the attribute (StringLength's maximum).
/// </summary>
public static class ShopValidation
{
    private static readonly ResourceManager Text = new(typeof(ShopText).FullName!, typeof(ShopText).Assembly);

    public static string GiveTheProductASku => Translate("Give the product a SKU.");

    public static string SkuLength => Translate("A SKU has at most {1} characters.");

    public static string GiveTheProductAName => Translate("Give the product a name.");

    public static string NameLength => Translate("A name has at most {1} characters.");

    public static string DescriptionLength => Translate("A description has at most {1} characters.");

    public static string PriceRange => Translate("The price is between 0 and 10,000,000.");

    public static string CompareAtPriceRange => Translate("The compare-at price is between 0 and 10,000,000.");

    public static string StockRange => Translate("Between 0 and 1,000,000.");

    public static string GiveTheShopAName => Translate("Give the shop a name.");

    public static string ShopNameLength => Translate("Keep the name under 80 characters.");

    public static string ChooseTheShopsAddress => Translate("Choose the shop's address.");

    public static string ShopAddressShape => Translate("Use 3 to 40 lower-case letters, digits or hyphens, e.g. formosa-tea.");

    public static string GiveAContactEmail => Translate("Give an e-mail where buyers can reach the shop.");

    public static string NotAnEmail => Translate("That is not an e-mail address.");

    public static string EnterTheirEmail => Translate("Enter their e-mail.");

    public static string PasteTheSetupToken => Translate("Paste the setup token from the server's log.");

    public static string EnterYourName => Translate("Enter your name.");

    public static string EnterYourEmail => Translate("Enter your e-mail.");

    public static string ChooseAPassword => Translate("Choose a password.");

    public static string PasswordLength => Translate("Use 8 to 128 characters.");

    /// <summary>Every sentence above, in English: the keys <see cref="ShopText"/> must hold (a test checks each language has them).</summary>
    internal static IReadOnlyList<string> Keys { get; } =
    [
        "Give the product a SKU.", "A SKU has at most {1} characters.", "Give the product a name.", "A name has at most {1} characters.",
        "A description has at most {1} characters.", "The price is between 0 and 10,000,000.", "The compare-at price is between 0 and 10,000,000.",
        "Between 0 and 1,000,000.", "Give the shop a name.", "Keep the name under 80 characters.", "Choose the shop's address.",
        "Use 3 to 40 lower-case letters, digits or hyphens, e.g. formosa-tea.", "Give an e-mail where buyers can reach the shop.",
        "That is not an e-mail address.", "Enter their e-mail.", "Paste the setup token from the server's log.", "Enter your name.",
        "Enter your e-mail.", "Choose a password.", "Use 8 to 128 characters.",
    ];

    private static string Translate(string english) => Text.GetString(english, CultureInfo.CurrentUICulture) is { Length: > 0 } text ? text : english;
}
