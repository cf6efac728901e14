namespace LiveShop.Server.Features.Accounts.Sessions;

/// <summary>Once an hour, deletes the sessions whose time ran out (browsers that never came back).</summary>
public sealed class AuthSessionSweeper(DbTicketStore store, TimeProvider clock, ILogger<AuthSessionSweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var swept = await store.SweepAsync(stoppingToken);
                if (swept > 0)
                {
                    logger.LogInformation("Swept {Count} expired sessions", swept);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sweeping expired sessions failed; the next round tries again");
            }
        }
    }
}
