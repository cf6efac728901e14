using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Webhooks;

/// <summary>
/// Outbound webhooks end to end: the app on real Kestrel delivers its outbox to a real receiver on loopback
/// that checks every signature itself. Retries are shortened to fractions of a second (<see cref="WebhookFactory"/>).
/// </summary>
public class WebhookDeliveryTests(WebhookFactory factory) : IClassFixture<WebhookFactory>
{
    private static readonly Guid ShopA = DemoSeeder.DemoShopId;

    [Fact]
    public async Task ShowGoesLiveAndEnds_ReceiverGetsBothEventsSigned()
    {
        await using var receiver = new WebhookReceiver();
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var created = await CreateAsync(owner, receiver, [WebhookEventTypes.ShowStarted, WebhookEventTypes.ShowEnded]);
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Webhook night");

        (await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null)).EnsureSuccessStatusCode();
        (await host.Http.PostAsync(ApiRoutes.EndShow(show.Id), null)).EnsureSuccessStatusCode();

        await receiver.WaitForAsync(r => r.Count(d => ShowId(d) == show.Id) == 2, "show.started and show.ended");
        // Deliveries go out side by side, so arrival order is not promised (docs/webhooks.md): order them by when
        // each change happened (whole seconds, so a tie puts the start first).
        var events = receiver.Deliveries.Where(d => ShowId(d) == show.Id).OrderBy(d => d.Created).ThenBy(d => d.Type == WebhookEventTypes.ShowEnded).ToList();
        Assert.Equal([WebhookEventTypes.ShowStarted, WebhookEventTypes.ShowEnded], events.Select(e => e.Type));
        Assert.All(events, e => Assert.True(e.SignatureValid, "the signature checks out with the secret shown at creation"));
        Assert.All(events, e => Assert.Equal((e.Id.ToString(), e.Type), (e.IdHeader, e.TypeHeader)));
        using var ended = JsonDocument.Parse(events[1].DataJson);
        Assert.Equal("Webhook night", ended.RootElement.GetProperty("title").GetString());
        Assert.Equal(nameof(ShowStatus.Ended), ended.RootElement.GetProperty("status").GetString());

