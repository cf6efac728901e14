using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Realtime;
using LiveShop.Shared.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Claims;

/// <summary>
/// Releases the "+1" claims nobody paid for in time. Per show, in one room change: each claim past its pay-by time
/// (oldest first) becomes <see cref="ChatClaimStatus.Expired"/>, and its unit goes to the oldest waiting claim of the
/// same product and variant (held from now for the product's pay time) or, with nobody waiting, back to the stock; the
/// room hears the stock and the counts, and the claimants and the hosts are told. Of several instances only the holder
/// of the lease <see cref="LeaseName"/> runs the rounds.
/// </summary>
public sealed partial class ClaimExpirer(IServiceScopeFactory scopes, IOptions<ClaimOptions> options, Leases leases, TimeProvider clock, ILogger<ClaimExpirer> logger) : BackgroundService
{
    public const string LeaseName = "claims.expire";

    /// <summary>At most this many shows per round.</summary>
    private const int MaxShowsPerRound = 50;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        leases.RunLeasedAsync(LeaseName, TimeSpan.FromSeconds(options.Value.ExpireEverySeconds), RunOnceAsync, e => LogRoundFailed(logger, e), stoppingToken);

    /// <summary>One round: returns how many claims ran out.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
            var now = clock.GetUtcNow().ToMilliseconds();
            due = await db.ChatClaims.AsNoTracking()
                .Where(c => c.Status == ChatClaimStatus.Held && c.PayBy <= now)
                .Select(c => c.ShowId).Distinct().OrderBy(id => id).Take(MaxShowsPerRound)
                .ToListAsync(cancellationToken);
        }

        var expired = 0;
        foreach (var showId in due)
        {
            try
            {
                expired += await ExpireAsync(showId, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogShowFailed(logger, showId, e);
            }
        }

        return expired;
    }

    private async Task<int> ExpireAsync(Guid showId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<LiveShopDbContext>();
        List<ChatClaim> moved = [];
        HashSet<Guid> returned = [];
        var count = await services.GetRequiredService<RoomWriter>().WriteAsync(showId, async room =>
        {
            moved.Clear();
            returned.Clear();
            var expired = await db.ChatClaims
                .Where(c => c.ShowId == showId && c.Status == ChatClaimStatus.Held && c.PayBy <= room.Now)
                .OrderBy(c => c.Sequence)
                .ToListAsync(cancellationToken);
            var productIds = expired.Select(c => c.ProductId).Distinct().ToList();
            var lineup = await db.ShowProducts.Where(p => p.ShowId == showId).ToDictionaryAsync(p => p.ProductId, cancellationToken);

            // Each product's and variant's waitlist, oldest first: read once, handed out in memory.
            var waitlists = (await db.ChatClaims
                    .Where(c => c.ShowId == showId && productIds.Contains(c.ProductId) && c.Status == ChatClaimStatus.Waiting)
                    .OrderBy(c => c.Sequence)
                    .ToListAsync(cancellationToken))
                .GroupBy(c => (c.ProductId, c.VariantId))
                .ToDictionary(g => g.Key, g => new Queue<ChatClaim>(g));
            foreach (var claim in expired)
            {
                claim.Expire();
                moved.Add(claim);
                var line = waitlists.GetValueOrDefault((claim.ProductId, claim.VariantId));
                if (lineup.TryGetValue(claim.ProductId, out var item) && line is not null && line.TryDequeue(out var next))
                {
                    // The unit stays taken: it is the next viewer's now.
                    next.Hold(room.Now.AddMinutes(item.ClaimPayMinutes));
                    moved.Add(next);
                    continue;
                }

                await OrderLineStock.GiveBackAsync(db, claim.ProductId, claim.VariantId, 1, cancellationToken);
                returned.Add(claim.ProductId);

                // Out of the lineup meanwhile: nothing will come to those still waiting.
                while (item is null && line is not null && line.TryDequeue(out var stranded))
                {
                    stranded.Close();
                    moved.Add(stranded);
                }
            }

            await db.SaveChangesAsync(cancellationToken);

            foreach (var productId in moved.Select(c => c.ProductId).Distinct())
            {
                if (returned.Contains(productId))
                {
                    await ProductStock.EmitAsync(db, room, showId, productId, cancellationToken);
                }

                if (lineup.TryGetValue(productId, out var item))
                {
                    await ChatClaims.EmitAsync(db, room, showId, item, cancellationToken);
                }
            }

            return expired.Count;
        }, cancellationToken);

        if (returned.Count > 0)
        {
            services.GetRequiredService<StockFanout>().Changed(showId, returned);
        }

        await ChatClaims.TellAsync(db, services.GetRequiredService<ILiveClients>(), showId, moved, CancellationToken.None);
        LogExpired(logger, count, showId);
        return count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A round of releasing unpaid claims failed.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the unpaid claims of show {ShowId}; trying again next round.")]
    private static partial void LogShowFailed(ILogger logger, Guid showId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} unpaid claims of show {ShowId} ran out.")]
    private static partial void LogExpired(ILogger logger, int count, Guid showId);
}
