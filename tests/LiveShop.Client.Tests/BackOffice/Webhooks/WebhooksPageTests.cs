using System.Net;
using System.Text.Json;
using LiveShop.Client.Features.BackOffice.Webhooks;
using LiveShop.Client.Tests.TestDoubles;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LiveShop.Client.Tests.BackOffice.Webhooks;

public sealed class WebhooksPageTests : BunitTestBase
{
    private static readonly Guid ShopId = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid ManagerId = Guid.Parse("0193a000-0000-7000-8000-0000000000a1");
    private static readonly Guid EndpointId = Guid.Parse("0193a000-0000-7000-8000-0000000000e1");
    private static readonly WebhookEndpointDto Warehouse = new(EndpointId, "https://wms.example.com/in", "Warehouse", [WebhookEventTypes.OrderPaid, WebhookEventTypes.OrderCancelled], true, DeviceNow);

    private readonly FakeApi _api;

    public WebhooksPageTests()
        : this(new FakeApi())
    {
    }

    private WebhooksPageTests(FakeApi api)
        : base(services => services.AddSingleton(api.Client()))
    {
        _api = api;
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopWebhooks(ShopId), FakeApi.Json(HttpStatusCode.OK, new List<WebhookEndpointDto> { Warehouse }));
    }

    [Fact]
    public void Render_AsManager_ListsEndpointsWithTheirEvents()
    {
        var page = RenderAs(ShopRole.Manager);

        var endpoint = page.WaitForElement("[data-testid=webhook-endpoint]");
        Assert.Equal("https://wms.example.com/in", endpoint.GetAttribute("data-url"));
        Assert.Contains("order.cancelled", endpoint.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=webhook-add]"));
        Assert.NotNull(page.Find("[data-testid=bo-nav-webhooks]"));
    }

    [Fact]
    public void Render_AsHost_SaysWhoMayAndAsksNothing()
    {
        var page = RenderAs(ShopRole.Host);

        page.WaitForElement("[data-testid=webhooks-not-allowed]");
        Assert.Empty(page.FindAll("[data-testid=webhook-add]"));
        Assert.Empty(page.FindAll("[data-testid=bo-nav-webhooks]"));
        Assert.DoesNotContain(_api.Sent, s => s.Path == ApiRoutes.ShopWebhooks(ShopId));
    }

    [Fact]
    public void Add_UrlAndEvents_SendsThem_ThenShowsTheSecretOnceWithCopy()
    {
        var created = new WebhookEndpointDto(Guid.NewGuid(), "https://erp.example.com/hooks", "", [WebhookEventTypes.OrderCreated, WebhookEventTypes.ShowStarted], true, DeviceNow);
        _api.Answer(HttpMethod.Post, ApiRoutes.ShopWebhooks(ShopId), FakeApi.Json(HttpStatusCode.Created, new WebhookSecretDto(created, "whsec_abc123")));
        var page = RenderAs(ShopRole.Owner);
        page.WaitForElement("[data-testid=webhook-endpoint]");

        page.Find("[data-testid=webhook-add]").Click();
        page.Find("input[data-testid=webhook-url], [data-testid=webhook-url] input").Change("https://erp.example.com/hooks");
        foreach (var type in new[] { WebhookEventTypes.OrderPaid, WebhookEventTypes.OrderCancelled, WebhookEventTypes.OrderRefunded, WebhookEventTypes.OrderShipped, WebhookEventTypes.OrderDelivered, WebhookEventTypes.ShowStarted })
        {
            page.Find($"[data-testid='webhook-event-{type}'] input, input[data-testid='webhook-event-{type}']").Change(type == WebhookEventTypes.ShowStarted);
        }

        page.Find("[data-testid=webhook-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal("whsec_abc123", page.Find("[data-testid=webhook-secret]").TextContent.Trim()));
        var sent = JsonSerializer.Deserialize<SaveWebhookEndpointRequest>(_api.Sent.Single(s => s.Method == HttpMethod.Post).Body!, JsonSerializerOptions.Web)!;
        Assert.Equal("https://erp.example.com/hooks", sent.Url);
        Assert.Equal([WebhookEventTypes.OrderCreated, WebhookEventTypes.ShowStarted], sent.Events);
        Assert.Equal(2, page.FindAll("[data-testid=webhook-endpoint]").Count);

        page.Find("[data-testid=webhook-secret-copy]").Click();
        Assert.Equal("whsec_abc123", Ctx.JSInterop.VerifyInvoke("navigator.clipboard.writeText").Arguments[0]);

        page.Find("[data-testid=webhook-secret-done]").Click();
        Assert.Empty(page.FindAll("[data-testid=webhook-secret]"));
        Assert.DoesNotContain("whsec_abc123", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_RefusedUrl_ShowsTheServersSentenceAndKeepsTheForm()
    {
        const string sentence = "The endpoint must use https, so events and their signatures travel encrypted.";
        _api.Answer(HttpMethod.Post, ApiRoutes.ShopWebhooks(ShopId), FakeApi.Problem(HttpStatusCode.BadRequest, ProblemCodes.WebhookUrlInvalid, sentence));
        var page = RenderAs(ShopRole.Owner);
        page.WaitForElement("[data-testid=webhook-endpoint]");

        page.Find("[data-testid=webhook-add]").Click();
        page.Find("input[data-testid=webhook-url], [data-testid=webhook-url] input").Change("http://erp.example.com");
        page.Find("[data-testid=webhook-form]").Submit();

        page.WaitForAssertion(() => Assert.Equal(sentence, page.Find("[data-testid=webhooks-error]").TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid=webhook-form]"));
        Assert.Empty(page.FindAll("[data-testid=webhook-secret]"));
        Assert.Single(page.FindAll("[data-testid=webhook-endpoint]"));
    }

    [Fact]
    public void Deliveries_ShowStatusAttemptsLastAnswerAndResend()
    {
        var failed = new WebhookDeliveryDto(Guid.NewGuid(), Guid.NewGuid(), WebhookEventTypes.OrderPaid, DeviceNow, WebhookDeliveryStatus.Failed, 500, null, null,
            [new(DeviceNow, 500, "The endpoint answered 500 Internal Server Error.", 12), new(DeviceNow.AddSeconds(10), 500, "The endpoint answered 500 Internal Server Error.", 9)]);
        var pending = new WebhookDeliveryDto(Guid.NewGuid(), Guid.NewGuid(), WebhookEventTypes.OrderCancelled, DeviceNow, WebhookDeliveryStatus.Pending, null, DeviceNow.AddMinutes(1), null,
            [new(DeviceNow, null, "No answer within 10 s.", 10_000)]);
        _api.Answer(HttpMethod.Get, ApiRoutes.ShopWebhookDeliveries(ShopId, EndpointId), FakeApi.Json(HttpStatusCode.OK, new List<WebhookDeliveryDto> { failed, pending }));
        _api.Answer(HttpMethod.Post, ApiRoutes.ShopWebhookResend(ShopId, EndpointId, failed.Id),
            FakeApi.Json(HttpStatusCode.Accepted, failed with { Status = WebhookDeliveryStatus.Pending, NextAttemptAt = DeviceNow }));
        var page = RenderAs(ShopRole.Manager);
        page.WaitForElement("[data-testid=webhook-endpoint]");

        page.Find("[data-testid=webhook-deliveries-open]").Click();

        page.WaitForElement("[data-testid=webhook-deliveries]");
        Assert.Equal(["Failed", "Pending"], page.FindAll("[data-testid=webhook-delivery-status]").Select(s => s.TextContent.Trim()));
        Assert.Equal(["2", "1"], page.FindAll("[data-testid=webhook-delivery-attempts]").Select(s => s.TextContent.Trim()));
        Assert.Equal(["500", "No answer"], page.FindAll("[data-testid=webhook-delivery-last]").Select(s => s.TextContent.Trim()));

        page.FindAll("[data-testid=webhook-resend]")[0].Click();

        page.WaitForAssertion(() => Assert.Equal("Pending", page.FindAll("[data-testid=webhook-delivery-status]")[0].TextContent.Trim()));
        Assert.Single(_api.Sent, s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.ShopWebhookResend(ShopId, EndpointId, failed.Id));
    }

    [Fact]
    public void SendTestEvent_PostsToThatEndpoint()
    {
        _api.Answer(HttpMethod.Post, ApiRoutes.ShopWebhookTest(ShopId, EndpointId),
            FakeApi.Json(HttpStatusCode.Accepted, new WebhookDeliveryDto(Guid.NewGuid(), Guid.NewGuid(), WebhookEventTypes.Test, DeviceNow, WebhookDeliveryStatus.Pending, null, DeviceNow, null, [])));
        Ctx.Render<MudSnackbarProvider>();
        var page = RenderAs(ShopRole.Owner);
        page.WaitForElement("[data-testid=webhook-endpoint]");

        page.Find("[data-testid=webhook-test]").Click();

        page.WaitForAssertion(() => Assert.Single(_api.Sent, s => s.Method == HttpMethod.Post && s.Path == ApiRoutes.ShopWebhookTest(ShopId, EndpointId)));
        Assert.Empty(page.FindAll("[data-testid=webhooks-error]"));
    }

    private IRenderedComponent<WebhooksPage> RenderAs(ShopRole role)
    {
        _api.Answer(HttpMethod.Get, ApiRoutes.Shops, FakeApi.Json(HttpStatusCode.OK, new List<MyShopDto> { new(ShopId, "Formosa Tea & Beauty", "formosa-tea", null, role, false) }));
        return Ctx.Render<WebhooksPage>(p => p.Add(c => c.ShopId, ShopId).AddCascadingValue(SignedIn.As(ManagerId, "Mei Lin", Roles.Host)));
    }
}
