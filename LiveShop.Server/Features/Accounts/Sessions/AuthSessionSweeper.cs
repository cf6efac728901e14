using LiveShop.Server.Features.Common;

namespace LiveShop.Server.Features.Accounts.Sessions;

/// <summary>Once an hour, deletes the sessions whose time ran out (browsers that never came back); one instance of several does.</summary>
public sealed partial class AuthSessionSweeper(DbTicketStore store, Leases leases, ILogger<AuthSessionSweeper> logger) : BackgroundService
{
    public const string LeaseName = "accounts.sweep-sessions";

    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        leases.RunLeasedAsync(LeaseName, Every, SweepAsync, e => LogSweepFailed(logger, e), stoppingToken);

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var swept = await store.SweepAsync(cancellationToken);
        if (swept > 0)
        {
            LogSwept(logger, swept);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Swept {Count} expired sessions.")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired sessions failed; the next round tries again.")]
    private static partial void LogSweepFailed(ILogger logger, Exception e);
}
