using LiveShop.Client.State;
using LiveShop.Shared;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Orders;
using Microsoft.Extensions.Time.Testing;
using static LiveShop.Client.Tests.ShopTestData;
using static LiveShop.Client.Tests.TestDoubles.ClaimFixtures;

namespace LiveShop.Client.Tests.State;

/// <summary>A held "+1" claim in the cart: its own line, one unit at the claim's price, and the order line names the claim.</summary>
public sealed class CartStateClaimTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 11, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);

    private CartState Cart(bool jadeOnSale = false)
    {
        var cart = new CartState(_clock);
        cart.Attach(LiveShow(Now, jadeOnSale));
        return cart;
    }

    [Fact]
    public void AddClaim_OneUnitAtTheClaimsPrice_EvenDuringAFlashSale_AndItsQuantityCannotChange()
    {
        var cart = Cart(jadeOnSale: true);
        var claim = Claim(1, ChatClaimStatus.Held, Now, price: 650m);

        Assert.Equal(AddClaimResult.Added, cart.AddClaim(claim));
        Assert.Equal(AddClaimResult.Added, cart.AddClaim(claim));
        cart.SetQuantity(Jade, 5);

        var line = Assert.Single(cart.Lines);
        Assert.Equal(1, line.Quantity);
        Assert.Equal(650m, cart.PriceOf(line).Unit);
        Assert.Null(cart.PriceOf(line).Sale);
        Assert.Equal(650m, cart.Total);
    }

    [Fact]
    public void ClaimLine_OrdersTheClaimAtItsPrice_BesideOrdinaryLinesPricedAsTheyAre()
    {
        var cart = Cart();
        var claim = Claim(1, ChatClaimStatus.Held, Now, price: 650m);
        cart.AddClaim(claim);
        cart.Add(OolongItem, 2);

        Assert.Equal(
            [new PlaceOrderLine(Jade, 1, 650m, null, claim.Id), new PlaceOrderLine(Oolong, 2, 480m)],
            cart.OrderLines(new Dictionary<CartLineKey, decimal>()));

        cart.Remove(Jade);
        Assert.Equal(2, cart.Lines.Count);
        cart.RemoveClaim(claim.Id);
        Assert.Equal(Oolong, Assert.Single(cart.Lines).ProductId);
    }

    /// <summary>An order has one line per product (variant): the server refuses the same one twice.</summary>
    [Fact]
    public void OneLinePerProduct_AClaimAndMoreUnitsOfTheSameProductWaitForEachOther()
    {
        var cart = Cart();
        var claim = Claim(1, ChatClaimStatus.Held, Now, price: 650m);
        cart.AddClaim(claim);

        Assert.True(cart.HasClaimFor(Jade, null));
        Assert.False(cart.Add(JadeItem));
        Assert.Equal(AddClaimResult.SameItemInCart, cart.AddClaim(Claim(2, ChatClaimStatus.Held, Now, price: 650m)));
        Assert.Equal(claim.Id, Assert.Single(cart.Lines).ClaimId);

        cart.RemoveClaim(claim.Id);
        cart.Add(JadeItem);
        Assert.Equal(AddClaimResult.SameItemInCart, cart.AddClaim(claim));
        Assert.Null(Assert.Single(cart.Lines).ClaimId);
    }

    [Fact]
    public void AddClaim_NotHeld_AddsNothing()
    {
        var cart = Cart();

        Assert.Equal(AddClaimResult.NotHeld, cart.AddClaim(Claim(1, ChatClaimStatus.Waiting, Now, waitPosition: 2)));
        Assert.Equal(AddClaimResult.NotHeld, cart.AddClaim(Claim(2, ChatClaimStatus.Expired, Now)));

        Assert.True(cart.IsEmpty);
    }

    [Fact]
    public void Placed_TheClaimsInTheOrderAreKnownAsPaid()
    {
        var cart = Cart();
        var claim = Claim(1, ChatClaimStatus.Held, Now, price: 650m);
        cart.AddClaim(claim);

        cart.Placed(Order("1050", OrderStatus.Paid, Now, unitPrice: 650m, quantity: 1));

        Assert.Equal([claim.Id], cart.PlacedClaims);
    }

    [Fact]
    public void AddClaim_CartFull_IsRefused()
    {
        var cart = Cart();
        for (var n = 1; n <= Limits.OrderMaxLines; n++)
        {
            Assert.Equal(AddClaimResult.Added, cart.AddClaim(Claim(n, ChatClaimStatus.Held, Now, productId: Guid.NewGuid())));
        }

        Assert.Equal(AddClaimResult.CartFull, cart.AddClaim(Claim(99, ChatClaimStatus.Held, Now, productId: Guid.NewGuid())));
        Assert.Equal(Limits.OrderMaxLines, cart.Lines.Count);
    }
}
