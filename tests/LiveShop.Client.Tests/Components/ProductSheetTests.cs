using LiveShop.Client.Components;
using LiveShop.Shared.Shows;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.Components;

public sealed class ProductSheetTests : BunitTestBase
{
    [Fact]
    public void Render_ProductOnFlashSale_ShowsItsLivePriceAndBuyRaisesIt()
    {
        var show = LiveShow(DeviceNow, jadeOnSale: true);
        LineupItemDto? bought = null;

        var cut = Ctx.Render<ProductSheet>(p => p
            .Add(s => s.Item, JadeItem)
            .Add(s => s.Sale, show.SaleFor(Jade, DeviceNow))
            .Add(s => s.OnClose, () => { })
            .Add(s => s.OnBuy, (ProductChoice choice) => bought = choice.Item)
            .Add(s => s.OnAddToCart, (ProductChoice _) => { }));

        Assert.Equal("Jade Face Roller", cut.Find("[data-testid=product-sheet] [data-testid=sheet-title]").TextContent.Trim());
        Assert.Equal("NT$490", cut.Find("[data-testid=product-sheet-price]").TextContent.Trim());
        Assert.Contains("NT$690", cut.Find("[data-testid=product-sheet] s").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=product-sheet-buy]").Click();
        Assert.Equal(JadeItem, bought);
    }

    [Fact]
    public void Render_NoProduct_ShowsNoSheet()
    {
        var cut = Ctx.Render<ProductSheet>(p => p
            .Add(s => s.Item, null)
            .Add(s => s.OnClose, () => { })
            .Add(s => s.OnBuy, (ProductChoice _) => { })
            .Add(s => s.OnAddToCart, (ProductChoice _) => { }));

        Assert.Empty(cut.FindAll("[data-testid=product-sheet]"));
    }

    [Fact]
    public void Render_StockFromTheRoom_ShowsItAndAtZeroSaysSoldOutWithBuyDisabled()
    {
        var show = LiveShow(DeviceNow, jadeOnSale: true);
        show.ApplyEvents([new LiveShop.Shared.Realtime.ProductStockEvent(11, DeviceNow, Jade, 4)]);
        var cut = Ctx.Render<ProductSheet>(p => p
            .Add(s => s.Item, show.ItemFor(Jade))
            .Add(s => s.Sale, show.SaleFor(Jade, DeviceNow))
            .Add(s => s.OnClose, () => { })
            .Add(s => s.OnBuy, (ProductChoice _) => { })
            .Add(s => s.OnAddToCart, (ProductChoice _) => { }));
        Assert.Equal("4 in stock", cut.Find("[data-testid=product-sheet-stock]").TextContent.Trim());

        show.ApplyEvents([new LiveShop.Shared.Realtime.ProductStockEvent(12, DeviceNow, Jade, 0)]);
        cut.Render(p => p.Add(s => s.Item, show.ItemFor(Jade)));

        Assert.Equal("Sold out", cut.Find("[data-testid=product-sheet-stock]").TextContent.Trim());
        Assert.Equal("NT$690", cut.Find("[data-testid=product-sheet-price]").TextContent.Trim());
        Assert.True(cut.Find("[data-testid=product-sheet-buy]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=product-sheet-add]").HasAttribute("disabled"));
    }
}
