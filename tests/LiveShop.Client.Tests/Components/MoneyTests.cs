using LiveShop.Client.Components;
using LiveShop.Shared;

namespace LiveShop.Client.Tests.Components;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(1290, Currencies.Twd, "NT$1,290")]
    [InlineData(99.5, Currencies.Twd, "NT$99.50")]
    [InlineData(14.9, Currencies.Eur, "€14.90")]
    [InlineData(129, Currencies.Cny, "¥129.00")]
    public void Format_AmountInCurrency_ReadsAsShoppersExpect(double amount, string currency, string expected)
    {
        Assert.Equal(expected, Money.Format((decimal)amount, currency));
    }
}
