using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Shops;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.TestHost;
using LiveShop.Server.Features.Payments;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>
/// The real app on real Kestrel (a loopback port), with its own SQLite file, so HTTP clients and
/// SignalR clients talk to it exactly as browsers do, cookies included.
/// </summary>
public class LiveShopFactory : WebApplicationFactory<Program>
{
    private readonly string _folder;
    private readonly bool _ownsFolder;

    public LiveShopFactory()
        : this(Path.Combine(Path.GetTempPath(), "liveshop-tests", Guid.NewGuid().ToString("N")), ownsFolder: true)
    {
    }

    /// <summary>An app on the database in <paramref name="folder"/>: a second instance there is "the same server, restarted".</summary>
    internal LiveShopFactory(string folder, bool ownsFolder = false)
    {
        _folder = folder;
        _ownsFolder = ownsFolder;
        Directory.CreateDirectory(_folder);
        UseKestrel(0);
    }

    public string Folder => _folder;

    protected virtual string Environment => "Development";

    /// <summary>
    /// False for every test server but the ones that test the limits: the tests sign up hundreds of guests
    /// and open hundreds of connections from one loopback address, so they raise every rate limit through
    /// its setting (<see cref="RaisedLimits"/>). The limits' own tests keep the defaults.
    /// </summary>
    protected virtual bool DefaultLimits => false;

    /// <summary>The <c>RateLimits</c> settings that lift every limit out of a test's way (see docs/security.md).</summary>
    public static IReadOnlyDictionary<string, string> RaisedLimits { get; } = new Dictionary<string, string>
    {
        ["RateLimits:Guest:Permits"] = "1000000", ["RateLimits:Guest:WindowSeconds"] = "1",
        ["RateLimits:Register:Permits"] = "1000000", ["RateLimits:Register:WindowSeconds"] = "1",
        ["RateLimits:SignIn:Permits"] = "1000000", ["RateLimits:SignIn:WindowSeconds"] = "1",
        ["RateLimits:SignInFailuresPerAccount:Permits"] = "1000000", ["RateLimits:SignInFailuresPerAccount:WindowSeconds"] = "1",
        ["RateLimits:PlaceOrder:Permits"] = "1000000", ["RateLimits:PlaceOrder:WindowSeconds"] = "1",
        ["RateLimits:ShareLink:Permits"] = "1000000", ["RateLimits:ShareLink:WindowSeconds"] = "1",
        ["RateLimits:Mail:Permits"] = "1000000", ["RateLimits:Mail:WindowSeconds"] = "1",
        ["RateLimits:HubConnectionsPerAddress"] = "1000000",
        ["RateLimits:AnonymousConnections:Permits"] = "1000000", ["RateLimits:AnonymousConnections:WindowSeconds"] = "1",
        ["RateLimits:GuestChatAfterSeconds"] = "0",
        ["RateLimits:GuestChatPerShow:Permits"] = "1000000", ["RateLimits:GuestChatPerShow:WindowSeconds"] = "1",
        ["RateLimits:GuestQuestionsPerShow:Permits"] = "1000000", ["RateLimits:GuestQuestionsPerShow:WindowSeconds"] = "1",
        ["RateLimits:ChatPerAddress:Permits"] = "1000000", ["RateLimits:ChatPerAddress:WindowSeconds"] = "1",
        ["RateLimits:HeartsPerAddress:Permits"] = "1000000", ["RateLimits:HeartsPerAddress:WindowSeconds"] = "1",
        // Every test buyer ships to Shopping.Address with the one test card: caps by identity would make them one buyer (IdentityCapsFactory keeps them).
        ["Identities:CapFlashSalesByIdentity"] = "false",
    };

    public string DatabasePath => Path.Combine(_folder, "liveshop.db");

