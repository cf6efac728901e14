using System.Globalization;

namespace LiveShop.Shared;

/// <summary>The ISO 4217 currencies a show may be priced in.</summary>
public static class Currencies
{
    public const string Twd = "TWD";
    public const string Cny = "CNY";
    public const string Eur = "EUR";
    public const string Usd = "USD";
    public const string Hkd = "HKD";

    public static readonly IReadOnlyList<string> Supported = [Twd, Cny, Eur, Usd, Hkd];

    public static bool IsSupported(string? code) => code is not null && Supported.Contains(code, StringComparer.Ordinal);

    /// <summary>
    /// An amount the way shoppers of the currency read prices, in the reader's number format (the current culture):
    /// NT$1,290 · ¥1,290.00 · €14.90 in English and Chinese; 1.290,00 € in Greek, where the symbol follows the amount.
    /// </summary>
    public static string Format(decimal amount, string currency) => Format(amount, currency, CultureInfo.CurrentCulture);

    /// <inheritdoc cref="Format(decimal, string)"/>
    public static string Format(decimal amount, string currency, CultureInfo culture)
    {
        var (symbol, decimals) = currency switch
        {
            Twd => ("NT$", 0),
            Cny => ("¥", 2),
            Eur => ("€", 2),
            Usd => ("$", 2),
            Hkd => ("HK$", 2),
            _ => (currency + " ", 2),
        };

        // Whole-dollar currencies still show cents when there are any.
        if (decimals == 0 && decimal.Truncate(amount) != amount)
        {
            decimals = 2;
        }

        // The invariant culture (servers, logs) reads like English. Greek (and the other languages that write
        // "1.290,00 €") puts the symbol after the number; a minus sign stays in front of everything.
        var numbers = culture.Name.Length == 0 ? CultureInfo.GetCultureInfo("en") : culture;
        var digits = Math.Abs(amount).ToString("N" + decimals, numbers);
        var sign = amount < 0 ? numbers.NumberFormat.NegativeSign : "";
        return SymbolAfter(numbers) ? $"{sign}{digits} {symbol.Trim()}" : sign + symbol + digits;
    }

    private static bool SymbolAfter(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName is "el" or "de" or "fr" or "es" or "it" or "pt" or "nl";
}
