using LiveShop.Client.Components.Sales;
using LiveShop.Shared.Orders;
using static LiveShop.Client.Tests.TestDoubles.SalesFixtures;

namespace LiveShop.Client.Tests.Components.Sales;

public sealed class SalesDashboardStateTests
{
    [Fact]
    public void ApplyReload_StartedBeforeAPush_KeepsThePushedNumbers()
    {
        var state = new SalesDashboardState();
        state.ApplyReload(state.BeginReload(), Dashboard(), Orders(), Links());

        var ticket = state.BeginReload();
        state.ApplyPushedSummary(Summary(gmv: 4_960m, orders: 3));
        state.ApplyReload(ticket, Dashboard(Summary(gmv: 3_500m)), Orders(), Links());

        Assert.Equal(4_960m, state.Summary!.Gmv);
    }

    [Fact]
    public void ApplyReload_StartedAfterThePush_TakesTheReloadedNumbers()
    {
        var state = new SalesDashboardState();
        state.ApplyPushedSummary(Summary(gmv: 4_960m, orders: 3));

        state.ApplyReload(state.BeginReload(), Dashboard(Summary(gmv: 5_950m, orders: 4)), Orders(), Links());

        Assert.Equal(5_950m, state.Summary!.Gmv);
    }

    [Fact]
    public void ApplyReload_OlderThanAShippedOrder_KeepsItShipped()
    {
        var state = new SalesDashboardState();
        state.ApplyReload(state.BeginReload(), Dashboard(), Orders(), Links());
        var ticket = state.BeginReload();
        state.ApplyOrder(state.Orders[0] with { Status = OrderStatus.Shipped, UpdatedAt = WentLive.AddHours(1) });

        state.ApplyReload(ticket, Dashboard(), Orders(), Links());

        Assert.Equal(OrderStatus.Shipped, state.Orders.Single(o => o.Id == PaidOrderId).Status);
    }

    [Fact]
    public void ApplyReload_MissingANewLink_KeepsTheLink()
    {
        var state = new SalesDashboardState();
        state.ApplyReload(state.BeginReload(), Dashboard(), Orders(), Links());
        var ticket = state.BeginReload();
        var fresh = Links()[0] with { Code = "NEW1", Path = "/r/NEW1", CreatedAt = WentLive.AddHours(1) };
        state.AddLink(fresh);

        state.ApplyReload(ticket, Dashboard(), Orders(), Links());

        Assert.Equal(["NEW1", "MEI7"], state.Links.Select(l => l.Code));
    }
}
