using System.Data.Common;
using System.Net.Sockets;

namespace LiveShop.Server.Features.Common;

/// <summary>
/// Tells a database that is away (restarting, failing over, unreachable) from a bug or a slow query: somewhere in the
/// exception's chain a database exception is about the connection itself — its SQLSTATE is a connection exception
/// (class 08) or the server shutting down or starting (57P01–57P03), or it was caused by a socket or stream failing.
/// Such a request is answered 503 <c>database-unavailable</c> with Retry-After instead of a 500. Deadlocks,
/// serialization failures and command timeouts are not outages and stay what they were. (SQL Server: its connection
/// failures carry a socket error; its other transient errors are not mapped.)
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds a caller is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 2;

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException database
                && (database.SqlState is { } state && (state.StartsWith("08", StringComparison.Ordinal) || state is "57P01" or "57P02" or "57P03")
                    || database.InnerException is SocketException or IOException))
            {
                return true;
            }
        }

        return false;
    }
}