        var deliveries = await DeliveriesAsync(owner, created.Endpoint.Id);
        Assert.All(deliveries.Where(d => events.Any(e => e.Id == d.EventId)), d =>
        {
            Assert.Equal(WebhookDeliveryStatus.Delivered, d.Status);
            Assert.Equal(200, Assert.Single(d.Attempts).StatusCode);
        });
    }

    [Fact]
    public async Task ReceiverDownForAWhile_GetsEveryEventOnceBack_EachSigned()
    {
        // A port bound but not listening refuses every connection, and no other test's listener can take it meanwhile
        // (a port merely freed could be, and would answer).
        var down = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        down.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)down.LocalEndPoint!).Port;
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var created = await CreateAsync(owner, $"http://127.0.0.1:{port}/liveshop/events", [WebhookEventTypes.OrderPaid]);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await WriteEventAsync(factory, WebhookEventTypes.OrderPaid, $$"""{"number":"W-{{i}}"}"""));
        }

        // While it is down every delivery fails (no answer) and stays pending for a retry.
        await WaitAsync(async () => (await DeliveriesAsync(owner, created.Endpoint.Id)).Count(d => ids.Contains(d.EventId) && d.Attempts.Count >= 2) == 5, "two failed attempts each");
        var failing = await DeliveriesAsync(owner, created.Endpoint.Id);
        Assert.All(failing, d =>
        {
            Assert.Equal(WebhookDeliveryStatus.Pending, d.Status);
            Assert.All(d.Attempts, a => Assert.Null(a.StatusCode));
            Assert.NotNull(d.Attempts[0].Error);
        });

        down.Dispose();
        await using var receiver = new WebhookReceiver(port) { Secret = created.Secret };
        await receiver.WaitForAsync(r => ids.All(id => r.Any(d => d.Id == id)), "all five events after the receiver came back");
        Assert.All(receiver.Deliveries, d => Assert.True(d.SignatureValid));
        Assert.Equal(ids.Order(), receiver.Deliveries.Select(d => d.Id).Distinct().Order());
        await WaitAsync(async () => (await DeliveriesAsync(owner, created.Endpoint.Id)).All(d => d.Status == WebhookDeliveryStatus.Delivered), "all marked delivered");
    }

    [Fact]
    public async Task Receiver500Then200_RetriedWithTheSameEvent()
    {
        await using var receiver = new WebhookReceiver { Answer = (_, before) => before == 0 ? 500 : 200 };
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var created = await CreateAsync(owner, receiver, [WebhookEventTypes.OrderShipped]);
        receiver.Secret = created.Secret;
        var id = await WriteEventAsync(factory, WebhookEventTypes.OrderShipped, """{"number":"R-1","carrier":"ELTA"}""");

        await receiver.WaitForAsync(r => r.Count(d => d.Id == id) == 2, "the event, then its retry");
        await WaitAsync(async () => (await DeliveriesAsync(owner, created.Endpoint.Id)).Single(d => d.EventId == id).Status == WebhookDeliveryStatus.Delivered, "delivered");
        var delivery = (await DeliveriesAsync(owner, created.Endpoint.Id)).Single(d => d.EventId == id);
        Assert.Equal([500, 200], delivery.Attempts.Select(a => a.StatusCode));
        Assert.Contains("500", delivery.Attempts[0].Error);

        // The same event id never arrives as two different events: the retry's body is the first one's, byte for byte.
        var both = receiver.Deliveries.Where(d => d.Id == id).ToList();
        Assert.Equal(both[0].Body, both[1].Body);
        Assert.All(both, d => Assert.True(d.SignatureValid));
        await Task.Delay(1500);
        Assert.Equal(2, receiver.Deliveries.Count(d => d.Id == id));
    }

    [Fact]
    public async Task Resend_DeliversTheSameEventAgain()
    {
        await using var receiver = new WebhookReceiver();
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var created = await CreateAsync(owner, receiver, [WebhookEventTypes.OrderCreated]);
        var id = await WriteEventAsync(factory, WebhookEventTypes.OrderCreated, """{"number":"S-1"}""");
        await receiver.WaitForAsync(r => r.Any(d => d.Id == id), "the event");
        var delivery = (await DeliveriesAsync(owner, created.Endpoint.Id)).Single(d => d.EventId == id);

        var resent = await owner.Http.PostAsync(ApiRoutes.ShopWebhookResend(ShopA, created.Endpoint.Id, delivery.Id), null);
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);

        await receiver.WaitForAsync(r => r.Count(d => d.Id == id) == 2, "the resent event");
        var both = receiver.Deliveries.Where(d => d.Id == id).ToList();
        Assert.Equal(both[0].Body, both[1].Body);
        await WaitAsync(async () => (await DeliveriesAsync(owner, created.Endpoint.Id)).Single(d => d.Id == delivery.Id).Attempts.Count == 2, "two attempts recorded");
    }

    [Fact]
    public async Task SendTestEvent_ReachesOnlyThatEndpoint()
    {
        await using var receiver = new WebhookReceiver();
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var created = await CreateAsync(owner, receiver, [WebhookEventTypes.OrderPaid]);

        var response = await owner.Http.PostAsync(ApiRoutes.ShopWebhookTest(ShopA, created.Endpoint.Id), null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await receiver.WaitForAsync(r => r.Any(d => d.Type == WebhookEventTypes.Test), "the test event");
        var test = receiver.Deliveries.Single(d => d.Type == WebhookEventTypes.Test);
        Assert.True(test.SignatureValid);
        Assert.Contains(created.Endpoint.Id.ToString(), test.DataJson);
    }

    [Fact]
    public async Task RollSecret_LaterDeliveriesSignedWithTheNewSecretOnly()
    {
        await using var receiver = new WebhookReceiver();
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var created = await CreateAsync(owner, receiver, [WebhookEventTypes.OrderRefunded]);

        var rolled = await (await owner.Http.PostAsync(ApiRoutes.ShopWebhookSecret(ShopA, created.Endpoint.Id), null)).Content.ReadFromJsonAsync<WebhookSecretDto>();
        Assert.NotEqual(created.Secret, rolled!.Secret);
        receiver.Secret = created.Secret;
        var first = await WriteEventAsync(factory, WebhookEventTypes.OrderRefunded, """{"number":"X-1"}""");
        await receiver.WaitForAsync(r => r.Any(d => d.Id == first), "an event after the roll");
        Assert.False(receiver.Deliveries.Single(d => d.Id == first).SignatureValid, "the old secret no longer verifies");

        receiver.Secret = rolled.Secret;
        var second = await WriteEventAsync(factory, WebhookEventTypes.OrderRefunded, """{"number":"X-2"}""");
        await receiver.WaitForAsync(r => r.Any(d => d.Id == second), "the next event");
        Assert.True(receiver.Deliveries.Single(d => d.Id == second).SignatureValid);
    }

    internal static async Task<WebhookSecretDto> CreateAsync(SignedIn owner, WebhookReceiver receiver, string[] events)
    {
        var created = await CreateAsync(owner, receiver.Url, events);
        receiver.Secret = created.Secret;
        return created;
    }

    internal static async Task<WebhookSecretDto> CreateAsync(SignedIn owner, string url, string[] events)
    {
        var response = await owner.Http.PostAsJsonAsync(ApiRoutes.ShopWebhooks(ShopA), new SaveWebhookEndpointRequest(url, "Warehouse", events));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<WebhookSecretDto>())!;
        Assert.StartsWith("whsec_", created.Secret);
        return created;
    }

    internal static async Task<IReadOnlyList<WebhookDeliveryDto>> DeliveriesAsync(SignedIn owner, Guid endpointId) =>
        (await owner.Http.GetFromJsonAsync<IReadOnlyList<WebhookDeliveryDto>>(ApiRoutes.ShopWebhookDeliveries(ShopA, endpointId)))!;

    /// <summary>Writes an event the way the order use cases do (<see cref="ShopEvents.Add"/> then the save that commits it).</summary>
    internal static async Task<Guid> WriteEventAsync(LiveShopFactory app, string type, string payloadJson)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        ShopEvents.Add(db, ShopA, type, payloadJson, DateTimeOffset.UtcNow);
        var id = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;
        await db.SaveChangesAsync();
        return id;
    }

    internal static async Task WaitAsync(Func<Task<bool>> done, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, "Timed out waiting for: " + what);
            await Task.Delay(100);
        }
    }

    private static Guid? ShowId(Received received)
    {
        if (!received.Type.StartsWith("show.", StringComparison.Ordinal))
        {
            return null;
        }

        using var data = JsonDocument.Parse(received.DataJson);
        return data.RootElement.GetProperty("id").GetGuid();
    }
}
