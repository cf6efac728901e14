using LiveShop.Server.Data;
using LiveShop.Server.Features.Shows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LiveShop.Server.Tests.Data;

/// <summary>
/// SQL Server cannot run on these machines, so its mapping is kept honest here: the model builds with
/// the SqlServer provider, its migrations script out completely, and neither provider's migrations lag
/// behind the model.
/// </summary>
public class ProviderMappingTests
{
    private static SqlServerLiveShopDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerLiveShopDbContext>()
            .UseSqlServer("Server=unreachable.invalid;Database=LiveShop;Trusted_Connection=True;TrustServerCertificate=True")
            .Options);

    private static PostgreSqlLiveShopDbContext PostgreSql() =>
        new(new DbContextOptionsBuilder<PostgreSqlLiveShopDbContext>().UseNpgsql("Host=unreachable.invalid;Database=liveshop").Options);

    private static SqliteLiveShopDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqliteLiveShopDbContext>().UseSqlite("Data Source=:memory:").Options);

    [Fact]
    public void SqlServerModel_MapsMoneyTextAndEnumsAsDeclared()
    {
        using var db = SqlServer();
        var show = db.Model.FindEntityType(typeof(Show))!;
        var product = db.Model.FindEntityType(typeof(LiveShop.Server.Features.Catalog.Product))!;

        Assert.Equal("decimal(18,2)", product.FindProperty("Price")!.GetColumnType());
        Assert.Equal("nvarchar(200)", show.FindProperty(nameof(Show.Title))!.GetColumnType());
        Assert.Equal("nvarchar(16)", show.FindProperty(nameof(Show.Status))!.GetColumnType());
        Assert.Equal("nchar(3)", show.FindProperty(nameof(Show.Currency))!.GetColumnType());
        Assert.True(show.FindProperty(nameof(Show.Version))!.IsConcurrencyToken);
    }

    [Fact]
    public void SqlServerMigrations_ScriptTheWholeSchema()
    {
        using var db = SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Shows]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [ShowProducts]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [Products]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script, StringComparison.Ordinal);
        Assert.Contains("[Price] decimal(18,2) NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("CONSTRAINT [CK_Products_Stock_NonNegative] CHECK ([Stock] >= 0)", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Products_Sku]", script, StringComparison.Ordinal);
        var scriptFile = Path.Combine(AppContext.BaseDirectory, "sqlserver-migrations.sql");
        File.WriteAllText(scriptFile, script);
    }

    [Fact]
    public void SqlServerMigrations_MatchTheModel()
    {
        using var db = SqlServer();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQL Server migration: run `dotnet ef migrations add <Name> --context SqlServerLiveShopDbContext --output-dir Data/Migrations/SqlServer` (see README).");
    }

    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = Sqlite();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration: run `dotnet ef migrations add <Name> --context SqliteLiveShopDbContext --output-dir Data/Migrations/Sqlite` (see README).");
    }

    [Fact]
    public void BothProviders_HaveTheSameMigrationNames()
    {
        using var sqlServer = SqlServer();
        using var sqlite = Sqlite();

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);

        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public void PostgreSqlMigrations_MatchTheModel()
    {
        using var db = PostgreSql();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration: run `dotnet ef migrations add <Name> --context PostgreSqlLiveShopDbContext --output-dir Data/Migrations/PostgreSql` (see README).");
    }

    [Fact]
    public void PostgreSqlMigrations_ScriptInstantsMoneyAndChecksItsWay()
    {
        using var db = PostgreSql();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE \"Shows\"", script, StringComparison.Ordinal);
        Assert.Contains("\"Price\" numeric(18,2) NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("\"ScheduledStart\" timestamp with time zone", script, StringComparison.Ordinal);
        // The model's checks are written with brackets for SQL Server and SQLite; PostgreSQL gets double quotes.
        Assert.Contains("CONSTRAINT \"CK_Products_Stock_NonNegative\" CHECK (\"Stock\" >= 0)", script, StringComparison.Ordinal);
        Assert.DoesNotContain("[Stock]", script, StringComparison.Ordinal);
        Assert.Contains("\"LoginProvider\" character varying(128) NOT NULL", script, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSql_StartsAtABaselineAndThenFollowsTheOtherProviders()
    {
        using var postgres = PostgreSql();
        using var sqlite = Sqlite();

        static List<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]).ToList();

        // PostgreSQL joined with one InitialCreate of the whole model (issue 16); every migration after it is added for all three.
        var pg = Names(postgres);
        Assert.Equal("InitialCreate", pg[0]);
        var since = pg.Skip(1).ToList();
        Assert.Equal(since, Names(sqlite).TakeLast(since.Count));
    }
}
