using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LiveShop.Server.Data;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteLiveShopDbContext</c> build the model without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLiveShopDbContext>
{
    public SqliteLiveShopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLiveShopDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Same for SQL Server; no server is contacted to add a migration or script one.</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerLiveShopDbContext>
{
    public SqlServerLiveShopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerLiveShopDbContext>().UseSqlServer("Server=localhost;Database=LiveShop;Trusted_Connection=True;TrustServerCertificate=True").Options);
}

/// <summary>Same for PostgreSQL; no server is contacted to add a migration or script one.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlLiveShopDbContext>
{
    public PostgreSqlLiveShopDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlLiveShopDbContext>().UseNpgsql("Host=localhost;Database=liveshop").Options);
}
