using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Data;

/// <summary>How the app's SQLite connections are set up: what keeps writers from stalling each other.</summary>
public class SqliteConnectionTests(SqliteConnectionTests.SqliteServer factory) : IClassFixture<SqliteConnectionTests.SqliteServer>
{
    /// <summary>On SQLite also when the suite runs on PostgreSQL: these are SQLite's own settings.</summary>
    public sealed class SqliteServer : LiveShopFactory
    {
        protected override DatabaseProvider Database => DatabaseProvider.Sqlite;
    }

    [Fact]
    public async Task EveryConnection_WaitsForTheWriteLockWithSqlitesBusyHandler_AndTheDatabaseIsInWalMode()
    {
        _ = factory.BaseAddress; // the app has started (and migrated)
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();

        var busyTimeout = await db.Database.SqlQueryRaw<int>("SELECT timeout AS Value FROM pragma_busy_timeout").SingleAsync();
        var journal = await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync();

        Assert.Equal(SqliteBusyTimeout.Milliseconds, busyTimeout);
        Assert.Equal("wal", journal);
    }
}
