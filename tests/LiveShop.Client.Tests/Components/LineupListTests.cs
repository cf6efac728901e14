using LiveShop.Client.Components;
using LiveShop.Shared;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Tests.Components;

public sealed class LineupListTests : BunitTestBase
{
    private static LineupItemDto Item(string name, decimal price, int stock, int position) => new(
        ProductId: Guid.NewGuid(),
        Sku: $"SKU-{position}",
        Name: name,
        ImageUrl: $"https://img.example/{position}.jpg",
        Price: price,
        Currency: Currencies.Twd,
        Stock: stock,
        Position: position);

    [Fact]
    public void Render_NoItems_ShowsEmptyState()
    {
        var cut = Ctx.Render<LineupList>(p => p.Add(l => l.Items, Array.Empty<LineupItemDto>()));

        Assert.Equal("No products in this show yet.", cut.Find("[data-testid=lineup-empty]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=lineup-item]"));
    }

    [Fact]
    public void Render_Items_ShowsNamePriceAndStockInOrder()
    {
        LineupItemDto[] items =
        [
            Item("Oolong 150g", 1290m, 0, 1),
            Item("Tea cup", 99.5m, 3, 2),
        ];

        var cut = Ctx.Render<LineupList>(p => p.Add(l => l.Items, items));

        Assert.Empty(cut.FindAll("[data-testid=lineup-empty]"));
        var rows = cut.FindAll("[data-testid=lineup-item]");
        Assert.Equal(2, rows.Count);

        Assert.Contains("Oolong 150g", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("NT$1,290", rows[0].QuerySelector("[data-testid=lineup-price]")!.TextContent.Trim());
        Assert.Contains("Sold out", rows[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("in stock", rows[0].TextContent, StringComparison.Ordinal);

        Assert.Contains("Tea cup", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("NT$99.50", rows[1].QuerySelector("[data-testid=lineup-price]")!.TextContent.Trim());
        Assert.Contains("3 in stock", rows[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Sold out", rows[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithoutAddToCart_HasNoCartButtons()
    {
        var item = Item("Tea cup", 99.5m, 3, 1);

        var cut = Ctx.Render<LineupList>(p => p.Add(l => l.Items, [item]));

        Assert.Empty(cut.FindAll($"[data-testid=lineup-add-{item.ProductId}]"));
    }

    [Fact]
    public void Click_AddToCart_RaisesItWithThatProduct()
    {
        LineupItemDto[] items = [Item("Oolong 150g", 1290m, 4, 1), Item("Tea cup", 99.5m, 3, 2)];
        LineupItemDto? added = null;

        var cut = Ctx.Render<LineupList>(p => p
            .Add(l => l.Items, items)
            .Add(l => l.OnAddToCart, (LineupItemDto item) => added = item));
        cut.Find($"[data-testid=lineup-add-{items[1].ProductId}]").Click();

        Assert.Equal(items[1], added);
    }

    [Fact]
    public void Click_BuyOrTheRow_RaisesBuyOrOpenWithThatProduct_SoldOutCannotBeBought()
    {
        LineupItemDto[] items = [Item("Oolong 150g", 1290m, 0, 1), Item("Tea cup", 99.5m, 3, 2)];
        var bought = new List<LineupItemDto>();
        var opened = new List<LineupItemDto>();
        var added = new List<LineupItemDto>();

        var cut = Ctx.Render<LineupList>(p => p
            .Add(l => l.Items, items)
            .Add(l => l.OnAddToCart, (LineupItemDto item) => added.Add(item))
            .Add(l => l.OnBuy, (LineupItemDto item) => bought.Add(item))
            .Add(l => l.OnOpen, (LineupItemDto item) => opened.Add(item)));

        cut.Find($"[data-testid=lineup-buy-{items[1].ProductId}]").Click();
        Assert.Equal([items[1]], bought);
        Assert.Empty(opened); // Buy is its own tap, not the row's.

        cut.FindAll("[data-testid=lineup-item]")[1].QuerySelector(".ls-lineup__name")!.Click();
        Assert.Equal([items[1]], opened);
        Assert.Empty(added);

        Assert.True(cut.Find($"[data-testid=lineup-buy-{items[0].ProductId}]").HasAttribute("disabled"));
    }

    [Fact]
    public void Render_WithLivePrices_ShowsARunningFlashPriceWithTheListPriceStruck()
    {
        var show = ShopTestData.LiveShow(DeviceNow, jadeOnSale: true);

        var cut = Ctx.Render<LineupList>(p => p
            .Add(l => l.Items, [ShopTestData.JadeItem, ShopTestData.OolongItem])
            .Add(l => l.PriceOf, id => show.PriceOf(id, DeviceNow)));

        var rows = cut.FindAll("[data-testid=lineup-item]");
        Assert.Equal("NT$490", rows[0].QuerySelector("[data-testid=lineup-price]")!.TextContent.Trim());
        Assert.Equal("NT$690", rows[0].QuerySelector("s[data-testid=lineup-list-price]")!.TextContent.Trim());
        Assert.Equal("NT$480", rows[1].QuerySelector("[data-testid=lineup-price]")!.TextContent.Trim());
        Assert.Null(rows[1].QuerySelector("[data-testid=lineup-list-price]"));
    }
}
