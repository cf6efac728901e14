using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Features.Shops;
using LiveShop.Server.Features.Shows;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Data;

/// <summary>
/// Development-only demo: the shop "Formosa Tea &amp; Beauty" (slug <c>formosa</c>) with its team (owner,
/// hosts, moderator), a platform administrator, two viewers, a catalog of eight products with bundled
/// images, and a scheduled show whose video is the bundled clip. Idempotent: each part is added only when missing.
/// </summary>
internal sealed class DemoSeeder(LiveShopDbContext db, UserManager<AppUser> users, Features.Media.StoreImage images, TimeProvider clock)
{
    /// <summary>The password of every demo account. Development only: these accounts are never created in Production.</summary>
    public const string DemoPassword = "LiveShop-demo1";

    /// <summary>The demo shop; also the shop the Shops migration moves an older database's products and shows into.</summary>
    public static readonly Guid DemoShopId = Guid.Parse("5e1f0000-0000-4000-8000-000000000051");

    public static readonly Guid DemoShowId = Guid.Parse("5e1f0000-0000-4000-8000-000000000001");

    public static readonly DemoAccount HostAccount = new(Guid.Parse("5e1f0000-0000-4000-8000-0000000000a1"), "host@liveshop.test", "Mei Lin", Roles.Host);
    public static readonly DemoAccount ModeratorAccount = new(Guid.Parse("5e1f0000-0000-4000-8000-0000000000a2"), "mod@liveshop.test", "Nikos Papadakis", Roles.Moderator);
    public static readonly DemoAccount ViewerAccount = new(Guid.Parse("5e1f0000-0000-4000-8000-0000000000a3"), "viewer@liveshop.test", "Xiao Wang", Roles.Viewer);
    public static readonly DemoAccount SecondViewerAccount = new(Guid.Parse("5e1f0000-0000-4000-8000-0000000000a4"), "viewer2@liveshop.test", "Eleni Georgiou", Roles.Viewer);

    public static readonly DemoAccount CoHostAccount = new(Guid.Parse("5e1f0000-0000-4000-8000-0000000000a5"), "cohost@liveshop.test", "Chen Yu-ting", Roles.Host);

    public static readonly DemoAccount OwnerAccount = new(Guid.Parse("5e1f0000-0000-4000-8000-0000000000a6"), "owner@liveshop.test", "Lin Ya-ting", Roles.Host);

    public static readonly DemoAccount AdminAccount = new(Guid.Parse("5e1f0000-0000-4000-8000-0000000000a7"), "admin@liveshop.test", "Platform Admin", Roles.Administrator);

    public static readonly IReadOnlyList<DemoAccount> Accounts = [HostAccount, ModeratorAccount, ViewerAccount, SecondViewerAccount, CoHostAccount, OwnerAccount, AdminAccount];

    /// <summary>The demo shop's team: the owner, the two hosts and the moderator.</summary>
    public static readonly IReadOnlyList<(DemoAccount Account, ShopRole Role)> Team =
        [(OwnerAccount, ShopRole.Owner), (HostAccount, ShopRole.Host), (CoHostAccount, ShopRole.Host), (ModeratorAccount, ShopRole.Moderator)];

    /// <summary>New instances each time: a seeded product is changed afterwards (the scarf's photos), and each database gets its own.</summary>
    private static IReadOnlyList<Product> Catalog() =>
    [
        Make(1, "TW-JADE-ROLLER", "Jade Face Roller", "Cool Xiuyan jade, double-ended, for a morning de-puff. Comes in a silk pouch.", "jade-roller", 690m, Currencies.Twd, 40),
        Make(2, "TW-OOLONG-150", "Alishan High-Mountain Oolong, 150 g", "Spring harvest from 1,400 m, lightly roasted, floral and creamy. Brews five times.", "oolong-tea", 890m, Currencies.Twd, 60),
        Make(3, "TW-CLAY-TEAPOT", "Handmade Clay Teapot", "Thrown by hand in Yingge, 180 ml, seasons beautifully with oolong.", "clay-teapot", 1980m, Currencies.Twd, 12),
        Make(4, "TW-PINEAPPLE-12", "Pineapple Cakes, box of 12", "Buttery crust, real pineapple filling, baked the morning we ship.", "pineapple-cakes", 450m, Currencies.Twd, 120),
        Scarf(Make(5, "TW-SILK-SCARF", "Hand-dyed Silk Scarf", "Pure silk twill, 90 × 90 cm, dyed with indigo, tea or jade leaf.", "silk-scarf", 1290m, Currencies.Twd, 0)),
        Make(6, "TW-BOBA-KIT", "Bubble Tea Kit", "Black-sugar pearls, assam tea and wide straws: six cups at home.", "bubble-tea-kit", 590m, Currencies.Twd, 80),
        Make(7, "GR-OLIVE-500", "Cretan Olive Oil, 500 ml", "Koroneiki extra virgin, cold-pressed in November, acidity 0.3 %.", "olive-oil", 14.90m, Currencies.Eur, 50),
        Make(8, "GR-MASTIHA-50", "Chios Mastiha Tears, 50 g", "Natural mastic resin from the south of Chios, for chewing and baking.", "mastiha", 7.50m, Currencies.Eur, 70),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var account in Accounts)
        {
            await EnsureAccountAsync(account);
        }

