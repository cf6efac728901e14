using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.Extensions.Time.Testing;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.State;

public sealed class CartStateTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 11, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);

    private CartState Cart(ShowState show)
    {
        var cart = new CartState(_clock);
        cart.Attach(show);
        return cart;
    }

    [Fact]
    public void Add_SameProductTwice_OneLineWithBothUnits()
    {
        var cart = Cart(LiveShow(Now));

        cart.Add(JadeItem);
        cart.Add(JadeItem, 2);

        var line = Assert.Single(cart.Lines);
        Assert.Equal(3, line.Quantity);
        Assert.Equal(3, cart.Count);
        Assert.Equal(3 * 690m, cart.Total);
    }

    [Fact]
    public void SetQuantityAndAdd_KeepEachLineBetweenOneAndNinetyNine()
    {
        var cart = Cart(LiveShow(Now));
        cart.Add(JadeItem);

        cart.SetQuantity(Jade, 0);
        Assert.Equal(1, cart.Lines[0].Quantity);
        cart.SetQuantity(Jade, 250);
        Assert.Equal(Limits.OrderMaxQuantity, cart.Lines[0].Quantity);
        cart.Add(JadeItem);
        Assert.Equal(Limits.OrderMaxQuantity, cart.Lines[0].Quantity);
    }

    [Fact]
    public void PriceOf_FollowsTheFlashSaleAsItStartsAndEnds()
    {
        var show = LiveShow(Now);
        var cart = Cart(show);
        cart.Add(JadeItem, 2);
        var changes = 0;
        cart.Changed += () => changes++;
        Assert.Equal(1380m, cart.Total);

        show.ApplyEvents([new FlashSaleStartedEvent(11, Now, JadeSale(Now))]);
        Assert.Equal(new ProductPrice(490m, 690m, Currencies.Twd, JadeSale(Now)), cart.PriceOf(Jade));
        Assert.Equal(980m, cart.Total);

        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.False(cart.PriceOf(Jade).IsFlash);
        Assert.Equal(1380m, cart.Total);
        Assert.Equal(1, changes);
    }

    [Fact]
    public void OrderLines_AskForThePricesShownExceptWhereTheBuyerAgreedToANewOne()
    {
        var cart = Cart(LiveShow(Now, jadeOnSale: true));
        cart.Add(JadeItem, 2);
        cart.Add(OolongItem);

        Assert.Equal([new PlaceOrderLine(Jade, 2, 490m), new PlaceOrderLine(Oolong, 1, 480m)], cart.OrderLines());
        Assert.Equal(
            [new PlaceOrderLine(Jade, 2, 690m), new PlaceOrderLine(Oolong, 1, 480m)],
            cart.OrderLines(new Dictionary<Guid, decimal> { [Jade] = 690m }));
    }

    [Fact]
    public void PriceOf_ALineOverThePerBuyerCap_IsAtTheListPriceWithTheReason()
    {
        var cart = Cart(LiveShow(Now, jadeOnSale: true)); // 490 instead of 690, 2 per buyer, 17 left
        cart.Add(JadeItem, 2);
        Assert.Equal(490m, cart.PriceOf(cart.Lines[0]).Unit);
        Assert.Null(cart.PriceOf(cart.Lines[0]).FlashNote);

        cart.SetQuantity(Jade, 3);

        var price = cart.PriceOf(cart.Lines[0]);
        Assert.Equal((690m, false), (price.Unit, price.IsFlash));
        Assert.Equal("The flash price NT$490 is 2 per buyer: up to 2 more for you.", price.FlashNote);
        Assert.Equal(3 * 690m, cart.Total);
        Assert.Equal([new PlaceOrderLine(Jade, 3, 690m)], cart.OrderLines());
    }

    [Fact]
    public void PriceOf_AfterTheBuyersOwnFlashOrder_CountsItAgainstTheCap()
    {
        var cart = Cart(LiveShow(Now, jadeOnSale: true));
        var order = Order("2001", OrderStatus.Paid, Now, unitPrice: 490m, quantity: 1);
        cart.Placed(order with { Lines = [order.Lines[0] with { FlashSaleId = JadeSaleId }] });

        cart.Add(JadeItem);
        Assert.Equal(490m, cart.PriceOf(cart.Lines[0]).Unit);
        cart.SetQuantity(Jade, 2);
        Assert.Equal(690m, cart.PriceOf(cart.Lines[0]).Unit);
        Assert.Equal("The flash price NT$490 is 2 per buyer: up to 1 more for you.", cart.PriceOf(cart.Lines[0]).FlashNote);

        var changes = 0;
        cart.Changed += () => changes++;
        cart.HoldsFlashUnits(JadeSaleId, 2);
        cart.SetQuantity(Jade, 1);
        Assert.Equal(690m, cart.PriceOf(cart.Lines[0]).Unit);
        Assert.Equal("The flash price NT$490 is 2 per buyer: you have yours.", cart.PriceOf(cart.Lines[0]).FlashNote);
        Assert.Equal(2, changes);
    }

    [Fact]
    public void PriceOf_MoreThanTheUnitsLeftAtTheFlashPrice_IsAtTheListPrice()
    {
        var show = LiveShow(Now);
        var cart = Cart(show);
        show.ApplyEvents([new FlashSaleStartedEvent(11, Now, JadeSale(Now) with { PerBuyerCap = 10, QuantityCap = 5, Sold = 3 })]);
        cart.Add(JadeItem, 2);
        Assert.Equal(490m, cart.PriceOf(cart.Lines[0]).Unit);

        cart.SetQuantity(Jade, 3);

        Assert.Equal(690m, cart.PriceOf(cart.Lines[0]).Unit);
        Assert.Equal("Only 2 left at the flash price NT$490.", cart.PriceOf(cart.Lines[0]).FlashNote);
    }

    [Fact]
    public void PriceOf_ALineTappedAtAFlashPriceThatEnded_SaysItEnded()
    {
        var show = LiveShow(Now);
        var cart = Cart(show);

        // The video (behind the room) still showed the flash price when the buyer tapped; the room's sale had sold out.
        cart.Add(JadeItem, seenSale: JadeSale(Now));

        var price = cart.PriceOf(cart.Lines[0]);
        Assert.Equal((690m, false), (price.Unit, price.IsFlash));
        Assert.Equal("The flash price NT$490 has ended.", price.FlashNote);
    }

    [Fact]
    public void PriceOf_ALineTappedAtAFlashPriceThatStillRuns_HasNoNote()
    {
        var cart = Cart(LiveShow(Now, jadeOnSale: true));

        cart.Add(JadeItem, seenSale: JadeSale(Now));

        Assert.Equal(490m, cart.PriceOf(cart.Lines[0]).Unit);
        Assert.Null(cart.PriceOf(cart.Lines[0]).FlashNote);
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal("The flash price NT$490 has ended.", cart.PriceOf(cart.Lines[0]).FlashNote);
    }

    [Fact]
    public void PriceOf_ANewerFlashPriceRunsAfterTheOneTheBuyerSaw_NoNote_AndATapWithoutASaleForgetsIt()
    {
        var show = LiveShow(Now);
        var cart = Cart(show);
        cart.Add(JadeItem, seenSale: JadeSale(Now));
        var newer = JadeSale(Now) with { Id = Guid.NewGuid(), Price = 450m };
        show.ApplyEvents([new FlashSaleStartedEvent(11, Now, newer)]);

        Assert.Equal(450m, cart.PriceOf(cart.Lines[0]).Unit);
        Assert.Null(cart.PriceOf(cart.Lines[0]).FlashNote);

        var plain = LiveShow(Now);
        var again = Cart(plain);
        again.Add(JadeItem, seenSale: JadeSale(Now));
        Assert.NotNull(again.PriceOf(again.Lines[0]).FlashNote);
        again.Add(JadeItem); // tapped again with no flash price on screen
        Assert.Null(again.PriceOf(again.Lines[0]).FlashNote);
    }

    [Fact]
    public void Add_BeyondTheLinesAnOrderHolds_IsRefused()
    {
        var lineup = Enumerable.Range(0, Limits.OrderMaxLines + 1)
            .Select(i => new LineupItemDto(Guid.NewGuid(), $"SKU-{i}", $"Product {i}", "https://img.example/p.jpg", 100m, Currencies.Twd, 5, i))
            .ToList();
        var show = new ShowState();
        show.Load(Detail(Now) with { Lineup = lineup });
        var cart = Cart(show);

        Assert.All(lineup.Take(Limits.OrderMaxLines), item => Assert.True(cart.Add(item)));
        Assert.False(cart.Add(lineup[^1]));
        Assert.Equal(Limits.OrderMaxLines, cart.Lines.Count);
        Assert.True(cart.Add(lineup[0]));
    }

    [Fact]
    public void Attach_AnotherShow_EmptiesTheCart_TheSameShowAgain_KeepsIt()
    {
        var cart = Cart(LiveShow(Now));
        cart.Add(JadeItem);

        cart.Attach(LiveShow(Now));
        Assert.Single(cart.Lines);

        var other = new ShowState();
        other.Load(Detail(Now) with { Id = Guid.NewGuid() });
        cart.Attach(other);
        Assert.True(cart.IsEmpty);
    }

    [Fact]
    public void Detach_StopsFollowingThatPage()
    {
        var show = LiveShow(Now);
        var cart = Cart(show);
        cart.Add(JadeItem);
        var changes = 0;
        cart.Changed += () => changes++;

        cart.Detach(show);
        show.ApplyEvents([new FlashSaleStartedEvent(11, Now, JadeSale(Now))]);

        Assert.Equal(0, changes);
        Assert.Single(cart.Lines);
    }
}
