using System.Net;
using System.Text.Json;
using LiveShop.Client.Features.BackOffice.Orders;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static LiveShop.Client.Tests.ShopTestData;

namespace LiveShop.Client.Tests.BackOffice.Orders;

public sealed class ShopOrdersPageTests : BunitTestBase
{
    private static readonly Guid ShopId = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid HostId = Guid.Parse("0193a000-0000-7000-8000-0000000000b2");

    private readonly FakeApi _api;
    private readonly OrderDto _paid = Order("PAID0001", OrderStatus.Paid, DeviceNow.AddMinutes(-5));
    private readonly OrderDto _cod = Order("CODE0002", OrderStatus.CashOnDelivery, DeviceNow.AddMinutes(-4));
    private readonly OrderDto _shipped = Order("SHIP0003", OrderStatus.Shipped, DeviceNow.AddMinutes(-3));

    public ShopOrdersPageTests()
        : this(new FakeApi())
    {
    }

    private ShopOrdersPageTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
        _api.Answer(HttpMethod.Get, ApiRoutes.Shops, FakeApi.Json(HttpStatusCode.OK, new List<MyShopDto> { new(ShopId, "Formosa Tea & Beauty", "formosa-tea", null, ShopRole.Host, false) }));
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopShows(ShopId), FakeApi.Json(HttpStatusCode.OK, new List<ShowSummaryDto>()));
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopOrders(ShopId), FakeApi.Json(HttpStatusCode.OK, PageOf(_shipped, _cod, _paid)));
    }

    [Fact]
    public void Render_ListsOrdersWithTotals_AndFiltersAskTheServerAgain()
    {
        var page = Render();

        Assert.Equal(["SHIP0003", "CODE0002", "PAID0001"], page.FindAll("[data-testid=shop-order-row]").Select(r => r.GetAttribute("data-number")));
        Assert.Contains("3 orders", page.Find("[data-testid=orders-totals]").TextContent, StringComparison.Ordinal);
        Assert.Contains("NT$2,940", page.Find("[data-testid=orders-total]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=filter-from] input, input[data-testid=filter-from]").Change("2025-03-01");

        page.WaitForAssertion(() => Assert.Contains(_api.Sent, s => s.Path == ApiRoutes.ShopOrders(ShopId) && s.Query.Contains("from=2025-03-01", StringComparison.Ordinal)));
    }

    [Fact]
    public void BulkPack_SelectedOrders_SendsThemAndListsTheOneRefused()
    {
        _api.Answer(HttpMethod.Post, ApiRoutes.FulfilOrders(ShopId), FakeApi.Json(HttpStatusCode.OK, new FulfilOrdersResultDto(
        [
            new FulfilOrderOutcomeDto(_paid.Id, true, _paid with { Status = OrderStatus.Packed }, null, null),
            new FulfilOrderOutcomeDto(_shipped.Id, false, null, ProblemCodes.OrderStatusInvalid, "Order #SHIP0003 is Shipped and cannot become Packed."),
        ])));
        var page = Render();
        Assert.True(page.Find("[data-testid=bulk-pack]").HasAttribute("disabled"));

        Row(page, "PAID0001").QuerySelector("[data-testid=select-order]")!.Change(true);
        Row(page, "SHIP0003").QuerySelector("[data-testid=select-order]")!.Change(true);
        Assert.Equal("2 selected", page.Find("[data-testid=selected-count]").TextContent.Trim());
        page.Find("[data-testid=bulk-pack]").Click();

        page.WaitForAssertion(() => Assert.Contains("#SHIP0003: Order #SHIP0003 is Shipped and cannot become Packed.", page.Find("[data-testid=bulk-refusals]").TextContent, StringComparison.Ordinal));
        var sent = JsonSerializer.Deserialize<FulfilOrdersRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Post).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal(OrderStatus.Packed, sent.Status);
        Assert.Equal(new HashSet<Guid> { _paid.Id, _shipped.Id }, sent.OrderIds.ToHashSet());
        Assert.Equal("1 selected", page.Find("[data-testid=selected-count]").TextContent.Trim());
    }

    [Fact]
    public void BulkShip_AsksCarrierAndATrackingNumberPerOrder()
    {
        _api.Answer(HttpMethod.Post, ApiRoutes.FulfilOrders(ShopId), FakeApi.Json(HttpStatusCode.OK, new FulfilOrdersResultDto([])));
        var dialogs = Ctx.Render<MudDialogProvider>();
        var page = Render();
        page.Find("[data-testid=select-all]").Change(true);
        Assert.Equal("3 selected", page.Find("[data-testid=selected-count]").TextContent.Trim());

        page.Find("[data-testid=bulk-ship]").Click();
        dialogs.WaitForElement("[data-testid=ship-confirm]");
        Assert.Equal(3, dialogs.FindAll("[data-testid=ship-tracking] input, input[data-testid=ship-tracking]").Count);
        Assert.Empty(dialogs.FindAll("[data-testid=ship-link]"));
        dialogs.Find("[data-testid=ship-confirm]").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=ship-error]")));
        Assert.DoesNotContain(_api.Sent, s => s.Method == HttpMethod.Post);

        dialogs.Find("[data-testid=ship-carrier] input, input[data-testid=ship-carrier]").Change("Chunghwa Post");
        dialogs.FindAll("[data-testid=ship-tracking] input, input[data-testid=ship-tracking]")[0].Change("RR1");
        dialogs.Find("[data-testid=ship-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains(_api.Sent, s => s.Method == HttpMethod.Post));
        var sent = JsonSerializer.Deserialize<FulfilOrdersRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Post).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal((OrderStatus.Shipped, "Chunghwa Post", 3), (sent.Status, sent.Carrier, sent.OrderIds.Count));
        Assert.Equal("RR1", Assert.Single(sent.Tracking!).TrackingNumber);
    }

    [Fact]
    public void Cancel_FromTheRow_SendsTheReason_AndShowsARefusalInTheDialog()
    {
        _api.Answer(HttpMethod.Post, ApiRoutes.CancelOrder(_paid.Id),
            FakeApi.Problem(HttpStatusCode.Conflict, ProblemCodes.OrderStatusInvalid, "Order #PAID0001 has shipped and cannot be cancelled."));
        var popovers = Ctx.Render<MudPopoverProvider>();
        var dialogs = Ctx.Render<MudDialogProvider>();
        var page = Render();

        Row(page, "PAID0001").QuerySelector("[data-testid=row-actions] button")!.Click();
        popovers.WaitForElement("[data-testid=row-cancel]").Click();
        dialogs.WaitForElement("[data-testid=cancel-confirm]");
        dialogs.Find("[data-testid=cancel-reason] textarea, textarea[data-testid=cancel-reason]").Change("Out of stock");
        dialogs.Find("[data-testid=cancel-confirm]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("Order #PAID0001 has shipped and cannot be cancelled.", dialogs.Find("[data-testid=cancel-error]").TextContent.Trim()));
        Assert.Contains("Out of stock", _api.Sent.Single(s => s.Path == ApiRoutes.CancelOrder(_paid.Id)).Body, StringComparison.Ordinal);
    }

    private static ShopOrdersPageDto PageOf(params OrderDto[] orders) =>
        new(orders, orders.Length, 0, 50, [new OrderTotalsDto(Currencies.Twd, orders.Length, orders.Sum(o => o.Total), 0, orders.Sum(o => o.Total))]);

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<ShopOrdersPage> page, string number) =>
        page.FindAll("[data-testid=shop-order-row]").Single(r => r.GetAttribute("data-number") == number);

    private IRenderedComponent<ShopOrdersPage> Render()
    {
        var page = Ctx.Render<ShopOrdersPage>(p => p.Add(c => c.ShopId, ShopId).AddCascadingValue(SignedIn.As(HostId, "Ann Chen", Roles.Host)));
        page.WaitForElement("[data-testid=shop-orders-table]");
        return page;
    }
}
