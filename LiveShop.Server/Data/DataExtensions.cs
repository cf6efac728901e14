using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>Configuration section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, embedded), <c>SqlServer</c> or <c>PostgreSql</c> (<c>PostgreSQL</c> also reads: case is ignored).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder of the SQLite file when no connection string is given; relative to the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Seed the demo catalog, show and accounts. Defaults to true in Development only.</summary>
    public bool? SeedDemoData { get; set; }
}

public static class DataExtensions
{
    public const string ConnectionStringName = "LiveShop";

    /// <summary>Registers the database for the configured provider (read when the first context is made, so tests can override it).</summary>
    public static WebApplicationBuilder AddLiveShopData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => Enum.IsDefined(o.Provider), "Database:Provider must be Sqlite, SqlServer or PostgreSql.")
            .ValidateOnStart();

        // Keys that protect sign-in cookies live next to the data, so a restart (a deploy during the
        // show) does not sign everyone out. Read when first needed, so tests can point it elsewhere.
        builder.Services.AddDataProtection().SetApplicationName("LiveShop");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, IHostEnvironment, ILoggerFactory>((options, configuration, environment, logs) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(KeysDirectory(configuration, environment)), logs));

        builder.Services.AddDbContext<SqliteLiveShopDbContext>((sp, options) =>
            options.UseSqlite(SqliteConnectionString(sp), sql => sql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(BusyTimeout, new Features.Catalog.PriceHistoryRecorder(sp.GetRequiredService<TimeProvider>())));
        builder.Services.AddDbContext<SqlServerLiveShopDbContext>((sp, options) =>
            options.UseSqlServer(
                sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)
                ?? throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:LiveShop is not set."),
                sql => sql.EnableRetryOnFailure().UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(new Features.Catalog.PriceHistoryRecorder(sp.GetRequiredService<TimeProvider>())));
        builder.Services.AddDbContext<PostgreSqlLiveShopDbContext>((sp, options) =>
            options.UseNpgsql(
                sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)
                ?? throw new InvalidOperationException("Database:Provider is PostgreSql but ConnectionStrings:LiveShop is not set."),
                sql => sql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(new Features.Catalog.PriceHistoryRecorder(sp.GetRequiredService<TimeProvider>())));
        builder.Services.AddScoped<LiveShopDbContext>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.Sqlite => sp.GetRequiredService<SqliteLiveShopDbContext>(),
                DatabaseProvider.SqlServer => sp.GetRequiredService<SqlServerLiveShopDbContext>(),
                DatabaseProvider.PostgreSql => sp.GetRequiredService<PostgreSqlLiveShopDbContext>(),
            });
        builder.Services.AddSingleton<Features.Common.InstanceIdentity>();
        builder.Services.AddSingleton<Features.Common.Leases>();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddScoped<DatabaseInitializer>();
        return builder;
    }

    private static readonly SqliteBusyTimeout BusyTimeout = new();

    /// <summary><c>DataProtection:KeysDirectory</c>, or <c>keys</c> in the data folder.</summary>
    internal static string KeysDirectory(IConfiguration configuration, IHostEnvironment environment) =>
        configuration["DataProtection:KeysDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : Path.Combine(environment.ContentRootPath, configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.DataDirectory)}"] ?? "App_Data", "keys");

    /// <summary>The configured SQLite connection string, or a file in the data folder.</summary>
    internal static string SqliteConnectionString(IServiceProvider sp)
    {
        var configured = sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var env = sp.GetRequiredService<IHostEnvironment>();
        var folder = Path.Combine(env.ContentRootPath, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataDirectory);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "liveshop.db") }.ToString();
    }

    /// <summary>Creates or migrates the database and seeds roles (and demo data where configured). Runs before the app listens.</summary>
    public static async Task InitializeLiveShopDataAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    }
}
