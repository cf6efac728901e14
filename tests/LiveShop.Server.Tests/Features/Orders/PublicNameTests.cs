using LiveShop.Server.Features.Orders;

namespace LiveShop.Server.Tests.Features.Orders;

/// <summary>What the room sees of a buyer in "… just bought …".</summary>
public class PublicNameTests
{
    [Theory]
    [InlineData("Mei Lin", "Mei L.")]
    [InlineData("Eleni  Georgiou", "Eleni G.")]
    [InlineData("Xiao Wang Chen", "Xiao C.")]
    [InlineData("Nikos", "Nikos")]
    [InlineData("陳美玲", "陳**")]
    [InlineData("王小明", "王**")]
    [InlineData("Ana 😀x", "Ana 😀.")]
    [InlineData("   ", "Someone")]
    public void ShowsFirstNameAndInitial_OrTheFamilyNameOfAChineseName(string displayName, string shown) =>
        Assert.Equal(shown, OrderNotifier.PublicName(displayName));
}
