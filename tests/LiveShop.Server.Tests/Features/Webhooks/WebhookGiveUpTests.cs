using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Shops;

namespace LiveShop.Server.Tests.Features.Webhooks;

/// <summary>What a failing or slow receiver costs: the retries end (the delivery is Failed, resend revives it), and nobody's request waits for it.</summary>
public class WebhookGiveUpTests : IAsyncLifetime
{
    private readonly WebhookFactory _factory = new() { Settings = { ["Webhooks:RetryForHours"] = "0.001" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task ReceiverAlways500_RetriedUntilTheWindowEnds_ThenFailed_ResendDeliversOnceItIsFixed()
    {
        await using var receiver = new WebhookReceiver { Answer = (_, _) => 500 };
        var owner = await _factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var created = await WebhookDeliveryTests.CreateAsync(owner, receiver, [WebhookEventTypes.OrderDelivered]);
        var id = await WebhookDeliveryTests.WriteEventAsync(_factory, WebhookEventTypes.OrderDelivered, """{"number":"G-1"}""");

        // 3.6 s of retries (RetryForHours 0.001), 0.2–1 s apart.
        await WebhookDeliveryTests.WaitAsync(async () => (await WebhookDeliveryTests.DeliveriesAsync(owner, created.Endpoint.Id)).SingleOrDefault(d => d.EventId == id)?.Status == WebhookDeliveryStatus.Failed, "given up");
        var failed = (await WebhookDeliveryTests.DeliveriesAsync(owner, created.Endpoint.Id)).Single(d => d.EventId == id);
        Assert.True(failed.Attempts.Count >= 3, $"retried before giving up ({failed.Attempts.Count} attempts)");
        Assert.All(failed.Attempts, a => Assert.Equal(500, a.StatusCode));
        Assert.Null(failed.NextAttemptAt);
        var attemptsThen = receiver.Deliveries.Count;
        await Task.Delay(1500);
        Assert.Equal(attemptsThen, receiver.Deliveries.Count);

        receiver.Answer = (_, _) => 200;
        (await owner.Http.PostAsync(ApiRoutes.ShopWebhookResend(DemoSeeder.DemoShopId, created.Endpoint.Id, failed.Id), null)).EnsureSuccessStatusCode();
        await WebhookDeliveryTests.WaitAsync(async () => (await WebhookDeliveryTests.DeliveriesAsync(owner, created.Endpoint.Id)).Single(d => d.EventId == id).Status == WebhookDeliveryStatus.Delivered, "delivered after the resend");
    }

    [Fact]
    public async Task SlowReceiver_TimesOutAsAFailedAttempt()
    {
        // The receiver holds every request 4 s; an attempt's limit is 2 s in these tests. The retry window is the
        // default hour here (not this class's 3.6 s), so a slow read of the result still finds the delivery pending.
        await using var factory = new WebhookFactory();
        await using var receiver = new WebhookReceiver { Answer = (_, _) => { Thread.Sleep(4000); return 200; } };
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var created = await WebhookDeliveryTests.CreateAsync(owner, receiver, [WebhookEventTypes.OrderPaid]);
        await WebhookDeliveryTests.WriteEventAsync(factory, WebhookEventTypes.OrderPaid, """{"number":"T-1"}""");

        await WebhookDeliveryTests.WaitAsync(async () => (await WebhookDeliveryTests.DeliveriesAsync(owner, created.Endpoint.Id)).Any(d => d.Attempts.Count > 0), "a timed-out attempt");
        var delivery = (await WebhookDeliveryTests.DeliveriesAsync(owner, created.Endpoint.Id)).Single();
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        Assert.Null(delivery.Attempts[0].StatusCode);
        Assert.Contains("No answer within 2 s", delivery.Attempts[0].Error);
    }

    [Fact]
    public async Task OutsideDevelopment_ConnectingToLoopbackIsRefusedAfterDns()
    {
        await using var receiver = new WebhookReceiver();
        using var http = new HttpClient(new SocketsHttpHandler { ConnectCallback = PublicAddressOnly.ConnectAsync });

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsJsonAsync($"http://localhost:{receiver.Port}/liveshop/events", new { }));

        Assert.Contains("no public address", refused.Message + refused.InnerException?.Message);
        Assert.Empty(receiver.Deliveries);
    }
}

/// <summary>A receiver that hangs holds up nobody: the host goes live, and the next event goes out, while an attempt still waits on it.</summary>
public class WebhookStuckReceiverTests : IAsyncLifetime
{
    private readonly WebhookFactory _factory = new() { Settings = { ["Webhooks:TimeoutSeconds"] = "90" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task ReceiverHanging_HostStillGoesLive_AndTheNextEventIsSentMeanwhile()
    {
        // Every request waits at the receiver until the gate opens (60 s at most: longer than the test waits for anything).
        using var gate = new ManualResetEventSlim();
        await using var receiver = new WebhookReceiver { Answer = (_, _) => gate.Wait(TimeSpan.FromSeconds(60)) ? 200 : 503 };
        var owner = await _factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        await WebhookDeliveryTests.CreateAsync(owner, receiver, [WebhookEventTypes.OrderPaid, WebhookEventTypes.ShowStarted]);
        var host = await _factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await host.CreateShowAsync("Hanging receiver night");
        await WebhookDeliveryTests.WriteEventAsync(_factory, WebhookEventTypes.OrderPaid, """{"number":"H-1"}""");
        await receiver.WaitForAsync(r => r.Count == 1, "the first event, now held by the receiver");

        var goLive = await host.Http.PostAsync(ApiRoutes.GoLive(show.Id), null).WaitAsync(TimeSpan.FromSeconds(15));
        goLive.EnsureSuccessStatusCode();
        await receiver.WaitForAsync(r => r.Any(d => d.Type == WebhookEventTypes.ShowStarted), "show.started while the first attempt still hangs");

        Assert.False(gate.IsSet);
        gate.Set();
    }
}
