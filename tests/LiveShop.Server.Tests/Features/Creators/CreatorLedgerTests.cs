using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Creators;
using LiveShop.Server.Features.Orders;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Sales;

namespace LiveShop.Server.Tests.Features.Creators;

/// <summary>
/// The creators' money as pure arithmetic (issue 17's property tests): random buyer paths mixing creators, store
/// staff-style team links and hosts over orders of several brands, with refunds; for every model each brand's
/// creator credits plus the rest equal its GMV net of refunds, and every commission is the sum of its lines' cents.
/// </summary>
public class CreatorLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan HalfLife = TimeSpan.FromHours(24);

    [Fact]
    public void RandomPaths_EveryModel_EachBrandsCreditsSumToItsNetGmv_AndCommissionsAreTheLinesCents()
    {
        var random = new Random(20261207);
        var brands = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var people = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();   // creators 0–4, team 5–7
        var codes = people.Select((p, i) => Enumerable.Range(0, 3).Select(k => (Code: $"L{i}{k}", Person: p, ByCreator: i < 5)).ToArray()).SelectMany(c => c).ToArray();
        var creatorCodes = codes.Where(c => c.ByCreator).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var orders = Enumerable.Range(0, 400).Select(_ => RandomOrder(random, brands[random.Next(brands.Length)], codes)).ToList();

        foreach (var model in Enum.GetValues<AttributionModel>())
        {
            foreach (var brand in brands)
            {
                var mine = orders.Where(o => o.ShopId == brand).ToList();
                var gmv = mine.Sum(o => o.NetTotal);
                var creators = 0m;
                var rest = 0m;
                foreach (var order in mine)
                {
                    var shares = CreatorLedger.Shares(order, model, HalfLife, creatorCodes);
                    creators += shares.Sum(s => s.Gmv);
                    rest += order.Touches.Count == 0 || order.NetTotal == 0
                        ? order.NetTotal
                        : order.Credits(model, HalfLife).Where(c => !creatorCodes.Contains(c.Code)).Sum(c => c.Amount);
                    foreach (var share in shares)
                    {
                        Assert.Equal(share.Gmv, share.Lines.Sum(l => l.Gmv));
                        Assert.Equal(share.OpenedGmv, share.Links.Values.Sum(l => l.Gmv));
                        Assert.All(share.Opened, l => Assert.Contains(order.CreatorRates, r => r.CreatorId == share.CreatorId && r.LineNumber == l.Line.LineNumber));
                        Assert.Equal(share.Commission, share.Links.Values.Sum(l => l.Commission));
                        Assert.Equal(share.Commission, share.Lines.Sum(l => decimal.Round(l.Gmv * l.Rate, 2, MidpointRounding.AwayFromZero)));
                        Assert.All(share.Lines, l => Assert.Equal(l.Gmv * 100, decimal.Truncate(l.Gmv * 100)));
                        Assert.All(share.Links.Keys, code => Assert.Contains(code, creatorCodes));
                        Assert.True(share.Commission <= decimal.Round(share.Gmv * 0.5m, 2) + 0.01m * share.Lines.Count);
                    }
                }

                Assert.True(creators + rest == gmv, $"{model}, brand {brand}: {creators} + {rest} ≠ {gmv}");
            }
        }
    }

    [Fact]
    public void ARateOnlyForChosenLines_OtherLinesEarnNothing_AndAFullyRefundedOrderEarnsNothing()
    {
        var creator = Guid.NewGuid();
        var order = NewOrder(Guid.NewGuid());
        order.AddLine(Guid.NewGuid(), "Oil", "", 2, 18.50m, 18.50m, null);
        order.AddLine(Guid.NewGuid(), "Soap", "", 1, 6m, 6m, null);
        order.CreditTouches([new OrderTouch("C1", creator, Now.AddHours(-1))]);
        order.RateForCreator(creator, 1, 0.15m);

        var share = Assert.Single(CreatorLedger.Shares(order, AttributionModel.LastTouch, HalfLife, new HashSet<string> { "C1" }));
        Assert.Equal((43m, 5.55m), (share.Gmv, share.Commission));
        Assert.Equal([0.15m, 0m], share.Lines.Select(l => l.Rate));

        foreach (var line in order.Lines)
        {
            line.Refund(line.Quantity);
        }

        order.AddRefund(43m, Now);
        Assert.Empty(CreatorLedger.Shares(order, AttributionModel.LastTouch, HalfLife, new HashSet<string> { "C1" }));
    }

    [Fact]
    public void Commission_IsConfirmedOnlyAfterDeliveryAndTheReturnPeriod()
    {
        var order = NewOrder(Guid.NewGuid());
        order.AddLine(Guid.NewGuid(), "Tea", "", 1, 10m, 10m, null);
        var week = TimeSpan.FromDays(7);
        Assert.False(CreatorLedger.IsConfirmed(order, Now.AddDays(30), week));

        order.MoveTo(OrderStatus.Paid, Now, null, null);
        order.MoveTo(OrderStatus.Packed, Now, null, null);
        order.MoveTo(OrderStatus.Shipped, Now, null, null);
        order.MoveTo(OrderStatus.Delivered, Now.AddDays(1), null, null);
        Assert.False(CreatorLedger.IsConfirmed(order, Now.AddDays(7), week));
        Assert.True(CreatorLedger.IsConfirmed(order, Now.AddDays(8), week));
    }

    private static Order RandomOrder(Random random, Guid brand, (string Code, Guid Person, bool ByCreator)[] codes)
    {
        var order = NewOrder(brand);
        var lines = random.Next(1, 4);
        for (var i = 0; i < lines; i++)
        {
            order.AddLine(Guid.NewGuid(), $"P{i}", "", random.Next(1, 5), random.Next(1, 500_000) / 100m, 0m, null);
        }

        var touches = Enumerable.Range(0, random.Next(0, 6))
            .Select(_ => codes[random.Next(codes.Length)])
            .Select(c => new OrderTouch(c.Code, c.Person, Now.AddMinutes(-random.Next(0, 60 * 24 * 14))))
            .OrderBy(t => t.TouchedAt)
            .ToList();
        order.CreditTouches(touches);
        foreach (var creator in touches.Where(t => t.Code[1] < '5').Select(t => t.CreditedToId).Distinct())
        {
            foreach (var line in order.Lines.Where(_ => random.Next(3) > 0))
            {
                order.RateForCreator(creator, line.LineNumber, random.Next(0, 5001) / 10_000m);
            }
        }

        // Some orders lose units to refunds (the lines' units and the order's amount together, as refunds do).
        foreach (var line in order.Lines.Where(_ => random.Next(4) == 0))
        {
            var units = random.Next(1, line.Quantity + 1);
            line.Refund(units);
            order.AddRefund(line.UnitPrice * units, Now);
        }

        return order;
    }

    private static Order NewOrder(Guid brand)
    {
        var order = new Order(Guid.NewGuid(), "T" + Guid.NewGuid().ToString("N")[..7], Guid.NewGuid(), "Buyer", Guid.NewGuid(), Guid.NewGuid(), null, SalesChannel.Link, "TWD",
            new ShippingAddress("Wang", "Lane 3", null, "Taipei", "106", "Taiwan", "+886 912 345 678"), PaymentMethod.Card, "4242", Guid.NewGuid().ToString(), "hash", Now);
        order.SoldBy(brand);
        return order;
    }
}
