using LiveShop.Shared;

namespace LiveShop.Client.Components;

/// <summary>Formats an amount in a show's currency the way shoppers there read prices (the server's sentences use the same rule).</summary>
public static class Money
{
    public static string Format(decimal amount, string currency) => Currencies.Format(amount, currency);
}
