using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Refunds;
using LiveShop.Server.Realtime;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Gifts;

/// <summary>
/// Cancels the paid gifts nobody accepted within the shop's days (<see cref="Payments.ShopPaymentSettings.GiftAcceptDays"/>;
/// one never paid is the payment hold's to release): each is first closed to acceptance, then cancelled through
/// <see cref="CancelOrder"/> as the shop would, so the stock goes back to the room and the money is refunded in full
/// through the shop's processor (a processor that refuses leaves it, closed, for the next round). Of several
/// instances only the holder of the lease <see cref="LeaseName"/> runs the rounds.
/// </summary>
public sealed partial class GiftExpirer(IServiceScopeFactory scopes, IOptions<GiftOptions> options, Leases leases, TimeProvider clock, ILogger<GiftExpirer> logger) : BackgroundService
{
    public const string LeaseName = "gifts.expire";

    /// <summary>At most this many gifts per round.</summary>
    private const int MaxPerRound = 100;

    /// <summary>The history's note (English, like LiveShop's other notes on an order).</summary>
    internal const string Reason = "The gift was not accepted in time: cancelled and refunded.";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        leases.RunLeasedAsync(LeaseName, TimeSpan.FromSeconds(options.Value.ExpireEverySeconds), RunOnceAsync, e => LogRoundFailed(logger, e), stoppingToken);

    /// <summary>One round: returns how many gifts were cancelled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
            var now = clock.GetUtcNow().ToMilliseconds();
            due = await db.Orders.AsNoTracking()
                .Where(o => o.IsGift && o.GiftAcceptedAt == null && o.GiftExpiresAt <= now && o.Status == OrderStatus.Paid)
                .OrderBy(o => o.GiftExpiresAt).Select(o => o.Id).Take(MaxPerRound)
                .ToListAsync(cancellationToken);
        }

        var cancelled = 0;
        foreach (var orderId in due)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
                var showId = await db.Orders.Where(o => o.Id == orderId).Select(o => o.ShowId).SingleAsync(cancellationToken);

                // Closed first, under the show's lock: a recipient accepting right now is refused, never told "accepted"
                // about an order whose money is going back.
                var closed = await scope.ServiceProvider.GetRequiredService<RoomWriter>().WriteAsync(showId, async room =>
                {
                    var tracked = await db.Orders.SingleAsync(o => o.Id == orderId, cancellationToken);
                    if (!tracked.AwaitsGiftAddress || tracked.Status != OrderStatus.Paid || tracked.GiftExpiresAt > room.Now)
                    {
                        return false;
                    }

                    tracked.CloseGift(room.Now);
                    await db.SaveChangesAsync(cancellationToken);
                    return true;
                }, cancellationToken);
                if (!closed)
                {
                    continue;
                }

                db.ChangeTracker.Clear();
                var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, cancellationToken);
                await scope.ServiceProvider.GetRequiredService<CancelOrder>().CancelUnacceptedGiftAsync(order, Reason, cancellationToken);
                cancelled++;
                LogCancelled(logger, order.Number);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Accepted or cancelled meanwhile (a refusal), or the processor did not answer: tried again next round if still due.
                LogOrderFailed(logger, orderId, e);
            }
        }

        return cancelled;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of cancelling unaccepted gifts failed.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not cancel the unaccepted gift {OrderId}; trying again next round if it is still due.")]
    private static partial void LogOrderFailed(ILogger logger, Guid orderId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gift order #{Number} was not accepted in time: cancelled and refunded.")]
    private static partial void LogCancelled(ILogger logger, string number);
}
