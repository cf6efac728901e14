using System.Globalization;
using LiveShop.Shared;

namespace LiveShop.Client.Components;

/// <summary>Formats an amount in a show's currency the way shoppers there read prices.</summary>
public static class Money
{
    public static string Format(decimal amount, string currency)
    {
        var (symbol, decimals) = currency switch
        {
            Currencies.Twd => ("NT$", 0),
            Currencies.Cny => ("¥", 2),
            Currencies.Eur => ("€", 2),
            Currencies.Usd => ("$", 2),
            Currencies.Hkd => ("HK$", 2),
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
