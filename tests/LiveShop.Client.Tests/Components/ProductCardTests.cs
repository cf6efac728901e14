using LiveShop.Client.Components;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests.Components;

public sealed class ProductCardTests : BunitTestBase
{
    private static readonly Guid ProductId = Guid.Parse("0b8e7f1a-2c3d-4e5f-8a9b-0c1d2e3f4a5b");

    private static LineupItemDto Item(int stock = 12) => new(
        ProductId: ProductId,
        Sku: "OOL-150",
        Name: "Alishan oolong 150g",
        ImageUrl: "https://img.example/oolong.jpg",
        Price: 890m,
        Currency: Currencies.Twd,
        Stock: stock,
        Position: 1);

    private static FlashSaleDto Sale(int quantityCap = 20, int sold = 7) => new(
        Id: Guid.NewGuid(),
        ProductId: ProductId,
        Price: 690m,
        ListPrice: 890m,
        Currency: Currencies.Twd,
        StartsAt: DeviceNow.AddMinutes(-1),
        EndsAt: DeviceNow.AddMinutes(5),
        QuantityCap: quantityCap,
        PerBuyerCap: 2,
        Sold: sold);

    [Fact]
    public void Render_NoSale_ShowsNameAndPriceWithoutCountdown()
    {
        var cut = Ctx.Render<ProductCard>(p => p.Add(c => c.Item, Item()));

        var card = cut.Find("[data-testid=product-card]");
        Assert.Equal("normal", card.GetAttribute("data-state"));
        Assert.Equal(ProductId.ToString(), card.GetAttribute("data-product-id"));
        Assert.Equal("Alishan oolong 150g", cut.Find("[data-testid=card-name]").TextContent.Trim());
        Assert.Equal("NT$890", cut.Find("[data-testid=card-price]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=countdown]"));
        Assert.Empty(cut.FindAll("[data-testid=flash-price]"));
        Assert.Empty(cut.FindAll("[data-testid=sold-out]"));
    }

    [Fact]
    public void Render_FlashSale_ShowsFlashPriceStruckListPriceUnitsLeftAndCountdown()
    {
        var cut = Ctx.Render<ProductCard>(p => p
            .Add(c => c.Item, Item())
            .Add(c => c.Sale, Sale(quantityCap: 20, sold: 7)));

        Assert.Equal("flash", cut.Find("[data-testid=product-card]").GetAttribute("data-state"));
        Assert.Equal("NT$690", cut.Find("[data-testid=flash-price]").TextContent.Trim());
        var listPrice = cut.Find("[data-testid=list-price]");
        Assert.Equal("S", listPrice.TagName);
        Assert.Equal("NT$890", listPrice.TextContent.Trim());
        Assert.Equal("13 left", cut.Find("[data-testid=units-left]").TextContent.Trim());
        Assert.Equal("5:00", cut.Find("[data-testid=countdown]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=card-price]"));
    }

    [Fact]
    public void Render_FlashSaleOversold_ShowsZeroLeft()
    {
        var cut = Ctx.Render<ProductCard>(p => p
            .Add(c => c.Item, Item())
            .Add(c => c.Sale, Sale(quantityCap: 5, sold: 6)));

        Assert.Equal("0 left", cut.Find("[data-testid=units-left]").TextContent.Trim());
    }

    [Fact]
    public void Render_NoStockNoSale_ShowsSoldOut()
    {
        var cut = Ctx.Render<ProductCard>(p => p.Add(c => c.Item, Item(stock: 0)));

        Assert.Equal("sold-out", cut.Find("[data-testid=product-card]").GetAttribute("data-state"));
        Assert.Equal("Sold out", cut.Find("[data-testid=sold-out]").TextContent.Trim());
        Assert.Contains("NT$890", cut.Find("[data-testid=product-card]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=countdown]"));
    }

    [Fact]
    public void Render_ChildContent_RendersInsideCard()
    {
        var cut = Ctx.Render<ProductCard>(p => p
            .Add(c => c.Item, Item())
            .AddChildContent("<button data-testid=\"buy\">Buy</button>"));

        Assert.Equal("Buy", cut.Find("[data-testid=product-card] [data-testid=buy]").TextContent);
    }