        await EnsureShopAsync(cancellationToken);

        var existing = await db.Products.Select(p => p.Sku).ToListAsync(cancellationToken);
        var added = Catalog().Where(p => !existing.Contains(p.Sku)).ToList();
        db.Products.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        if (added.SingleOrDefault(p => p.Id == ProductId(5)) is { } scarf)
        {
            await AddScarfPhotosAsync(scarf, cancellationToken);
        }

        if (!await db.Shows.AnyAsync(s => s.Id == DemoShowId, cancellationToken))
        {
            var now = clock.GetUtcNow();
            var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(2);
            var show = new Show(
                DemoShowId,
                DemoShopId,
                HostAccount.Id,
                "Friday Night Tea & Beauty",
                "Mei pours this season's Alishan oolong, shows the new clay teapots and the jade roller — with flash prices all evening.",
                start,
                Currencies.Twd,
                VideoSourceKind.StreamUrl,
                "/media/demo.mp4",
                now);
            show.SetLineup([ProductId(2), ProductId(3), ProductId(1), ProductId(6), ProductId(4), ProductId(5)]);
            show.SetCommission(0.12m, CoHostAccount.Id, 0.30m);
            db.Shows.Add(show);

            // The demo moderator works this show's desk.
            db.ShowModerators.Add(new Features.Moderation.ShowModerator(show.Id, ModeratorAccount.Id, HostAccount.Id, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The demo shop and its team. A database the Shops migration upgraded already has the shop (as
    /// "My shop", holding the older products and shows): it gets the demo's name and address.
    /// </summary>
    private async Task EnsureShopAsync(CancellationToken cancellationToken)
    {
        var settings = new ShopSettings("Formosa Tea & Beauty", "formosa", "TW", Currencies.Twd, "hello@formosa.liveshop.test", "Asia/Taipei");
        var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == DemoShopId, cancellationToken);
        if (shop is null)
        {
            db.Shops.Add(new Shop(DemoShopId, settings, clock.GetUtcNow()));
        }
        else if (shop.Slug != settings.Slug)
        {
            shop.Apply(settings);
        }

        foreach (var (account, role) in Team)
        {
            if (!await db.ShopMembers.AnyAsync(m => m.ShopId == DemoShopId && m.UserId == account.Id, cancellationToken))
            {
                db.ShopMembers.Add(new ShopMember(DemoShopId, account.Id, role, clock.GetUtcNow()));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One stored photo per colour, through the upload pipeline (so the sizes and URLs are a real upload's); the first is the cover.</summary>
    private async Task AddScarfPhotosAsync(Product scarf, CancellationToken cancellationToken)
    {
        foreach (var (_, dye, border) in DemoPhotos.Scarves)
        {
            using var png = new MemoryStream(DemoPhotos.Scarf(dye, border));
            var stored = await images.StoreAsync(png, cancellationToken);
            scarf.AddPhoto(Guid.CreateVersion7(), PhotoSizes.From(stored), clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The demo's product with variants: the scarf in three colours, jade dyed dearer, 25 in all.</summary>
    private static Product Scarf(Product scarf)
    {
        scarf.SetVariants(new VariantsInput(["Colour"],
        [
            new VariantInput(null, "TW-SILK-SCARF-IND", ["Indigo"], null, 10),
            new VariantInput(null, "TW-SILK-SCARF-TEA", ["Tea"], null, 8),
            new VariantInput(null, "TW-SILK-SCARF-JADE", ["Jade"], 1390m, 7),
        ]), default, out _);
        scarf.StartWithVariantStock();
        return scarf;
    }

    public static Guid ProductId(int n) => Guid.Parse($"5e1f0000-0000-4000-9000-{n:D12}");

    private async Task EnsureAccountAsync(DemoAccount account)
    {
        if (await users.FindByIdAsync(account.Id.ToString()) is not null)
        {
            return;
        }

        var user = new AppUser
        {
            Id = account.Id,
            UserName = account.Email,
            Email = account.Email,
            EmailConfirmed = true,
            DisplayName = account.DisplayName,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, DemoPassword);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Could not seed {account.Email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
        }

        await users.AddToRoleAsync(user, account.Role);
    }

    private static Product Make(int n, string sku, string name, string description, string image, decimal price, string currency, int stock) =>
        new(ProductId(n), DemoShopId, sku, name, description, $"/img/products/{image}.svg", price, currency, stock);
}

internal sealed record DemoAccount(Guid Id, string Email, string DisplayName, string Role);
