using LiveShop.Server.Data;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Realtime;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Live;

/// <summary>Flash-sale windows and chat limits on a clock the test moves.</summary>
public class FlashSaleClockTests(FakeClockLiveShopFactory factory) : IClassFixture<FakeClockLiveShopFactory>
{
    private static readonly Guid Jade = LiveRoom.Lineup[0];

    private async Task<FlashSaleDto> ClaimAsync(Guid showId, Guid saleId, int quantity)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FlashSales>().ClaimAsync(showId, saleId, quantity);
    }

    private async Task<RoomSnapshot> SnapshotAsync(Guid showId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RoomQueries>().SnapshotAsync(showId);
    }

    [Fact]
    public async Task FlashSale_StartsNowAndEndsExactlyAtItsEndTime()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var now = factory.Clock.GetUtcNow();
        var started = await room.StartSaleAsync(Jade, 590m, seconds: 30);
        Assert.InRange(started.Sale.StartsAt, now - TimeSpan.FromMilliseconds(1), now);
        Assert.Equal(TimeSpan.FromSeconds(30), started.Sale.EndsAt - started.Sale.StartsAt);

        factory.Clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(300);
        Assert.Single((await SnapshotAsync(room.Show.Id)).ActiveSales);
        Assert.False(viewer.Frames.SelectMany(f => f).OfType<FlashSaleEndedEvent>().Any());

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var ended = await viewer.NextAsync<FlashSaleEndedEvent>();

        Assert.Equal(FlashSaleEndReason.Expired, ended.Reason);
        Assert.Equal(started.Sale.Id, ended.SaleId);
        Assert.Empty((await SnapshotAsync(room.Show.Id)).ActiveSales);
        Assert.Empty(viewer.State.Sales);
    }

    [Fact]
    public async Task ExpiryCalledAMomentEarly_LeavesTheSaleOpen_AndSaysWhenToTryAgain()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var sale = (await room.StartSaleAsync(Jade, 590m, seconds: 30)).Sale;
        factory.Clock.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(3));

        await using var scope = factory.Services.CreateAsyncScope();
        var again = await scope.ServiceProvider.GetRequiredService<FlashSales>().ExpireAsync(room.Show.Id, sale.Id);

        Assert.Equal(sale.EndsAt, again);
        Assert.Single((await SnapshotAsync(room.Show.Id)).ActiveSales);
    }

    [Fact]
    public async Task FlashSale_EndsAtOnceWhenItsLastUnitIsSold()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        var sale = (await room.StartSaleAsync(Jade, 590m, seconds: 600, quantity: 3, perBuyer: 1)).Sale;

        var afterTwo = await ClaimAsync(room.Show.Id, sale.Id, 2);
        var updated = await viewer.NextAsync<FlashSaleUpdatedEvent>();
        var afterThree = await ClaimAsync(room.Show.Id, sale.Id, 1);
        var ended = await viewer.NextAsync<FlashSaleEndedEvent>();

        Assert.Equal(1, afterTwo.Remaining);
        Assert.Equal(2, updated.Sold);
        Assert.Equal(0, afterThree.Remaining);
        Assert.Equal(FlashSaleEndReason.SoldOut, ended.Reason);
        Assert.Equal(3, ended.Sold);
        var refusal = await Assert.ThrowsAsync<LiveShop.Server.Features.Common.DomainException>(() => ClaimAsync(room.Show.Id, sale.Id, 1));
        Assert.Equal(ProblemCodes.FlashSaleEnded, refusal.Code);
    }

    [Fact]
    public async Task FlashSale_ClaimMoreThanLeft_RefusedAndNothingTaken()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var sale = (await room.StartSaleAsync(Jade, 590m, seconds: 600, quantity: 3, perBuyer: 3)).Sale;

        var refusal = await Assert.ThrowsAsync<LiveShop.Server.Features.Common.DomainException>(() => ClaimAsync(room.Show.Id, sale.Id, 4));

        Assert.Equal(ProblemCodes.FlashSaleSoldOut, refusal.Code);
        Assert.Equal(0, (await SnapshotAsync(room.Show.Id)).ActiveSales.Single().Sold);
    }

    [Fact]
    public async Task FlashSale_ClaimAfterTimeIsUp_RefusedEvenBeforeTheTimerRuns()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var sale = (await room.StartSaleAsync(Jade, 590m, seconds: 10, quantity: 3)).Sale;
        await using var scope = factory.Services.CreateAsyncScope();
        var sales = scope.ServiceProvider.GetRequiredService<FlashSales>();

        // The clock passes the end; the claim is checked against the server's time, not the timer.
        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        var refusal = await Assert.ThrowsAsync<LiveShop.Server.Features.Common.DomainException>(() => sales.ClaimAsync(room.Show.Id, sale.Id, 1));

        Assert.Equal(ProblemCodes.FlashSaleEnded, refusal.Code);
    }

    [Fact]
    public async Task Chat_BurstThenOneASecond_HostExempt()
    {
        await using var room = await LiveRoom.StartAsync(factory);
        var viewer = await factory.SignInAsync(DemoSeeder.SecondViewerAccount.Email);
        await using var connection = await factory.ConnectAsync(viewer.Cookies);

        for (var i = 0; i < Limits.ChatBurst; i++)
        {
            await room.ChatAsync(connection, $"burst {i}");
        }

        var refusal = await Assert.ThrowsAsync<HubException>(() => room.ChatAsync(connection, "one too many"));
        Assert.Contains($"[{ProblemCodes.ChatRateLimited}] You're sending messages too fast.", refusal.Message, StringComparison.Ordinal);
        for (var i = 0; i < 6; i++)
        {
            await room.ChatAsync($"host keeps talking {i}");
        }

        factory.Clock.Advance(Limits.ChatRefill);
        await room.ChatAsync(connection, "after a second");
        var chat = (await SnapshotAsync(room.Show.Id)).RecentChat.Select(m => m.Text).ToList();
        Assert.DoesNotContain("one too many", chat);
        Assert.Contains("after a second", chat);
    }
}