    [Fact]
    public void Render_WithoutShoppingCallbacks_HasNoBuyOrAddButtons()
    {
        var cut = Ctx.Render<ProductCard>(p => p.Add(c => c.Item, Item()));

        Assert.Empty(cut.FindAll($"[data-testid=buy-{ProductId}]"));
        Assert.Empty(cut.FindAll($"[data-testid=add-to-cart-{ProductId}]"));
        Assert.Empty(cut.FindAll($"[data-testid=card-open-{ProductId}]"));
    }

    [Fact]
    public void Click_BuyAddAndImage_RaiseTheirCallbacksWithTheProduct()
    {
        var raised = new List<string>();
        var cut = Ctx.Render<ProductCard>(p => p
            .Add(c => c.Item, Item())
            .Add(c => c.OnBuy, (ProductChoice choice) => raised.Add($"buy {choice.Item.Name}"))
            .Add(c => c.OnAddToCart, (ProductChoice choice) => raised.Add($"add {choice.Item.Name}"))
            .Add(c => c.OnOpen, (LineupItemDto item) => raised.Add($"open {item.Name}")));

        cut.Find($"[data-testid=buy-{ProductId}]").Click();
        cut.Find($"[data-testid=add-to-cart-{ProductId}]").Click();
        cut.Find($"[data-testid=card-open-{ProductId}]").Click();

        Assert.Equal(["buy Alishan oolong 150g", "add Alishan oolong 150g", "open Alishan oolong 150g"], raised);
        Assert.Equal("Buy", cut.Find($"[data-testid=buy-{ProductId}]").TextContent.Trim());
    }

    [Fact]
    public void Render_SoldOutWithoutSale_DisablesBuyAndAdd()
    {
        var cut = Ctx.Render<ProductCard>(p => p
            .Add(c => c.Item, Item(stock: 0))
            .Add(c => c.OnBuy, (ProductChoice _) => { })
            .Add(c => c.OnAddToCart, (ProductChoice _) => { }));

        Assert.True(cut.Find($"[data-testid=buy-{ProductId}]").HasAttribute("disabled"));
        Assert.True(cut.Find($"[data-testid=add-to-cart-{ProductId}]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_NoStockWhileAFlashSaleStillShows_SaysSoldOutAndDisablesBuy()
    {
        // The room ends the sale when stock runs out, but a viewer whose video runs behind may still be shown it.
        var cut = Ctx.Render<ProductCard>(p => p
            .Add(c => c.Item, Item(stock: 0))
            .Add(c => c.Sale, Sale(quantityCap: 20, sold: 7))
            .Add(c => c.OnBuy, (ProductChoice _) => { })
            .Add(c => c.OnAddToCart, (ProductChoice _) => { }));

        Assert.Equal("sold-out", cut.Find("[data-testid=product-card]").GetAttribute("data-state"));
        Assert.Equal("Sold out", cut.Find("[data-testid=sold-out]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=flash-price]"));
        Assert.True(cut.Find($"[data-testid=buy-{ProductId}]").HasAttribute("disabled"));
        Assert.True(cut.Find($"[data-testid=add-to-cart-{ProductId}]").HasAttribute("disabled"));
    }

    [Fact]
    public void Rerender_WithTheStateItemReplacedAtStockZero_TurnsTheCardSoldOut()
    {
        var state = ShopTestData.LiveShow(DeviceNow);
        var cut = Ctx.Render<ProductCard>(p => p
            .Add(c => c.Item, state.ItemFor(ShopTestData.Jade)!)
            .Add(c => c.OnBuy, (ProductChoice _) => { }));
        Assert.False(cut.Find($"[data-testid=buy-{ShopTestData.Jade}]").HasAttribute("disabled"));

        state.ApplyEvents([new ProductStockEvent(11, DeviceNow, ShopTestData.Jade, 0)]);
        cut.Render(p => p.Add(c => c.Item, state.ItemFor(ShopTestData.Jade)!));

        Assert.Equal("sold-out", cut.Find("[data-testid=product-card]").GetAttribute("data-state"));
        Assert.True(cut.Find($"[data-testid=buy-{ShopTestData.Jade}]").HasAttribute("disabled"));
    }
}
