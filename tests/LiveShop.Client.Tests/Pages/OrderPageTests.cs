using System.Net;
using LiveShop.Client.Pages;
using LiveShop.Client.Services;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.Pages;

public sealed class OrderPageTests : BunitTestBase
{
    private readonly FakeApi _api;
    private readonly PushedOrders _updates;
    private readonly OrderDto _order;

    public OrderPageTests()
        : this(new FakeApi(), new PushedOrders())
    {
    }

    private OrderPageTests(FakeApi api, PushedOrders updates)
        : base(services => services.AddSingleton(api.Client()).AddSingleton<IOrderUpdates>(updates))
    {
        _api = api;
        _updates = updates;
        _order = Order("TIME0001", OrderStatus.Paid, DeviceNow.AddMinutes(-30)) with
        {
            History = [new OrderHistoryEntryDto(OrderStatus.PendingPayment, DeviceNow.AddMinutes(-30), "Mei Lin", null), new OrderHistoryEntryDto(OrderStatus.Paid, DeviceNow.AddMinutes(-30), null, null)],
        };
        _api.Answer(HttpMethod.Get, ApiRoutes.Order(_order.Id), FakeApi.Json(HttpStatusCode.OK, _order));
    }

    [Fact]
    public void Timeline_GrowsWithEachPushedStep_AndShowsTheTrackingLink_WithoutReload()
    {
        var page = Ctx.Render<OrderPage>(p => p.Add(c => c.Id, _order.Id));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=timeline-step]").Count));
        Assert.NotNull(page.Find("[data-testid=order-cancel]"));

        var shipped = _order with
        {
            Status = OrderStatus.Shipped,
            UpdatedAt = DeviceNow,
            Shipment = new ShipmentDto("Chunghwa Post", "RR123", "https://track.example/RR123"),
            History = [.. _order.History!, new OrderHistoryEntryDto(OrderStatus.Packed, DeviceNow.AddMinutes(-1), "Ann Chen", "Boxed"), new OrderHistoryEntryDto(OrderStatus.Shipped, DeviceNow, "Ann Chen", null)],
        };
        page.InvokeAsync(() => _updates.PushAsync(shipped));

        page.WaitForAssertion(() => Assert.Equal(["PendingPayment", "Paid", "Packed", "Shipped"], page.FindAll("[data-testid=timeline-step]").Select(s => s.GetAttribute("data-status"))));
        Assert.Equal("https://track.example/RR123", page.Find("[data-testid=tracking-link]").GetAttribute("href"));
        Assert.Contains("Track with Chunghwa Post", page.Find("[data-testid=order-track]").TextContent, StringComparison.Ordinal);
        Assert.Equal("“Boxed”", page.Find("[data-testid=timeline-note]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=order-cancel]"));
        Assert.Single(_api.Sent, s => s.Path == ApiRoutes.Order(_order.Id));

        // A stale push (older than what is shown) never turns the order back.
        page.InvokeAsync(() => _updates.PushAsync(_order));
        Assert.Equal("Shipped", page.Find("[data-testid=order-status]").TextContent.Trim());
    }

    [Fact]
    public void Refunds_ShowPerLineAndTheNetTotal_AndAJavascriptLinkIsNotALink()
    {
        var refunded = _order with
        {
            Status = OrderStatus.Shipped,
            RefundedAmount = 490m,
            Lines = [_order.Lines[0] with { RefundedQuantity = 1 }],
            Shipment = new ShipmentDto("Sketchy", "X", "javascript:alert(1)"),
            History = [.. _order.History!, new OrderHistoryEntryDto(OrderStatus.Shipped, DeviceNow, "Ann Chen", null)],
        };
        _api.Answer(HttpMethod.Get, ApiRoutes.Order(_order.Id), FakeApi.Json(HttpStatusCode.OK, refunded));

        var page = Ctx.Render<OrderPage>(p => p.Add(c => c.Id, _order.Id));

        page.WaitForAssertion(() => Assert.Equal("1 refunded", page.Find("[data-testid=line-refunded]").TextContent.Trim()));
        Assert.Contains("490", page.Find("[data-testid=order-refunded]").TextContent, StringComparison.Ordinal);
        Assert.Equal("NT$490", page.Find("[data-testid=order-net]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=tracking-link]"));
        Assert.Empty(page.FindAll("[data-testid=order-track]"));
    }

    [Fact]
    public void Cancel_AfterConfirming_CallsCancelAndShowsTheCancelledOrder()
    {
        var cancelled = _order with
        {
            Status = OrderStatus.Cancelled,
            UpdatedAt = DeviceNow,
            History = [.. _order.History!, new OrderHistoryEntryDto(OrderStatus.Cancelled, DeviceNow, "Xiao Wang", null)],
        };
        _api.Answer(HttpMethod.Post, ApiRoutes.CancelOrder(_order.Id), FakeApi.Json(HttpStatusCode.OK, cancelled));
        var dialogs = Ctx.Render<MudDialogProvider>();
        var page = Ctx.Render<OrderPage>(p => p.Add(c => c.Id, _order.Id));

        page.WaitForElement("[data-testid=order-cancel]").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel order").Click());

        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find("[data-testid=order-status]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=order-cancel]"));
        Assert.Single(_api.Sent, s => s.Path == ApiRoutes.CancelOrder(_order.Id));
    }

    /// <summary>The server's order pushes, raised by the test.</summary>
    private sealed class PushedOrders : IOrderUpdates
    {
        public event Func<OrderDto, Task>? OrderUpdated;

        public event Func<LiveConnectionState, Task>? StateChanged
        {
            add { }
            remove { }
        }

        public Task StartWithoutShowAsync() => Task.CompletedTask;

        public Task PushAsync(OrderDto order) => OrderUpdated?.Invoke(order) ?? Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
