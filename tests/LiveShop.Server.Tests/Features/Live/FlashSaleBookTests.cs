using LiveShop.Server.Features.Live;
using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Tests.Features.Live;

/// <summary>The in-memory book that lets orders refuse an ended flash price without the show's lock.</summary>
public class FlashSaleBookTests
{
    private static readonly Guid Show = Guid.NewGuid();
    private static readonly Guid Product = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 20, 0, 0, TimeSpan.Zero);

    private static FlashSaleDto Sale(decimal price) => new(Guid.NewGuid(), Product, price, 590m, "TWD", Now, Now.AddMinutes(5), 10, 1, 0);

    [Fact]
    public void EndedSale_IsRefusedAtItsPrice_ButNotAtTheListPrice()
    {
        var book = new FlashSaleBook();
        var sale = Sale(390m);
        book.Observe(Show, [new FlashSaleStartedEvent(1, Now, sale)]);
        Assert.Null(book.EndedAt(Show, Product, 390m));

        book.Observe(Show, [new FlashSaleEndedEvent(2, Now.AddMinutes(1), sale.Id, Product, FlashSaleEndReason.SoldOut, 10)]);

        Assert.Equal((590m, FlashSaleEndReason.SoldOut), (book.EndedAt(Show, Product, 390m)!.ListPrice, book.EndedAt(Show, Product, 390m)!.Reason));
        Assert.Null(book.EndedAt(Show, Product, 590m));
    }

    [Fact]
    public void LateEndOfAnOlderSale_DoesNotHideANewerOneAtTheSamePrice()
    {
        var book = new FlashSaleBook();
        var older = Sale(390m);
        var newer = Sale(390m);
        book.Observe(Show, [new FlashSaleStartedEvent(1, Now, older)]);
        book.Observe(Show, [new FlashSaleStartedEvent(2, Now.AddMinutes(5), newer)]);

        book.Observe(Show, [new FlashSaleEndedEvent(3, Now.AddMinutes(5), older.Id, Product, FlashSaleEndReason.Expired, 3)]);

        Assert.Null(book.EndedAt(Show, Product, 390m));
    }

    [Fact]
    public void ReopenedSale_IsNoLongerRefused_AndEndsAgainLikeAnyOther()
    {
        var book = new FlashSaleBook();
        var sale = Sale(390m);
        book.Observe(Show, [new FlashSaleStartedEvent(1, Now, sale), new FlashSaleEndedEvent(2, Now, sale.Id, Product, FlashSaleEndReason.SoldOut, 10)]);
        Assert.NotNull(book.EndedAt(Show, Product, 390m));

        book.Observe(Show, [new FlashSaleReopenedEvent(3, Now.AddSeconds(2), sale with { Sold = 9 })]);
        Assert.Null(book.EndedAt(Show, Product, 390m));

        book.Observe(Show, [new FlashSaleEndedEvent(4, Now.AddSeconds(3), sale.Id, Product, FlashSaleEndReason.SoldOut, 10)]);
        Assert.Equal(Now.AddSeconds(3), book.EndedAt(Show, Product, 390m)!.EndedAt);
    }
}
