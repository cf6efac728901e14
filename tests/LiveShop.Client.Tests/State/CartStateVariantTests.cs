using LiveShop.Client.Services;
using LiveShop.Client.State;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using Microsoft.Extensions.Time.Testing;
using static LiveShop.Client.Tests.VariantTestData;

namespace LiveShop.Client.Tests.State;

/// <summary>The cart and the room state with a product sold as variants.</summary>
public sealed class CartStateVariantTests
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
    public void Add_TwoColoursOfOneScarf_TwoLinesEachOrderedWithItsVariantAndPrice()
    {
        var cart = Cart(VariantTestData.LiveShow(Now));

        cart.Add(ScarfItem, variantId: Red);
        cart.Add(ScarfItem, 2, variantId: Green);
        cart.Add(ScarfItem, variantId: Red);

        Assert.Equal([("Red", 2), ("Green", 2)], cart.Lines.Select(l => (l.VariantLabel, l.Quantity)));
        Assert.Equal(
            [new PlaceOrderLine(Scarf, 2, 1200m, Red), new PlaceOrderLine(Scarf, 2, 1400m, Green)],
            cart.OrderLines());
        Assert.Equal(2 * 1200m + 2 * 1400m, cart.Total);

        cart.Remove(Scarf, Red);
        Assert.Equal([Green], cart.Lines.Select(l => l.VariantId));
    }

    [Fact]
    public void Add_ProductWithVariantsWithoutOne_IsRefusedAndNothingIsAdded()
    {
        var cart = Cart(VariantTestData.LiveShow(Now));

        Assert.Throws<ArgumentException>(() => cart.Add(ScarfItem));

        Assert.True(cart.IsEmpty);
    }

    [Fact]
    public void PriceOf_FlashSaleForRedOnly_AppliesToTheRedLineAlone()
    {
        var cart = Cart(VariantTestData.LiveShow(Now, ScarfSale(Now, Red)));

        cart.Add(ScarfItem, variantId: Red);
        cart.Add(ScarfItem, variantId: Green);

        Assert.Equal(
            [new PlaceOrderLine(Scarf, 1, 900m, Red), new PlaceOrderLine(Scarf, 1, 1400m, Green)],
            cart.OrderLines());
        Assert.NotNull(cart.PriceOf(cart.Lines[0]).Sale);
        Assert.Null(cart.PriceOf(cart.Lines[1]).Sale);
    }

    [Fact]
    public void PriceOf_SaleOnAllColours_PerBuyerCapCountsAcrossTheLines()
    {
        // Five per buyer: three red fit, and only two more green would.
        var cart = Cart(VariantTestData.LiveShow(Now, ScarfSale(Now)));

        cart.Add(ScarfItem, 3, variantId: Red);
        cart.Add(ScarfItem, 3, variantId: Green);

        Assert.Equal(900m, cart.PriceOf(cart.Lines[0]).Unit);
        var green = cart.PriceOf(cart.Lines[1]);
        Assert.Equal(1400m, green.Unit);
        Assert.Contains("up to 2 more for you", green.FlashNote, StringComparison.Ordinal);
    }

    [Fact]
    public void OrderLines_PriceAgreedForOneColour_LeavesTheOtherAtItsOwnPrice()
    {
        var cart = Cart(VariantTestData.LiveShow(Now));
        cart.Add(ScarfItem, variantId: Red);
        cart.Add(ScarfItem, variantId: Green);

        var lines = cart.OrderLines(new Dictionary<CartLineKey, decimal> { [new CartLineKey(Scarf, Red)] = 1250m });

        Assert.Equal([new PlaceOrderLine(Scarf, 1, 1250m, Red), new PlaceOrderLine(Scarf, 1, 1400m, Green)], lines);
    }

    [Fact]
    public void Restore_KeptVariantsComeBack_LinesWithoutAKnownVariantAreDropped()
    {
        var cart = Cart(VariantTestData.LiveShow(Now));
        var kept = CartStorage.Parse(CartStorage.Serialize(
            [new SavedCartLine(Scarf, 2, Red), new SavedCartLine(Scarf, 1), new SavedCartLine(Scarf, 1, Guid.NewGuid()), new SavedCartLine(Tee, 1, BlackM)]));

        Assert.True(cart.Restore(kept));

        Assert.Equal([(Scarf, (Guid?)Red, "Red", 2), (Tee, BlackM, "Black / M", 1)], cart.Lines.Select(l => (l.ProductId, l.VariantId, l.VariantLabel, l.Quantity)));
    }

    [Fact]
    public void ProductStockEvent_WithVariants_UpdatesEachVariantsStockInTheLineup()
    {
        var show = VariantTestData.LiveShow(Now);

        show.ApplyEvents([new ProductStockEvent(11, Now, Scarf, 4, [new VariantStockDto(Red, 1), new VariantStockDto(Green, 3)])]);

        var scarf = show.ItemFor(Scarf)!;
        Assert.Equal(4, scarf.Stock);
        Assert.Equal([1, 0, 3], scarf.Variants!.Select(v => v.Stock));
    }

    [Fact]
    public void Snapshot_WithVariantStock_ReplacesTheLineupsVariantStock()
    {
        var show = new ShowState();
        show.Load(ShopTestData.Detail(Now) with { Lineup = [ScarfItem] });
        var snapshot = new RoomSnapshot(ShowId, 20, LiveShop.Shared.Shows.ShowStatus.Live, Now, null, [], [], [], 0, new ChatSettingsDto(0, null),
            [new ProductStockDto(Scarf, 2, [new VariantStockDto(Red, 0), new VariantStockDto(Blue, 2), new VariantStockDto(Green, 0)])]);

        show.ApplyJoin(new JoinResult(ShowId, Now, snapshot, [], new RoomStats(ShowId, 1, 1, 0, 0, Now)), Now);

        Assert.Equal([0, 2, 0], show.ItemFor(Scarf)!.Variants!.Select(v => v.Stock));
    }
}
