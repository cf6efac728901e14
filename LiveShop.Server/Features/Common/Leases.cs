using LiveShop.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Common;

/// <summary>
/// A named lease in the database: which instance runs a background loop that should run once across all instances
/// (issue 16), until when. Held by renewing it every round; a holder that dies stops renewing and another instance
/// takes the loop over when the lease has run out. Each instance judges "run out" by its own clock: keep the
/// instances' clocks in step (NTP), as any deployment of several machines does.
/// </summary>
public sealed class Lease
{
    public required string Name { get; init; }

    public required string Holder { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>This process among the app's instances: a name that is never reused (two test servers in one process differ too).</summary>
public sealed class InstanceIdentity
{
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
}

/// <summary>
/// Takes and renews leases with one conditional update each (no lock held between rounds, no clock but the database's
/// rows and this server's <see cref="TimeProvider"/>): the update wins only where the lease is this instance's or has
/// run out; a lease nobody ever took is inserted, and of two instances inserting at once the unique name keeps one.
/// </summary>
public sealed partial class Leases(IServiceScopeFactory scopes, InstanceIdentity instance, TimeProvider clock, ILogger<Leases> logger)
{
    /// <summary>
    /// How long a loop that runs every <paramref name="every"/> holds its lease: three rounds, at least 30 s — longer
    /// than a round takes, so another instance does not start the same round meanwhile (if one ever does, the
    /// loops' moves are conditional: nothing happens twice but, at worst, a question to the payment processor).
    /// </summary>
    public static TimeSpan For(TimeSpan every) => every * 3 < TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : every * 3;

    /// <summary>
    /// Runs <paramref name="round"/> every <paramref name="every"/> on the instance that holds the lease
    /// <paramref name="name"/>, renewing it each round; the others only try to take it. A round's failure is
    /// <paramref name="failed"/>'s to log; the next round tries again. Gives the lease up when stopped.
    /// </summary>
    public async Task RunLeasedAsync(string name, TimeSpan every, Func<CancellationToken, Task> round, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every, clock);
        try
        {
            do
            {
                try
                {
                    if (await HoldAsync(name, For(every), stoppingToken))
                    {
                        await round(stoppingToken);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    failed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (a database client may say so with its own exception, not a cancellation).
        }
        finally
        {
            try
            {
                await ReleaseAsync(name, CancellationToken.None);
            }
            catch (Exception e)
            {
                LogReleaseFailed(logger, name, e);
            }
        }
    }

    /// <summary>True while this instance holds <paramref name="name"/> for the next <paramref name="time"/> (taken or renewed now).</summary>
    public async Task<bool> HoldAsync(string name, TimeSpan time, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        var now = clock.GetUtcNow().ToMilliseconds();
        var until = now + time;
        var me = instance.Name;
        var renewed = await db.Leases
            .Where(l => l.Name == name && (l.Holder == me || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, me).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (renewed == 1)
        {
            return true;
        }

        if (await db.Leases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false; // another instance holds it
        }

        db.Leases.Add(new Lease { Name = name, Holder = me, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            LogTaken(logger, name, me);
            return true;
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return false; // another instance inserted it first
        }
    }

    /// <summary>Gives the lease up at once if this instance holds it (a clean stop hands the loop over without waiting out the lease).</summary>
    public async Task ReleaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        var me = instance.Name;
        // Long past for any instance's clock, not just a moment ago by this one's.
        await db.Leases.Where(l => l.Name == name && l.Holder == me)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTimeOffset.UnixEpoch), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give up lease {Lease}; another instance takes it when it runs out.")]
    private static partial void LogReleaseFailed(ILogger logger, string lease, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lease {Lease} taken by {Instance}.")]
    private static partial void LogTaken(ILogger logger, string lease, string instance);
}
