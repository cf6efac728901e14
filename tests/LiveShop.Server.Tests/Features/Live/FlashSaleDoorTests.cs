using LiveShop.Server.Features.Live;
using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Tests.Features.Live;

/// <summary>
/// The door of a running flash sale (<see cref="FlashSaleBook.AdmitAsync"/>): as many buyers go on as there are
/// units left, the rest wait in arrival order for a unit to come back or the sale to end.
/// </summary>
public class FlashSaleDoorTests
{
    private static readonly Guid Show = Guid.CreateVersion7();
    private static readonly Guid Product = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 20, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task TwoUnits_TwoGoOn_TheRestWait_AUnitBackLetsTheNextIn_AGivenUpWaiterLosesItsTurn_TheEndLetsEveryoneOut()
    {
        var book = new FlashSaleBook();
        var sale = new FlashSaleDto(Guid.CreateVersion7(), Product, 350m, 450m, "TWD", Now, Now.AddMinutes(10), QuantityCap: 2, PerBuyerCap: 1, Sold: 0);
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
        Assert.NotNull(book.EndedAt(Show, Product, 350m));
    }

    [Fact]
    public async Task AListPriceOrAnotherProduct_PassesStraightThrough_EvenWhenTheSaleIsFull()
    {
        var book = new FlashSaleBook();
        var sale = new FlashSaleDto(Guid.CreateVersion7(), Product, 350m, 450m, "TWD", Now, Now.AddMinutes(10), QuantityCap: 1, PerBuyerCap: 1, Sold: 0);
        book.Observe(Show, [new FlashSaleStartedEvent(1, Now, sale)]);
        using var holder = await Admit(book).WaitAsync(Patience);

        var waiting = Admit(book);
        using var atListPrice = await book.AdmitAsync(Show, [(Product, null, 450m, 1)], CancellationToken.None).WaitAsync(Patience);
        using var otherProduct = await book.AdmitAsync(Show, [(Guid.CreateVersion7(), null, 350m, 1)], CancellationToken.None).WaitAsync(Patience);
        Assert.False(waiting.IsCompleted);
    }

    private static Task<IDisposable> Admit(FlashSaleBook book, CancellationToken cancellationToken = default) =>
        book.AdmitAsync(Show, [(Product, null, 350m, 1)], cancellationToken);
}
