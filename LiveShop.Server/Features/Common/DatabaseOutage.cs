using System.Data.Common;

namespace LiveShop.Server.Features.Common;

/// <summary>
/// Tells a database that is away (restarting, failing over, unreachable) from a bug: somewhere in the exception's
/// chain the database provider says the failure is transient (Npgsql: the server is unreachable or shutting down;
/// SqlClient: its transient error numbers). Such a request is answered 503
/// <c>database-unavailable</c> with Retry-After instead of a 500: the transaction did not commit, so nothing changed
/// and trying again is safe (orders carry their idempotency key).
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds a caller is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 2;

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