    /// <summary>
    /// The database the integration tests run on: SQLite by default; PostgreSQL when <c>LIVESHOP_TEST_DATABASE</c> is
    /// <c>PostgreSql</c> and <c>LIVESHOP_TEST_POSTGRES</c> is a connection string to a server (without a database: each
    /// test server gets one of its own, named after its folder, dropped when the folder is). .ci/test.sh runs the suite
    /// both ways.
    /// </summary>
    public static DatabaseProvider SuiteDatabase { get; } = System.Environment.GetEnvironmentVariable("LIVESHOP_TEST_DATABASE") switch
    {
        null or "" or "Sqlite" => DatabaseProvider.Sqlite,
        "PostgreSql" => DatabaseProvider.PostgreSql,
        var other => throw new InvalidOperationException($"LIVESHOP_TEST_DATABASE is {other}: the suite runs on Sqlite or PostgreSql."),
    };

    /// <summary>This server's database: the suite's, except for tests of one provider's own settings.</summary>
    protected virtual DatabaseProvider Database => SuiteDatabase;

    /// <summary>The connection string of this server's database.</summary>
    public virtual string ConnectionString => Database switch
    {
        DatabaseProvider.PostgreSql => new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer) { Database = "liveshop_" + Path.GetFileName(_folder) }.ToString(),
        _ => $"Data Source={DatabasePath}",
    };

    private static string PostgresServer =>
        System.Environment.GetEnvironmentVariable("LIVESHOP_TEST_POSTGRES")
        ?? throw new InvalidOperationException("LIVESHOP_TEST_DATABASE is PostgreSql but LIVESHOP_TEST_POSTGRES (a connection string to the server) is not set.");

    /// <summary>A context on this server's database, outside the app (what another process would see).</summary>
    public LiveShopDbContext NewDbContext() => Database switch
    {
        DatabaseProvider.PostgreSql => new PostgreSqlLiveShopDbContext(new DbContextOptionsBuilder<PostgreSqlLiveShopDbContext>().UseNpgsql(ConnectionString).Options),
        _ => new SqliteLiveShopDbContext(new DbContextOptionsBuilder<SqliteLiveShopDbContext>().UseSqlite(ConnectionString).Options),
    };

    /// <summary>Served at <c>/streams/</c> (Video:LocalStreamsDirectory): where tests write live HLS.</summary>
    public string StreamsFolder => Path.Combine(_folder, "streams");

    /// <summary>Email:PickupDirectory: where mail goes when no SMTP server is configured (never the source tree's App_Data).</summary>
    public string MailFolder => Path.Combine(_folder, "mail");
    /// <summary>Media:ImagesDirectory: where stored photos go in tests (not the server project's App_Data).</summary>
    public string ImagesFolder => Path.Combine(_folder, "images");

    /// <summary>A server this factory does not host (another process, nginx in front of several): its address, else null.</summary>
    protected virtual Uri? ExternalAddress => null;

    /// <summary>Whether hub connections go straight to WebSockets without SignalR's negotiate, as the app's own client does.</summary>
    protected virtual bool SkipNegotiation => false;

    public Uri BaseAddress
    {
        get
        {
            if (ExternalAddress is { } external)
            {
                return external;
            }

            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Database:Provider", Database.ToString());
        builder.UseSetting("ConnectionStrings:" + DataExtensions.ConnectionStringName, ConnectionString);
        builder.UseSetting("DataProtection:KeysDirectory", Path.Combine(_folder, "keys"));
        builder.UseSetting("Video:LocalStreamsDirectory", StreamsFolder);
        builder.UseSetting("Email:PickupDirectory", MailFolder);
        builder.UseSetting("Media:ImagesDirectory", ImagesFolder);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        if (!DefaultLimits)
        {
            foreach (var (name, value) in RaisedLimits)
            {
                builder.UseSetting(name, value);
            }
        }
    }

    /// <summary>
    /// An HTTP client with its own cookie jar, like one browser. Like the app's own client, it fetches the antiforgery
    /// token for bodiless and multipart calls (see <see cref="LiveShop.Client.Services.AntiforgeryHandler"/>).
    /// </summary>
    public HttpClient NewBrowser(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        return new HttpClient(new LiveShop.Client.Services.AntiforgeryHandler(handler)) { BaseAddress = BaseAddress };
    }

    public HttpClient NewBrowser() => NewBrowser(out _);

    /// <summary>Signs in and returns the signed-in browser with its cookies.</summary>
    public async Task<SignedIn> SignInAsync(string email, string password = DemoSeeder.DemoPassword)
    {
        var http = NewBrowser(out var cookies);
        var response = await http.PostAsJsonAsync(ApiRoutes.SignIn, new SignInRequest(email, password, false));
        response.EnsureSuccessStatusCode();
        var me = (await response.Content.ReadFromJsonAsync<CurrentUserDto>())!;
        return new SignedIn(http, cookies, me);
    }

    /// <summary>
    /// Registers a new account (a second host, a fresh viewer) and returns it signed in. A host joins
    /// the demo shop's team as a host (as the shop's owner would invite them), so it can schedule
    /// shows of the demo catalog; <see cref="RegisterSellerAsync"/> makes one who opens a shop of their own.
    /// </summary>
    public async Task<SignedIn> RegisterAsync(bool asHost, string? displayName = null)
    {
        var http = NewBrowser(out var cookies);
        var email = $"user-{Guid.NewGuid():N}@liveshop.test";
        var response = await http.PostAsJsonAsync(ApiRoutes.Register, new RegisterRequest(email, "Passw0rd-test", displayName ?? "Test User", asHost));
        response.EnsureSuccessStatusCode();
        var user = (await response.Content.ReadFromJsonAsync<CurrentUserDto>())!;
        if (asHost)
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
            if (await db.Shops.AnyAsync(s => s.Id == DemoSeeder.DemoShopId))
            {
                db.ShopMembers.Add(new ShopMember(DemoSeeder.DemoShopId, user.Id!.Value, ShopRole.Host, DateTimeOffset.UtcNow));
                await db.SaveChangesAsync();
            }
        }

        return new SignedIn(http, cookies, user);
    }

    /// <summary>A new seller with a shop of their own (its owner), signed in: "shop B" of the tenancy tests.</summary>
    public async Task<(SignedIn Seller, ShopDto Shop)> RegisterSellerAsync(string shopName = "Aegean Olive Co.", string currency = Currencies.Eur)
    {
        var seller = await RegisterAsync(asHost: false, "Seller " + shopName);
        var slug = "shop-" + Guid.NewGuid().ToString("N")[..10];
        var response = await seller.Http.PostAsJsonAsync(ApiRoutes.Shops, new ShopSettingsRequest(shopName, slug, "GR", currency, "owner@" + slug + ".test", "Europe/Athens"));
        response.EnsureSuccessStatusCode();
        return (seller, (await response.Content.ReadFromJsonAsync<ShopDto>())!);
    }

    public async Task<SignedIn> GuestAsync(string displayName)
    {
        var http = NewBrowser(out var cookies);
        var response = await http.PostAsJsonAsync(ApiRoutes.Guest, new GuestRequest(displayName));
        response.EnsureSuccessStatusCode();
        return new SignedIn(http, cookies, (await response.Content.ReadFromJsonAsync<CurrentUserDto>())!);
    }

    /// <summary>A started SignalR connection to the live hub, carrying the given cookies (none: anonymous).</summary>
    public async Task<HubConnection> ConnectAsync(CookieContainer? cookies = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, HubRoutes.Live), options =>
            {
                if (cookies is not null)
                {
                    options.Cookies = cookies;
                }

                if (SkipNegotiation)
                {
                    options.SkipNegotiation = true;
                    options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                }
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    private async Task DropPostgresDatabaseAsync()
    {
        var database = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database;
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsFolder)
        {
            return;
        }

        if (Database == DatabaseProvider.PostgreSql)
        {
            await DropPostgresDatabaseAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>The app started in Production: no demo data.</summary>
public sealed class ProductionLiveShopFactory : LiveShopFactory
{
    protected override string Environment => "Production";
}

public sealed record SignedIn(HttpClient Http, CookieContainer Cookies, CurrentUserDto User);
