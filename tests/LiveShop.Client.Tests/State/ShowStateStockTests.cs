using LiveShop.Client.State;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.State;

/// <summary>Stock follows the room: stock events and the join snapshot replace the lineup item, flash sales reopen.</summary>
public sealed class ShowStateStockTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 11, 30, 0, TimeSpan.Zero);

    [Fact]
    public void StockEvent_ReplacesTheLineupItem_AndTellsThePage()
    {
        var state = LiveShow(Now);
        var before = state.Show!;
        var changed = 0;
        state.Changed += () => changed++;

        Assert.True(state.ApplyEvents([new ProductStockEvent(11, Now, Oolong, 3)]));

        Assert.Equal(3, state.ItemFor(Oolong)!.Stock);
        Assert.Equal(OolongItem with { Stock = 3 }, state.Show!.Lineup[1]);
        Assert.Equal(JadeItem, state.ItemFor(Jade));
        Assert.NotSame(before, state.Show);
        Assert.Equal(12, OolongItem.Stock);
        Assert.Equal(1, changed);
        Assert.Equal(11, state.LastSequence);
    }

    [Fact]
    public void StockEvents_AppliedInSequence_TheLatestWins_AndADuplicateChangesNothing()
    {
        var state = LiveShow(Now);

        state.ApplyEvents([new ProductStockEvent(12, Now, Oolong, 0)]);
        Assert.Equal(12, state.ItemFor(Oolong)!.Stock);
        Assert.True(state.NeedsResync);

        state.ApplyEvents([new ProductStockEvent(11, Now, Oolong, 4)]);
        Assert.Equal(0, state.ItemFor(Oolong)!.Stock);

        Assert.False(state.ApplyEvents([new ProductStockEvent(11, Now, Oolong, 4)]));
        Assert.Equal(0, state.ItemFor(Oolong)!.Stock);
    }

    [Fact]
    public void StockEvent_ForAProductNotInTheLineup_ChangesNothing()
    {
        var state = LiveShow(Now);
        var before = state.Show;

        state.ApplyEvents([new ProductStockEvent(11, Now, Guid.NewGuid(), 0)]);

        Assert.Same(before, state.Show);
        Assert.Equal(11, state.LastSequence);
    }

    [Fact]
    public void Snapshot_CarriesTheStockNow_ForAPageLoadedEarlier()
    {
        var state = new ShowState();
        state.Load(Detail(Now));
        var snapshot = new RoomSnapshot(ShowId, 40, ShowStatus.Live, Now.AddMinutes(-5), null, [], [], [], 0, new ChatSettingsDto(0, null),
            [new ProductStockDto(Jade, 0), new ProductStockDto(Oolong, 7)]);

        state.ApplyJoin(new JoinResult(ShowId, Now, snapshot, [], new RoomStats(ShowId, 1, 1, 0, 0, Now)), Now);

        Assert.Equal((0, 7), (state.ItemFor(Jade)!.Stock, state.ItemFor(Oolong)!.Stock));
    }

    [Fact]
    public void ReopenedSale_ShowsAgainAfterItEnded_WithItsUnitsLeft()
    {
        var state = LiveShow(Now, jadeOnSale: true);
        var sale = JadeSale(Now);
        state.ApplyEvents([new FlashSaleEndedEvent(11, Now, sale.Id, Jade, FlashSaleEndReason.SoldOut, sale.QuantityCap)]);
        Assert.Null(state.SaleFor(Jade, Now));

        state.ApplyEvents([new FlashSaleReopenedEvent(12, Now, sale with { Sold = sale.QuantityCap - 1 })]);

        var reopened = state.SaleFor(Jade, Now);
        Assert.NotNull(reopened);
        Assert.Equal((sale.Id, 1), (reopened.Id, reopened.Remaining));
        Assert.Equal(490m, state.PriceOf(Jade, Now)!.Unit);
    }

    [Fact]
    public void StreamSyncedView_ShowsAReopenedSaleAgain_HeldLikeTheEndUntilTheVideoReachesIt()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var state = LiveShow(Now, jadeOnSale: true);
        using var view = new StreamSyncedView(state, time);
        var sale = JadeSale(Now);
        view.SetPlayingDate(Now.AddSeconds(-5));

        state.ApplyEvents([new FlashSaleEndedEvent(11, Now, sale.Id, Jade, FlashSaleEndReason.SoldOut, sale.QuantityCap)]);
        state.ApplyEvents([new FlashSaleReopenedEvent(12, Now, sale with { Sold = 18 })]);
        Assert.Equal(2, view.HeldCount);
        Assert.Equal(17, view.SaleFor(Jade, Now)!.Remaining);

        view.SetPlayingDate(Now);

        Assert.Equal(0, view.HeldCount);
        Assert.Equal((sale.Id, 2), (view.SaleFor(Jade, Now)!.Id, view.SaleFor(Jade, Now)!.Remaining));
    }
}
