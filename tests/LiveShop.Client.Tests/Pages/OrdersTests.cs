using System.Net;
using LiveShop.Client.Pages;
using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.Extensions.DependencyInjection;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.Pages;

public sealed class OrdersTests : BunitTestBase
{
    private readonly FakeApi _api;
    private readonly FakeOrderUpdates _updates;

    public OrdersTests()
        : this(new FakeApi(), new FakeOrderUpdates())
    {
    }

    private OrdersTests(FakeApi api, FakeOrderUpdates updates)
        : base(services => services.AddSingleton(api.Client()).AddSingleton<IOrderUpdates>(updates))
    {
        _api = api;
        _updates = updates;
    }

    [Fact]
    public void Render_LineOfAVariant_ShowsItsVariantLabel()
    {
        var scarf = Order("1010", OrderStatus.Paid, DeviceNow) with
        {
            Lines =
            [
                new OrderLineDto(VariantTestData.Scarf, "Silk scarf", VariantTestData.ScarfItem.ImageUrl, 1, 1200m, 1200m, null, 1200m, VariantTestData.Red, "Red"),
                new OrderLineDto(Jade, "Jade Face Roller", JadeItem.ImageUrl, 1, 690m, 690m, null, 690m),
            ],
        };
        _api.Answer(HttpMethod.Get, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.OK, new[] { scarf }));

        var page = Ctx.Render<Orders>();

        page.WaitForAssertion(() => Assert.Equal("· Red", Assert.Single(page.FindAll("[data-testid=order-line-variant]")).TextContent.Trim()));
        Assert.Equal("1 × Silk scarf (Red), 1 × Jade Face Roller", LiveShop.Client.Components.Sales.SalesFormat.Lines(scarf.Lines));
    }

    [Fact]
    public void Render_Orders_NewestFirstWithStatusTotalAndLines()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.OK, new[]
        {
            Order("1001", OrderStatus.Shipped, DeviceNow.AddDays(-2), unitPrice: 690m, quantity: 1),
            Order("1007", OrderStatus.Paid, DeviceNow.AddMinutes(-3), unitPrice: 490m, quantity: 2),
        }));

        var page = Ctx.Render<Orders>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-order-id]").Count));
        var orders = page.FindAll("[data-order-id]");
        Assert.Equal("order-1007", orders[0].GetAttribute("data-testid"));
        Assert.Equal("order-1001", orders[1].GetAttribute("data-testid"));
        Assert.Equal("Paid", page.Find("[data-testid=order-status-1007]").TextContent.Trim());
        Assert.Equal("Shipped", page.Find("[data-testid=order-status-1001]").TextContent.Trim());
        Assert.Equal("NT$980", page.Find("[data-testid=order-total-1007]").TextContent.Trim());
        Assert.Contains("Jade Face Roller", orders[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Spring beauty haul", orders[0].TextContent, StringComparison.Ordinal);
        Assert.True(_updates.Started);
    }

    [Fact]
    public async Task Push_StatusChange_AppearsWithoutReload()
    {
        var id = Guid.NewGuid();
        var paid = Order("1007", OrderStatus.Paid, DeviceNow.AddMinutes(-3), id: id);
        _api.Answer(HttpMethod.Get, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.OK, new[] { paid }));
        var page = Ctx.Render<Orders>();
        page.WaitForAssertion(() => Assert.Equal("Paid", page.Find("[data-testid=order-status-1007]").TextContent.Trim()));

        await _updates.PushAsync(paid with { Status = OrderStatus.Shipped, UpdatedAt = DeviceNow });

        page.WaitForAssertion(() => Assert.Equal("Shipped", page.Find("[data-testid=order-status-1007]").TextContent.Trim()));
        Assert.Single(page.FindAll("[data-order-id]"));
        Assert.Single(_api.Sent, s => s.Path == ApiRoutes.Orders);
    }

    [Fact]
    public async Task Reconnected_AfterADrop_SaysSoThenLoadsAgain_AShipmentPushedMeanwhileAppears()
    {
        var id = Guid.NewGuid();
        var paid = Order("1007", OrderStatus.Paid, DeviceNow.AddMinutes(-3), id: id);
        var shipped = paid with { Status = OrderStatus.Shipped, UpdatedAt = DeviceNow };
        _api.Answer(HttpMethod.Get, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.OK, new[] { paid }), FakeApi.Json(HttpStatusCode.OK, new[] { shipped }));
        var page = Ctx.Render<Orders>();
        page.WaitForAssertion(() => Assert.Equal("Paid", page.Find("[data-testid=order-status-1007]").TextContent.Trim()));

        await page.InvokeAsync(() => _updates.ChangeStateAsync(LiveConnectionState.Reconnecting));
        page.WaitForAssertion(() => Assert.Contains("reconnecting", page.Find("[data-testid=orders-reconnecting]").TextContent, StringComparison.Ordinal));

        await page.InvokeAsync(() => _updates.ChangeStateAsync(LiveConnectionState.Connected));

        page.WaitForAssertion(() => Assert.Equal("Shipped", page.Find("[data-testid=order-status-1007]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=orders-reconnecting]"));
        Assert.Equal(2, _api.Sent.Count(s => s.Path == ApiRoutes.Orders));
    }

    [Fact]
    public async Task Push_Stale_DoesNotTurnTheStatusBack()
    {
        var id = Guid.NewGuid();
        var shipped = Order("1007", OrderStatus.Shipped, DeviceNow.AddMinutes(-3), id: id, updatedAt: DeviceNow);
        _api.Answer(HttpMethod.Get, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.OK, new[] { shipped }));
        var page = Ctx.Render<Orders>();
        page.WaitForAssertion(() => Assert.Equal("Shipped", page.Find("[data-testid=order-status-1007]").TextContent.Trim()));

        await _updates.PushAsync(shipped with { Status = OrderStatus.Paid, UpdatedAt = DeviceNow.AddMinutes(-1) });

        Assert.Equal("Shipped", page.Find("[data-testid=order-status-1007]").TextContent.Trim());
    }

    [Fact]
    public void Render_NoOrders_ShowsTheEmptyState()
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Orders, FakeApi.Json(HttpStatusCode.OK, Array.Empty<OrderDto>()));

        var page = Ctx.Render<Orders>();

        page.WaitForAssertion(() => Assert.Contains("No orders yet", page.Find("[data-testid=orders-empty]").TextContent, StringComparison.Ordinal));
    }

    /// <summary>The server's order pushes, raised by the test.</summary>
    private sealed class FakeOrderUpdates : IOrderUpdates
    {
        public event Func<OrderDto, Task>? OrderUpdated;

        public event Func<LiveConnectionState, Task>? StateChanged;

        public Task ChangeStateAsync(LiveConnectionState state) => StateChanged?.Invoke(state) ?? Task.CompletedTask;

        public bool Started { get; private set; }

        public Task StartWithoutShowAsync()
        {
            Started = true;
            return Task.CompletedTask;
        }

        public Task PushAsync(OrderDto order) => OrderUpdated?.Invoke(order) ?? Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
