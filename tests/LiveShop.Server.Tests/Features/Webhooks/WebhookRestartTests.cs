using LiveShop.Server.Data;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Webhooks;

/// <summary>The outbox survives the server: a row committed by a server that then died is delivered by the next one.</summary>
public class WebhookRestartTests
{
    [Fact]
    public async Task ServerKilledAfterCommit_NextServerOnTheSameDatabaseDelivers()
    {
        var folder = Path.Combine(Path.GetTempPath(), "liveshop-tests", Guid.NewGuid().ToString("N"));
        await using var receiver = new WebhookReceiver();
        Guid eventId;

        // The first server polls once an hour: the event is committed after its start-up round, then it dies.
        await using (var first = new WebhookFactory(folder, pollSeconds: 3600))
        {
            var owner = await first.SignInAsync(DemoSeeder.OwnerAccount.Email);
            await WebhookDeliveryTests.CreateAsync(owner, receiver, [WebhookEventTypes.OrderPaid]);
            eventId = await CommitOutsideTheAppAsync(first);
            await Task.Delay(500);
            Assert.Empty(receiver.Deliveries);
        }

        await using var second = new WebhookFactory(folder, pollSeconds: 3600, ownsFolder: true);
        _ = second.Services;
        await receiver.WaitForAsync(r => r.Any(d => d.Id == eventId), "the event committed before the first server died");
        var received = Assert.Single(receiver.Deliveries);
        Assert.True(received.SignatureValid);
        Assert.Equal(WebhookEventTypes.OrderPaid, received.Type);
    }

    /// <summary>
    /// A commit the dying server made just before the end (on its own connection, so nothing in the app wakes the dispatcher).
    /// </summary>
    private static async Task<Guid> CommitOutsideTheAppAsync(LiveShopFactory server)
    {
        await using var db = server.NewDbContext();
        ShopEvents.Add(db, DemoSeeder.DemoShopId, WebhookEventTypes.OrderPaid, """{"number":"K-1"}""", DateTimeOffset.UtcNow);
        var id = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity.Id;
        await db.SaveChangesAsync();
        return id;
    }
}
