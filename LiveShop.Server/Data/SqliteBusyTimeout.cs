using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LiveShop.Server.Data;

/// <summary>
/// Sets SQLite's own busy handler on every connection the app opens. Writers outside one show's lock
/// (a card's approval, the stock sent to other shows, the viewer records) can meet an order's
/// transaction at SQLite's single write lock. Without a busy handler SQLite answers "busy" at once and
/// Microsoft.Data.Sqlite retries after sleeping (a long, fixed pause, taken while the show's lock is
/// held); with it, SQLite waits in short steps (1–100 ms) and goes on as soon as the lock is free.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    /// <summary>How long one statement waits for the write lock before SQLite gives up (then Microsoft.Data.Sqlite's own retry applies).</summary>
    public const int Milliseconds = 5000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>A native call on the open handle (pooled handles keep it; setting it again is free), not a statement to parse.</summary>
    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SQLitePCL.raw.sqlite3_busy_timeout(handle, Milliseconds);
        }
    }
}
