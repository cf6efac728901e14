using LiveShop.Client.Features.BackOffice.Settings;
using LiveShop.Shared;

namespace LiveShop.Client.Tests.BackOffice.Settings;

/// <summary>The EU's 30-day rule switch in the shop's settings: on by default for euros, the owner's choice kept.</summary>
public sealed class LowestPriceSettingTests
{
    [Fact]
    public void NewShop_InGreece_ShowsTheRuleOn_AndLeavesTheDefaultToTheServer()
    {
        var model = new ShopFieldsModel { Name = "Aegean Honey", Country = "GR" };

        Assert.Equal(Currencies.Eur, model.Currency);
        Assert.True(model.ShowsLowestPrice30Days);
        Assert.Null(model.ToRequest().ShowLowestPrice30Days);
    }

    [Fact]
    public void NewShop_InTaiwan_ShowsTheRuleOff()
    {
        var model = new ShopFieldsModel { Name = "Formosa Tea", Country = "TW" };

        Assert.False(model.ShowsLowestPrice30Days);
    }

    [Fact]
    public void TurningItOff_InAEuroShop_IsSent()
    {
        var model = new ShopFieldsModel { Name = "Aegean Honey", Country = "GR" };

        model.ShowLowestPrice30Days = false;

        Assert.False(model.ShowsLowestPrice30Days);
        Assert.False(model.ToRequest().ShowLowestPrice30Days);
    }
}
