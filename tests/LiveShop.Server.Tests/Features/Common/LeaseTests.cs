using System.Net.Http.Json;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Payments;
using LiveShop.Server.Tests.Features.Payments;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Common;

/// <summary>
/// Two instances on one database (issue 16): a loop that must run once — ending the holds nobody paid for — runs on
/// the instance holding its lease; when the holder dies the other takes it over once the lease has run out, and the
/// buyer's unpaid order is cancelled with its stock back all the same.
/// </summary>
public sealed class LeaseTests : IAsyncLifetime
{
    private static readonly Guid Teapot = LiveRoom.Lineup[2];   // NT$1,980
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "liveshop-tests", "lease-" + Guid.NewGuid().ToString("N"));
    private readonly ExpiringServer _first = new(Folder, ownsFolder: false);
    private readonly ExpiringServer _second = new(Folder, ownsFolder: true);

    [Fact]
    public async Task OneInstanceEndsTheHolds_AndWhenItsLeaseIsLostTheOtherTakesOver()
    {
        _ = _first.BaseAddress;
        var holder = await WaitForHolderAsync(h => h is not null);
        _ = _second.BaseAddress;
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // two of the second instance's rounds
        Assert.Equal(holder, await HolderAsync());

        // A buyer orders by bank transfer; then the instance holding the lease "dies": its lease is left to a holder
        // that no longer renews it, for a few seconds.
        await using var room = await LiveRoom.StartAsync(_first, "Two instances");
        await BankTransferTests.TakeTransfersAsync(_first, room);
        var buyer = await _second.GuestAsync("Slow Payer");
        var before = await buyer.Http.StockAsync(Teapot);
        var order = await buyer.Http.BuyAsync(Shopping.Request(room.Show.Id, Teapot, 1980m, payment: BankTransferTests.Transfer));
        var deadUntil = DateTimeOffset.UtcNow.AddSeconds(6);
        await using (var db = _first.NewDbContext())
        {
            await db.Leases.Where(l => l.Name == ReservationExpirer.LeaseName)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, "dead-instance").SetProperty(l => l.ExpiresAt, deadUntil));
        }

        // A round the old holder had begun has ended; from now on no living instance holds the lease. The hold runs out.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await using (var db = _first.NewDbContext())
        {
            await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.HoldExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        // While the dead holder's lease runs, neither living instance ends the hold.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(OrderStatus.AwaitingTransfer, await StatusAsync(buyer, order.Id));
        Assert.Equal("dead-instance", await HolderAsync());

        // Then one of them takes the lease — not before it ran out — and ends it: the order is cancelled, the teapot is back.
        await WaitForHolderAsync(h => h is not null && h != "dead-instance", seconds: 15);
        var takenBy = DateTimeOffset.UtcNow;
        Assert.True(takenBy >= deadUntil, $"a living instance took the lease {(deadUntil - takenBy).TotalMilliseconds:N0} ms before it ran out");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await StatusAsync(buyer, order.Id) != OrderStatus.Cancelled)
        {
            Assert.True(DateTime.UtcNow < deadline, "the unpaid order was not cancelled after the lease was taken over");
            await Task.Delay(200);
        }

        Assert.Equal(before, await buyer.Http.StockAsync(Teapot));
    }

    [Fact]
    public async Task TwoInstancesTakingANewLeaseAtOnce_ExactlyOneGetsIt_AndACleanStopHandsItOver()
    {
        _ = _first.BaseAddress;
        await WaitForHolderAsync(h => h is not null);
        _ = _second.BaseAddress;
        var first = _first.Services.GetRequiredService<Leases>();
        var second = _second.Services.GetRequiredService<Leases>();
        for (var i = 0; i < 10; i++)
        {
            var name = $"test.race-{i}-{Guid.NewGuid():N}";
            var held = await Task.WhenAll(first.HoldAsync(name, TimeSpan.FromSeconds(30), CancellationToken.None), second.HoldAsync(name, TimeSpan.FromSeconds(30), CancellationToken.None));
            Assert.Equal(1, held.Count(h => h));
        }

        // The first instance holds the hold-ending loop; stopped cleanly, the second has it at its next round, not after the lease.
        var holder = await HolderAsync();
        Assert.Equal(_first.Services.GetRequiredService<InstanceIdentity>().Name, holder);
        await _first.DisposeAsync();
        var stoppedAt = DateTime.UtcNow;
        await WaitForHolderAsync(h => h == _second.Services.GetRequiredService<InstanceIdentity>().Name, seconds: 5, read: _second);
        Assert.True(DateTime.UtcNow - stoppedAt < TimeSpan.FromSeconds(5));
    }

    private static async Task<OrderStatus> StatusAsync(SignedIn buyer, Guid orderId) =>
        (await buyer.Http.GetFromJsonAsync<OrderDto>(ApiRoutes.Order(orderId)))!.Status;

    private async Task<string?> HolderAsync(LiveShopFactory? read = null)
    {
        await using var db = (read ?? _first).NewDbContext();
        return await db.Leases.Where(l => l.Name == ReservationExpirer.LeaseName).Select(l => l.Holder).SingleOrDefaultAsync();
    }

    private async Task<string?> WaitForHolderAsync(Func<string?, bool> wanted, int seconds = 10, LiveShopFactory? read = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var holder = await HolderAsync(read);
            if (wanted(holder))
            {
                return holder;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the lease's holder is still {holder ?? "nobody"}");
            await Task.Delay(100);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    /// <summary>An instance whose hold-ending loop runs every second (the lease is then held for 30 s per renewal).</summary>
    private sealed class ExpiringServer(string folder, bool ownsFolder) : LiveShopFactory(folder, ownsFolder)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Payments:ExpireEverySeconds", "1");
        }
    }
}
