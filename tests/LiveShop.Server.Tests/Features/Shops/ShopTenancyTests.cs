using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Shops;

/// <summary>
/// Two shops on one install: the demo shop (A, "Formosa") and a seller's own (B). Nothing of A is
/// readable or changeable by B's people, and each role in A does only what it may; every refusal
/// changes nothing.
/// </summary>
public class ShopTenancyTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static readonly Guid ShopA = DemoSeeder.DemoShopId;

    [Fact]
    public async Task OtherShopsPeople_CannotReadOrChangeShopA_AndNothingChanges()
    {
        var (seller, shopB) = await factory.RegisterSellerAsync();
        var productA = DemoSeeder.ProductId(1);
        var before = await FingerprintAsync();

        await AssertRefusedAsync(await seller.Http.GetAsync(ApiRoutes.ShopProducts(ShopA)), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertRefusedAsync(await seller.Http.GetAsync(ApiRoutes.ShopProduct(ShopA, productA)), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertRefusedAsync(await seller.Http.PutAsJsonAsync(ApiRoutes.ShopProduct(ShopA, productA), Save("TW-JADE-ROLLER", "Stolen", 1m)), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertRefusedAsync(await seller.Http.PostAsJsonAsync(ApiRoutes.ProductStock(ShopA, productA), new AdjustStockRequest(-5, "gone")), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertRefusedAsync(await seller.Http.GetAsync(ApiRoutes.ShopMembers(ShopA)), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertRefusedAsync(await seller.Http.PostAsJsonAsync(ApiRoutes.ShopInvitations(ShopA), new InviteMemberRequest("friend@example.com", ShopRole.Owner)), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertRefusedAsync(await seller.Http.GetAsync(ApiRoutes.Shop(ShopA)), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertRefusedAsync(await seller.Http.GetAsync(ApiRoutes.ShopShows(ShopA)), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertRefusedAsync(await seller.Http.GetAsync(ApiRoutes.ShowSales(DemoSeeder.DemoShowId)), HttpStatusCode.Forbidden, ProblemCodes.NotShowHost);

        // A's product through B's address is not found (B's owner may read B, but A's product is not in it).
        await AssertRefusedAsync(await seller.Http.GetAsync(ApiRoutes.ShopProduct(shopB.Id, productA)), HttpStatusCode.NotFound, ProblemCodes.ProductNotFound);

        // A show of shop B with A's products: the lineup takes only B's own.
        var request = ShowBuilder.Request("Olive night", productA) with { Currency = Currencies.Twd, ShopId = shopB.Id };
        await AssertRefusedAsync(await seller.Http.PostAsJsonAsync(ApiRoutes.Shows, request), HttpStatusCode.BadRequest, ProblemCodes.LineupUnknownProduct);

        // B's owner cannot take A's demo show live.
        await AssertRefusedAsync(await seller.Http.PostAsync(ApiRoutes.GoLive(DemoSeeder.DemoShowId), null), HttpStatusCode.Forbidden, ProblemCodes.NotShowHost);

        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task ShopRoles_EachDoesOnlyWhatItMay()
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var moderator = await factory.SignInAsync(DemoSeeder.ModeratorAccount.Email);
        var viewer = await factory.SignInAsync(DemoSeeder.ViewerAccount.Email);

        // Every member reads the catalog; a viewer (no role in the shop) does not.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(ApiRoutes.ShopProducts(ShopA))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await moderator.Http.GetAsync(ApiRoutes.ShopProducts(ShopA))).StatusCode);
        await AssertRefusedAsync(await viewer.Http.GetAsync(ApiRoutes.ShopProducts(ShopA)), HttpStatusCode.Forbidden, ProblemCodes.NotShopMember);
        await AssertRefusedAsync(await factory.NewBrowser().GetAsync(ApiRoutes.ShopProducts(ShopA)), HttpStatusCode.Unauthorized, null);

        // Only owners and managers change it; only owners change the team and the settings.
        var sku = "T-" + Guid.NewGuid().ToString("N")[..8];
        await AssertRefusedAsync(await host.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(ShopA), Save(sku, "Host's product", 100m)), HttpStatusCode.Forbidden, ProblemCodes.ShopRoleTooLow);
        await AssertRefusedAsync(await moderator.Http.PostAsJsonAsync(ApiRoutes.ShopInvitations(ShopA), new InviteMemberRequest("x@example.com", ShopRole.Host)), HttpStatusCode.Forbidden, ProblemCodes.ShopRoleTooLow);
        await AssertRefusedAsync(await host.Http.PutAsJsonAsync(ApiRoutes.Shop(ShopA), new ShopSettingsRequest("Mine now", "formosa", "TW", "TWD", "a@b.test", "Asia/Taipei")), HttpStatusCode.Forbidden, ProblemCodes.ShopRoleTooLow);
        await AssertRefusedAsync(await host.Http.DeleteAsync(ApiRoutes.ShopMember(ShopA, DemoSeeder.ModeratorAccount.Id)), HttpStatusCode.Forbidden, ProblemCodes.ShopRoleTooLow);
        Assert.False(await ProductExistsAsync(sku));

        var created = await owner.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(ShopA), Save(sku, "Owner's product", 100m, initialStock: 7));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var product = (await created.Content.ReadFromJsonAsync<ShopProductDto>())!;
        Assert.Equal(7, product.Stock);
        Assert.Equal(ShopA, product.ShopId);
    }

    [Fact]
    public async Task Catalog_CreateEditDuplicateArchive_AndBadInputChangesNothing()
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var sku = "SCARF-" + Guid.NewGuid().ToString("N")[..6];
        var created = (await (await owner.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(ShopA), Save(sku, "Silk scarf 絲巾 Μαντήλι", 1290m, compareAt: 1590m, initialStock: 5))).Content.ReadFromJsonAsync<ShopProductDto>())!;
        Assert.Equal("Silk scarf 絲巾 Μαντήλι", created.Name);
        Assert.Equal(1590m, created.CompareAtPrice);

        var before = await FingerprintAsync();
        await AssertRefusedAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(ShopA), Save(sku, "Same SKU", 10m)), HttpStatusCode.Conflict, ProblemCodes.SkuTaken);
        await AssertRefusedAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(ShopA), Save("NEW-1", "", 10m)), HttpStatusCode.BadRequest, ProblemCodes.ProductInvalid);
        await AssertRefusedAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(ShopA), Save("NEW-2", "Negative", -1m)), HttpStatusCode.BadRequest, ProblemCodes.ProductInvalid);
        await AssertRefusedAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(ShopA), Save("NEW-3", "Huge", 1e12m)), HttpStatusCode.BadRequest, ProblemCodes.ProductInvalid);
        await AssertRefusedAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(ShopA), Save("NEW-4", "Cheaper was", 100m, compareAt: 90m)), HttpStatusCode.BadRequest, ProblemCodes.ProductInvalid);
        await AssertRefusedAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(ShopA), Save("NEW-5", new string('x', Limits.ProductNameMaxLength + 1), 100m)), HttpStatusCode.BadRequest, ProblemCodes.ProductInvalid);
        await AssertRefusedAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ProductStock(ShopA, created.Id), new AdjustStockRequest(-6, "Broken")), HttpStatusCode.Conflict, ProblemCodes.StockAdjustmentInvalid);
        await AssertRefusedAsync(await owner.Http.PostAsJsonAsync(ApiRoutes.ProductStock(ShopA, created.Id), new AdjustStockRequest(3, "")), HttpStatusCode.BadRequest, ProblemCodes.StockAdjustmentInvalid);
        await AssertRefusedAsync(await owner.Http.GetAsync(ApiRoutes.ShopProduct(ShopA, Guid.NewGuid())), HttpStatusCode.NotFound, ProblemCodes.ProductNotFound);
        Assert.Equal(before, await FingerprintAsync());

        var adjusted = (await (await owner.Http.PostAsJsonAsync(ApiRoutes.ProductStock(ShopA, created.Id), new AdjustStockRequest(-2, "Two damaged in transit"))).Content.ReadFromJsonAsync<StockAdjustmentDto>())!;
        Assert.Equal((5, 3), (adjusted.Before, adjusted.After));
        var log = (await owner.Http.GetFromJsonAsync<List<StockAdjustmentDto>>(ApiRoutes.ProductStock(ShopA, created.Id)))!;
        Assert.Equal(["Two damaged in transit", "Initial stock"], log.Select(l => l.Reason));
        Assert.All(log, l => Assert.Equal(DemoSeeder.OwnerAccount.DisplayName, l.ByName));

        var copy = (await (await owner.Http.PostAsync(ApiRoutes.DuplicateProduct(ShopA, created.Id), null)).Content.ReadFromJsonAsync<ShopProductDto>())!;
        Assert.Equal(sku + "-COPY", copy.Sku);
        Assert.Equal(0, copy.Stock);

        var archived = (await (await owner.Http.PostAsJsonAsync(ApiRoutes.ArchiveProduct(ShopA, copy.Id), new ArchiveProductRequest(true))).Content.ReadFromJsonAsync<ShopProductDto>())!;
        Assert.True(archived.IsArchived);
        var active = (await owner.Http.GetFromJsonAsync<PageDto<ShopProductDto>>(ApiRoutes.ShopProducts(ShopA) + "?search=" + sku))!;
        Assert.Equal([created.Id], active.Items.Select(p => p.Id));
        var archivedList = (await owner.Http.GetFromJsonAsync<PageDto<ShopProductDto>>(ApiRoutes.ShopProducts(ShopA) + "?archived=true&search=" + sku))!;
        Assert.Equal([copy.Id], archivedList.Items.Select(p => p.Id));

        // An archived product cannot join a new lineup.
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        await AssertRefusedAsync(await host.Http.PostAsJsonAsync(ApiRoutes.Shows, ShowBuilder.Request("Archived", copy.Id)), HttpStatusCode.BadRequest, ProblemCodes.ProductArchived);
    }

    [Fact]
    public async Task LowStock_FilterListsOnlyProductsAtOrBelowTheirThreshold()
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var tag = Guid.NewGuid().ToString("N")[..6];
        await owner.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(ShopA), Save($"LOW-{tag}", $"Low {tag}", 50m, initialStock: 2, lowStock: 3));
        await owner.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(ShopA), Save($"OK-{tag}", $"Plenty {tag}", 50m, initialStock: 20, lowStock: 3));

        var low = (await owner.Http.GetFromJsonAsync<PageDto<ShopProductDto>>(ApiRoutes.ShopProducts(ShopA) + $"?lowStock=true&search={tag}"))!;

        Assert.Equal([$"LOW-{tag}"], low.Items.Select(p => p.Sku));
        Assert.True(low.Items[0].IsLowStock);
    }

    [Fact]
    public async Task MissingFields_AreRefused_NeverReadAsDefaults()
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var admin = await factory.SignInAsync(DemoSeeder.AdminAccount.Email);
        var before = await FingerprintAsync();

        // A role left out would read as Owner; a flag left out as false ("reinstate", "restore").
        await AssertRefusedAsync(await owner.Http.PutAsync(ApiRoutes.ShopMember(ShopA, DemoSeeder.ModeratorAccount.Id), Json("{}")), HttpStatusCode.BadRequest, ProblemCodes.InvitationInvalid);
        await AssertRefusedAsync(await owner.Http.PostAsync(ApiRoutes.ShopInvitations(ShopA), Json("""{"email":"friend@example.com"}""")), HttpStatusCode.BadRequest, ProblemCodes.InvitationInvalid);
        await AssertRefusedAsync(await owner.Http.PostAsync(ApiRoutes.ArchiveProduct(ShopA, DemoSeeder.ProductId(1)), Json("{}")), HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        await AssertRefusedAsync(await admin.Http.PutAsync(ApiRoutes.AdminShopSuspension(ShopA), Json("{}")), HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);
        await AssertRefusedAsync(await admin.Http.PutAsync(ApiRoutes.AdminUserSuspension(DemoSeeder.HostAccount.Id), Json("{}")), HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);

        // Paging past the end is an empty page; a page number past any list is refused, never an overflow.
        var far = await owner.Http.GetFromJsonAsync<PageDto<ShopProductDto>>(ApiRoutes.ShopProducts(ShopA) + "?page=100000");
        Assert.Empty(far!.Items);
        await AssertRefusedAsync(await owner.Http.GetAsync(ApiRoutes.ShopProducts(ShopA) + "?page=2147483647"), HttpStatusCode.BadRequest, ProblemCodes.ValidationFailed);

        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task SameSku_TenAtOnce_OneProductAndNineConflicts_NeverA500()
    {
        var owners = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => factory.SignInAsync(DemoSeeder.OwnerAccount.Email)));
        var sku = "RACE-" + Guid.NewGuid().ToString("N")[..8];

        var answers = await Task.WhenAll(owners.Select(o => o.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(ShopA), Save(sku, "Raced", 100m))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        foreach (var refused in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
        {
            Assert.Equal(ProblemCodes.SkuTaken, (await Problem.ReadAsync(refused)).Code);
        }

        Assert.True(await ProductExistsAsync(sku));
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static SaveProductRequest Save(string sku, string name, decimal price, decimal? compareAt = null, int initialStock = 0, int lowStock = 0) =>
        new(sku, name, "Line one\nLine two", price, compareAt, Currencies.Twd, lowStock, initialStock);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        Assert.Equal(status, response.StatusCode);
        if (code is not null)
        {
            Assert.Equal(code, (await Problem.ReadAsync(response)).Code);
        }
    }

    private async Task<bool> ProductExistsAsync(string sku)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LiveShopDbContext>().Products.AnyAsync(p => p.Sku == sku);
    }

    /// <summary>Everything the refused calls could have touched: products, stock, log, members, invitations, shops, shows.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.ShopId}:{p.Sku}:{p.Name}:{p.Price}:{p.Stock}:{p.ArchivedAt}").ToListAsync();
        var log = await db.StockAdjustments.CountAsync();
        var members = await db.ShopMembers.AsNoTracking().OrderBy(m => m.ShopId).ThenBy(m => m.UserId).Select(m => $"{m.ShopId}:{m.UserId}:{m.Role}").ToListAsync();
        var invitations = await db.ShopInvitations.CountAsync();
        var shops = await db.Shops.AsNoTracking().OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.Name}:{s.Slug}").ToListAsync();
        var shows = await db.Shows.AsNoTracking().OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.Status}").ToListAsync();
        return string.Join("|", products.Concat(members).Concat(shops).Concat(shows).Append($"log={log}").Append($"inv={invitations}"));
    }
}
