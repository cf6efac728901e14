using LiveShop.Server.Features.Live;
using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Tests.Features.Live;

/// <summary>
/// The in-memory book that lets orders refuse an ended flash price without the show's lock, and the door of a
/// running sale (<see cref="FlashSaleBook.AdmitAsync"/>): as many buyers go on as there are units left, the rest
/// wait in arrival order for a unit to come back or the sale to end.
/// </summary>
public class FlashSaleBookTests
{
    private static readonly Guid Show = Guid.NewGuid();
    private static readonly Guid Product = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 20, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private static FlashSaleDto Sale(decimal price, int cap = 10) => new(Guid.NewGuid(), Product, price, 590m, "TWD", Now, Now.AddMinutes(5), cap, 1, 0);

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

    [Fact]
    public async Task TwoUnits_TwoGoOn_TheRestWait_AUnitBackLetsTheNextIn_AGivenUpWaiterLosesItsTurn_TheEndLetsEveryoneOut()
    {
        var book = new FlashSaleBook();
        var sale = Sale(390m, cap: 2);
        book.Observe(Show, [new FlashSaleStartedEvent(1, Now, sale)]);

        var first = await Admit(book).WaitAsync(Patience);
        var second = await Admit(book).WaitAsync(Patience);
        using var giveUp = new CancellationTokenSource();
        var quitter = Admit(book, giveUp.Token);
        var third = Admit(book);
        await Task.Delay(50);
        Assert.False(quitter.IsCompleted, "a third buyer went on with two units left and two ordering");
        Assert.False(third.IsCompleted);

        // The buyer who gives up leaves the line; the next keeps waiting until a unit comes back.
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => quitter.WaitAsync(Patience));
        Assert.False(third.IsCompleted);

        // The first order is refused (it took nothing): its unit goes to the next in line, not to the one who left.
        first.Dispose();
        var admitted = await third.WaitAsync(Patience);

        // Both units sell; a fourth buyer waits until the sale ends, then goes on to be refused from memory.
        var fourth = Admit(book);
        book.Observe(Show, [new FlashSaleUpdatedEvent(2, Now, sale.Id, Product, Sold: 2)]);
        second.Dispose();
        admitted.Dispose();
        await Task.Delay(50);
        Assert.False(fourth.IsCompleted, "a buyer went on with no unit left");
        book.Observe(Show, [new FlashSaleEndedEvent(3, Now, sale.Id, Product, FlashSaleEndReason.SoldOut, 2)]);
        (await fourth.WaitAsync(Patience)).Dispose();
        Assert.NotNull(book.EndedAt(Show, Product, 390m));
    }

    [Fact]
    public async Task AListPriceOrAnotherProduct_PassesStraightThrough_EvenWhenTheSaleIsFull()
    {
        var book = new FlashSaleBook();
        var sale = Sale(390m, cap: 1);
        book.Observe(Show, [new FlashSaleStartedEvent(1, Now, sale)]);
        using var holder = await Admit(book).WaitAsync(Patience);

        var waiting = Admit(book);
        using var atListPrice = await book.AdmitAsync(Show, [(Product, null, 590m, 1)], CancellationToken.None).WaitAsync(Patience);
        using var otherProduct = await book.AdmitAsync(Show, [(Guid.NewGuid(), null, 390m, 1)], CancellationToken.None).WaitAsync(Patience);
        Assert.False(waiting.IsCompleted);
    }

    private static Task<IDisposable> Admit(FlashSaleBook book, CancellationToken cancellationToken = default) =>
        book.AdmitAsync(Show, [(Product, null, 390m, 1)], cancellationToken);
}
