using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Features.Shows;
using LiveShop.Server.Realtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LiveShop.Server.Data;

/// <summary>
/// The application's database: Identity users and roles, the catalog, shows and their lineups.
/// Each provider has a subclass (<see cref="SqliteLiveShopDbContext"/>, <see cref="SqlServerLiveShopDbContext"/>,
/// <see cref="PostgreSqlLiveShopDbContext"/>) only so that each keeps its own migrations; the model is this class's.
/// </summary>
public abstract class LiveShopDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Features.Shops.Shop> Shops => Set<Features.Shops.Shop>();

    public DbSet<Features.Shops.ShopMember> ShopMembers => Set<Features.Shops.ShopMember>();

    public DbSet<Features.Shops.ShopInvitation> ShopInvitations => Set<Features.Shops.ShopInvitation>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<ProductPhoto> ProductPhotos => Set<ProductPhoto>();

    public DbSet<StockAdjustment> StockAdjustments => Set<StockAdjustment>();

    public DbSet<Show> Shows => Set<Show>();

    public DbSet<ShowProduct> ShowProducts => Set<ShowProduct>();

    public DbSet<Features.Live.FlashSale> FlashSales => Set<Features.Live.FlashSale>();

    public DbSet<RoomEventRecord> RoomEvents => Set<RoomEventRecord>();

    public DbSet<Features.Live.FlashSaleClaim> FlashSaleClaims => Set<Features.Live.FlashSaleClaim>();

    public DbSet<Features.Claims.ChatClaim> ChatClaims => Set<Features.Claims.ChatClaim>();

    public DbSet<Features.Live.FlashSaleIdentityClaim> FlashSaleIdentityClaims => Set<Features.Live.FlashSaleIdentityClaim>();

    public DbSet<Features.Orders.Order> Orders => Set<Features.Orders.Order>();

    public DbSet<Features.Payments.ShopPaymentSettings> ShopPaymentSettings => Set<Features.Payments.ShopPaymentSettings>();

    public DbSet<Features.Payments.PaymentEvent> PaymentEvents => Set<Features.Payments.PaymentEvent>();

    public DbSet<Features.Webhooks.OutboxMessage> Outbox => Set<Features.Webhooks.OutboxMessage>();

    public DbSet<Features.Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Features.Webhooks.WebhookEndpoint>();

    public DbSet<Features.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Features.Webhooks.WebhookDelivery>();

    public DbSet<Features.Attribution.ShareLink> ShareLinks => Set<Features.Attribution.ShareLink>();

    public DbSet<Features.Attribution.LinkTouch> LinkTouches => Set<Features.Attribution.LinkTouch>();

    public DbSet<Features.Sales.ShowViewer> ShowViewers => Set<Features.Sales.ShowViewer>();

    public DbSet<Features.Sales.ShowMinute> ShowMinutes => Set<Features.Sales.ShowMinute>();

    public DbSet<Features.Moderation.Question> Questions => Set<Features.Moderation.Question>();

    public DbSet<Features.Moderation.QuestionVote> QuestionVotes => Set<Features.Moderation.QuestionVote>();

    public DbSet<Features.Moderation.ShowModerator> ShowModerators => Set<Features.Moderation.ShowModerator>();

    public DbSet<Features.Moderation.ShowRestriction> ShowRestrictions => Set<Features.Moderation.ShowRestriction>();

    public DbSet<Features.Moderation.ShowRestrictionCover> ShowRestrictionCovers => Set<Features.Moderation.ShowRestrictionCover>();

    public DbSet<Features.Moderation.HeldMessage> HeldMessages => Set<Features.Moderation.HeldMessage>();

    public DbSet<Features.Moderation.ModerationAction> ModerationActions => Set<Features.Moderation.ModerationAction>();

    public DbSet<Features.Accounts.Sessions.AuthSession> AuthSessions => Set<Features.Accounts.Sessions.AuthSession>();

    public DbSet<Features.Common.Lease> Leases => Set<Features.Common.Lease>();

    public DbSet<Features.Creators.CreatorProfile> CreatorProfiles => Set<Features.Creators.CreatorProfile>();

    public DbSet<Features.Creators.CreatorProgram> CreatorPrograms => Set<Features.Creators.CreatorProgram>();

    public DbSet<Features.Creators.CreatorEnrollment> CreatorEnrollments => Set<Features.Creators.CreatorEnrollment>();

    public DbSet<Features.Creators.CreatorPayout> CreatorPayouts => Set<Features.Creators.CreatorPayout>();

    public DbSet<Features.Stores.Store> Stores => Set<Features.Stores.Store>();

    public DbSet<Features.Stores.StoreStaffMember> StoreStaff => Set<Features.Stores.StoreStaffMember>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LiveShopDbContext).Assembly);

        // Identity sizes its login and token keys from the app's options (Stores.MaxLengthForKeys = 128), which a
        // context made by `dotnet ef` does not see: said here, so the migrations and the running app agree.
        builder.Entity<IdentityUserLogin<Guid>>(b =>
        {
            b.Property(l => l.LoginProvider).HasMaxLength(Features.Accounts.AccountsExtensions.MaxLengthForKeys);
            b.Property(l => l.ProviderKey).HasMaxLength(Features.Accounts.AccountsExtensions.MaxLengthForKeys);
        });
        builder.Entity<IdentityUserToken<Guid>>(b =>
        {
            b.Property(t => t.LoginProvider).HasMaxLength(Features.Accounts.AccountsExtensions.MaxLengthForKeys);
            b.Property(t => t.Name).HasMaxLength(Features.Accounts.AccountsExtensions.MaxLengthForKeys);
        });
    }
}

/// <summary>The embedded default. SQLite cannot compare DateTimeOffset or sort on it, so times are stored as UTC ticks.</summary>
public sealed class SqliteLiveShopDbContext(DbContextOptions<SqliteLiveShopDbContext> options) : LiveShopDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The production target.</summary>
public sealed class SqlServerLiveShopDbContext(DbContextOptions<SqlServerLiveShopDbContext> options) : LiveShopDbContext(options);

/// <summary>
/// A server database beside SQL Server (issue 16). Times are <c>timestamptz</c>, which holds an instant and nothing
/// else: Npgsql refuses a <see cref="DateTimeOffset"/> whose offset is not zero, so times are turned to UTC on the
/// way in (a show scheduled at 20:00+08:00 is stored and read back as 12:00+00:00, the same instant). The model's
/// check constraints are written with SQL Server's brackets, which SQLite also reads; PostgreSQL quotes with double
/// quotes, so they are rewritten here rather than changing the other providers' migrations.
/// </summary>
public sealed partial class PostgreSqlLiveShopDbContext(DbContextOptions<PostgreSqlLiveShopDbContext> options) : LiveShopDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var check in entity.GetCheckConstraints().ToList())
            {
                entity.RemoveCheckConstraint(check.ModelName);
                entity.AddCheckConstraint(check.ModelName, BracketedName().Replace(check.Sql, "\"$1\""));
            }
        }
    }

    /// <summary>A column name in SQL Server's brackets (<c>[Stock]</c>), not a bracket in a literal.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\[(\w+)\]")]
    private static partial System.Text.RegularExpressions.Regex BracketedName();

    private sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
