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

    /// <summary>An amount the way shoppers of the currency read prices: NT$1,980 · €14.90 · ¥59.00.</summary>
    public static string Format(decimal amount, string currency)
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

        return symbol + amount.ToString("N" + decimals, CultureInfo.InvariantCulture);
    }
}
