using LiveShop.Client.State;
using LiveShop.Shared.Orders;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.State;

public sealed class OrdersStateTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 11, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Load_KeepsNewestFirst()
    {
        var state = new OrdersState();

        state.Load([Order("1", OrderStatus.Paid, Now.AddDays(-1)), Order("3", OrderStatus.Paid, Now), Order("2", OrderStatus.Paid, Now.AddHours(-1))]);

        Assert.True(state.Loaded);
        Assert.Equal(["3", "2", "1"], state.Orders.Select(o => o.Number));
    }

    [Fact]
    public void Apply_NewerCopy_ReplacesInPlace_StaleCopy_IsIgnored()
    {
        var id = Guid.NewGuid();
        var state = new OrdersState();
        state.Load([Order("1", OrderStatus.PendingPayment, Now.AddMinutes(-5), id: id), Order("2", OrderStatus.Paid, Now.AddMinutes(-1))]);

        Assert.True(state.Apply(Order("1", OrderStatus.Paid, Now.AddMinutes(-5), id: id, updatedAt: Now)));
        Assert.False(state.Apply(Order("1", OrderStatus.PendingPayment, Now.AddMinutes(-5), id: id, updatedAt: Now.AddMinutes(-4))));

        Assert.Equal(["2", "1"], state.Orders.Select(o => o.Number));
        Assert.Equal(OrderStatus.Paid, state.Orders[1].Status);
    }

    [Fact]
    public void Apply_BeforeTheListLoads_IsKeptAndMergedWithIt()
    {
        var id = Guid.NewGuid();
        var state = new OrdersState();

        state.Apply(Order("1", OrderStatus.Shipped, Now.AddMinutes(-5), id: id, updatedAt: Now));
        state.Load([Order("1", OrderStatus.Paid, Now.AddMinutes(-5), id: id, updatedAt: Now.AddMinutes(-2))]);

        Assert.Equal(OrderStatus.Shipped, Assert.Single(state.Orders).Status);
    }
}
