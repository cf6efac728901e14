using System.Globalization;
using LiveShop.Client.Components;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests.Components;

/// <summary>The EU's 30-day rule on the product card: the lowest prior price the room sent, in the viewer's language.</summary>
public sealed class LowestPriorPriceTests : BunitTestBase
{
    private static readonly Guid ProductId = Guid.Parse("7a1e2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b");

    private static LineupItemDto Item() => new(
        ProductId: ProductId,
        Sku: "GR-OLIVE-500",
        Name: "Cretan Olive Oil, 500 ml",
        ImageUrl: "https://img.example/olive.jpg",
        Price: 25m,
        Currency: Currencies.Eur,
        Stock: 12,
        Position: 1);

    private static FlashSaleDto Sale(decimal? lowest) => new(
        Id: Guid.NewGuid(),
        ProductId: ProductId,
        Price: 18m,
        ListPrice: 25m,
        Currency: Currencies.Eur,
        StartsAt: DeviceNow.AddMinutes(-1),
        EndsAt: DeviceNow.AddMinutes(5),
        QuantityCap: 10,
        PerBuyerCap: 1,
        Sold: 0,
        LowestPrice30Days: lowest);

    [Fact]
    public void ProductCard_InGreek_ShowsTheLowestPriceOfTheLast30DaysUnderTheFlashPrice()
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("el");

            var cut = Ctx.Render<ProductCard>(p => p.Add(c => c.Item, Item()).Add(c => c.Sale, Sale(20m)));

            // The amount and the euro sign are held together by a no-break space.
            Assert.Equal("Χαμηλότερη τιμή των τελευταίων 30 ημερών: 20,00\u00A0€", cut.Find("[data-testid=lowest-price-30d]").TextContent.Trim());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    [Fact]
    public void ProductCard_InEnglish_ShowsTheSentenceWithTheEnglishText()
    {
        var cut = Ctx.Render<ProductCard>(p => p.Add(c => c.Item, Item()).Add(c => c.Sale, Sale(20m)));

        Assert.StartsWith("Lowest price in the last 30 days: ", cut.Find("[data-testid=lowest-price-30d]").TextContent.Trim());
    }

    [Fact]
    public void ProductCard_WithoutALowestPrice_ShowsNoSentence()
    {
        // A shop outside the rule (the setting off, a shop in NT$): the room sends none.
        var cut = Ctx.Render<ProductCard>(p => p.Add(c => c.Item, Item()).Add(c => c.Sale, Sale(null)));

        Assert.NotEmpty(cut.FindAll("[data-testid=flash-price]"));
        Assert.Empty(cut.FindAll("[data-testid=lowest-price-30d]"));
    }
}
