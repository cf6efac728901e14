using LiveShop.Client.Features.BackOffice.Settings;
using LiveShop.Shared;

namespace LiveShop.Client.Tests.BackOffice.Settings;

public sealed class ShopFieldsModelTests
{
    [Theory]
    [InlineData("Formosa Tea & Beauty", "formosa-tea-beauty")]
    [InlineData("  Café Ωmega 24/7 ", "cafe-mega-24-7")]
    [InlineData("台灣茶", "")]
    public void SuggestSlug_Name_LowerCaseLatinWithHyphens(string name, string expected) =>
        Assert.Equal(expected, ShopFieldsModel.SuggestSlug(name));

    [Fact]
    public void Country_Changed_CurrencyAndTimeZoneFollowUntilChosen()
    {
        var model = new ShopFieldsModel { Country = "GR" };
        Assert.Equal((Currencies.Eur, "Europe/Athens"), (model.Currency, model.TimeZone));

        model.TimeZone = "UTC";
        model.Country = "HK";

        Assert.Equal((Currencies.Hkd, "UTC"), (model.Currency, model.TimeZone));
    }

    [Fact]
    public void Name_AfterTheAddressWasTyped_LeavesTheAddress()
    {
        var model = new ShopFieldsModel { Name = "Formosa" };
        model.Slug = "my-tea";

        model.Name = "Formosa Tea";

        Assert.Equal("my-tea", model.Slug);
    }
}
