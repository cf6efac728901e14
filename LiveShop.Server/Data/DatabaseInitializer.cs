using LiveShop.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Data;

/// <summary>Migrates the database, turns on WAL for SQLite, and seeds roles and (optionally) the demo.</summary>
internal sealed partial class DatabaseInitializer(
    LiveShopDbContext db,
    RoleManager<IdentityRole<Guid>> roles,
    DemoSeeder demo,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while an order or a status change is written.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }

        var seedDemo = ShouldSeedDemo(options.Value.SeedDemoData, environment);
        if (seedDemo)
        {
            await demo.SeedAsync(cancellationToken);
        }

        LogReady(logger, db.Database.ProviderName ?? "?", seedDemo);
    }

    /// <summary>
    /// The demo (accounts with the password published in the README) exists only in Development: by default there,
    /// and never elsewhere. <c>Database:SeedDemoData=true</c> outside Development is a mistake that would open a
    /// public server to anyone who read the README, so the server refuses to start rather than seed or ignore it.
    /// </summary>
    internal static bool ShouldSeedDemo(bool? seedDemoData, IHostEnvironment environment)
    {
        if (seedDemoData == true && !environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"Database:SeedDemoData is true but the environment is {environment.EnvironmentName}. The demo accounts have a published password, " +
                "so they are only ever created in Development: remove Database:SeedDemoData (or set it to false) to start in this environment.");
        }

        return seedDemoData ?? environment.IsDevelopment();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider}); demo data {SeedDemo}.")]
    private static partial void LogReady(ILogger logger, string provider, bool seedDemo);
}
