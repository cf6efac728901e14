using System.Collections.Frozen;

namespace LiveShop.Server.Features.Payments;

/// <summary>
/// Amounts as Stripe's API wants them: integers in the currency's minor unit <em>as Stripe defines it</em>, which is
/// not always ISO 4217's (https://docs.stripe.com/currencies, read 2026-12; see docs/decisions.md):
/// zero-decimal currencies (JPY, KRW, …) are sent as they are; ISK and UGX are zero-decimal at Stripe but, for
/// backwards compatibility, still sent with two decimals (×100, whole units only); HUF and TWD are two-decimal for
/// charges (×100; only their payouts are whole units); three-decimal currencies (BHD, JOD, KWD, OMR, TND) ×1000 with the
/// last digit 0; every other currency (TWD, CNY, EUR, USD, HKD, …) ×100.
/// </summary>
public static class StripeAmounts
{
    private static readonly FrozenSet<string> ZeroDecimal = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "VND", "VUV", "XAF", "XOF", "XPF");

    /// <summary>Zero-decimal at Stripe, yet sent ×100: the amount must be a whole number of units.</summary>
    private static readonly FrozenSet<string> WholeUnitsTimesHundred = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "ISK", "UGX");

    private static readonly FrozenSet<string> ThreeDecimal = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "BHD", "JOD", "KWD", "OMR", "TND");

    /// <summary>How many of Stripe's units make one unit of <paramref name="currency"/> (1, 100 or 1000).</summary>
    public static long Factor(string currency) =>
        ZeroDecimal.Contains(currency) ? 1 : ThreeDecimal.Contains(currency) ? 1000 : 100;

    /// <summary>
    /// <paramref name="amount"/> in Stripe's units (TWD 1,290 → 129000, JPY 1,290 → 1290). Refuses an amount Stripe
    /// cannot take exactly (JPY 10.5; ISK 10.50; KWD 5.124), rather than charging a rounded one.
    /// </summary>
    public static long ToMinorUnits(decimal amount, string currency)
    {
        var minor = amount * Factor(currency);
        var exact = decimal.Truncate(minor) == minor
            && (!WholeUnitsTimesHundred.Contains(currency) || decimal.Truncate(amount) == amount)
            && (!ThreeDecimal.Contains(currency) || minor % 10 == 0);
        return exact
            ? (long)minor
            : throw new ArgumentOutOfRangeException(nameof(amount), amount, $"{amount} {currency} cannot be charged exactly through Stripe.");
    }

    /// <summary>The other way: Stripe's units back to an amount of <paramref name="currency"/>.</summary>
    public static decimal FromMinorUnits(long minor, string currency) => (decimal)minor / Factor(currency);
}
