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
}
