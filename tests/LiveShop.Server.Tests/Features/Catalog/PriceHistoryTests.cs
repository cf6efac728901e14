using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveShop.Server.Tests.Features.Catalog;

/// <summary>
/// The EU's 30-day rule on the fake clock: prices are recorded as they change, and a reduction shows the
/// lowest regular price of the 30 days before it started, in shops that show it.
/// </summary>
public class PriceHistoryTests(FakeClockLiveShopFactory factory) : IClassFixture<FakeClockLiveShopFactory>
{
    private static string Sku() => "PH-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public async Task CreatingAndRepricing_RecordsEachPriceFromItsMoment()
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var created = factory.Clock.GetUtcNow();
        var product = await CreateAsync(owner, 20m);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var repriced = factory.Clock.GetUtcNow();
        var edit = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopProduct(DemoSeeder.DemoShopId, product.Id),
            new SaveProductRequest(product.Sku, product.Name, "", 25m, null, Currencies.Twd, 0));
        edit.EnsureSuccessStatusCode();
        var renamed = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopProduct(DemoSeeder.DemoShopId, product.Id),
            new SaveProductRequest(product.Sku, product.Name + " (new name)", "", 25m, null, Currencies.Twd, 0));
        renamed.EnsureSuccessStatusCode();

        var history = await HistoryAsync(product.Id);

        Assert.Equal([20m, 25m], history.Select(e => e.Price));

        // SQLite keeps times to a tenth of a millisecond.
        Assert.InRange(history[0].EffectiveFrom, created.AddMilliseconds(-1), created);
        Assert.InRange(history[1].EffectiveFrom, repriced.AddMilliseconds(-1), repriced);
    }

    [Fact]
    public async Task FlashPrice_ShowsTheLowestRegularPriceOfThe30DaysBeforeItStarts()
    {
        await SetRuleAsync(true);
        var product = await ProductWithHistoryAsync(current: 25m, (20m, 40), (25m, 10));
        await using var room = await LiveRoom.StartAsync(factory, lineup: [product]);

        var started = await room.StartSaleAsync(product, 18m);

        // 20 for 40 days, raised to 25 ten days ago: the 20 was in force for most of the window.
        Assert.Equal(20m, started.Sale.LowestPrice30Days);
        await using var viewer = await RoomWatcher.JoinAsync(factory, room.Show);
        Assert.Equal(20m, Assert.Single(viewer.State.Sales.Values).LowestPrice30Days);
    }

    [Fact]
    public async Task FlashPrice_DoesNotCountAPriceThatEndedMoreThan30DaysAgo()
    {
        await SetRuleAsync(true);
        var product = await ProductWithHistoryAsync(current: 25m, (15m, 45), (20m, 31), (25m, 10));
        await using var room = await LiveRoom.StartAsync(factory, lineup: [product]);

        var started = await room.StartSaleAsync(product, 18m);

        Assert.Equal(20m, started.Sale.LowestPrice30Days);
    }

    [Fact]
    public async Task FlashPrice_InAShopWithTheRuleOff_ShowsNoLowestPrice()
    {
        // The demo shop sells in NT$: off by default, and turned off again here whatever another test did.
        await SetRuleAsync(false);
        var product = await ProductWithHistoryAsync(current: 25m, (20m, 40), (25m, 10));
        await using var room = await LiveRoom.StartAsync(factory, lineup: [product]);

        var started = await room.StartSaleAsync(product, 18m);

        Assert.Null(started.Sale.LowestPrice30Days);
    }

    [Fact]
    public async Task NewShops_InEuros_ShowTheLowestPrice_InOtherCurrencies_DoNot()
    {
        var (_, euro) = await factory.RegisterSellerAsync("Aegean Honey", Currencies.Eur);
        var (_, dollar) = await factory.RegisterSellerAsync("Taipei Tea House", Currencies.Twd);

        Assert.True(euro.ShowLowestPrice30Days);
        Assert.False(dollar.ShowLowestPrice30Days);
    }

    [Fact]
    public async Task CompareAtPrice_ShowsTheLowestPriceOfThe30DaysBeforeTheCurrentPriceTookEffect()
    {
        await SetRuleAsync(true);
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);

        // 20 for 40 days, cut to 15 "was 30" five days ago: the rule shows 20, not the 30 it claims.
        var product = await ProductWithHistoryAsync(current: 15m, (20m, 40), (15m, 5));
        var edit = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopProduct(DemoSeeder.DemoShopId, product),
            new SaveProductRequest(Sku(), "Compare-at test", "", 15m, 30m, Currencies.Twd, 0));
        edit.EnsureSuccessStatusCode();
        var shown = await owner.Http.GetFromJsonAsync<ShopProductDto>(ApiRoutes.ShopProduct(DemoSeeder.DemoShopId, product));

        Assert.Equal(30m, shown!.CompareAtPrice);
        Assert.Equal(20m, shown.LowestPrice30Days);

        await SetRuleAsync(false);
        var off = await owner.Http.GetFromJsonAsync<ShopProductDto>(ApiRoutes.ShopProduct(DemoSeeder.DemoShopId, product));
        Assert.Null(off!.LowestPrice30Days);
    }

    [Fact]
    public void Lowest_OfAProductYoungerThanTheReduction_IsNone()
    {
        var now = DateTimeOffset.UtcNow;

        Assert.Null(PriceHistory.Lowest([(20m, now)], now));
        Assert.Equal(20m, PriceHistory.Lowest([(20m, now.AddDays(-1))], now));
    }

    private async Task SetRuleAsync(bool on)
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var shop = (await owner.Http.GetFromJsonAsync<ShopDto>(ApiRoutes.Shop(DemoSeeder.DemoShopId)))!;
        var saved = await owner.Http.PutAsJsonAsync(ApiRoutes.Shop(shop.Id),
            new ShopSettingsRequest(shop.Name, shop.Slug, shop.Country, shop.DefaultCurrency, shop.ContactEmail, shop.TimeZone, on));
        saved.EnsureSuccessStatusCode();
        Assert.Equal(on, (await saved.Content.ReadFromJsonAsync<ShopDto>())!.ShowLowestPrice30Days);
    }

    private async Task<ShopProductDto> CreateAsync(SignedIn owner, decimal price)
    {
        var response = await owner.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(DemoSeeder.DemoShopId),
            new SaveProductRequest(Sku(), "Price history test", "", price, null, Currencies.Twd, 0, InitialStock: 20));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ShopProductDto>())!;
    }

    /// <summary>A product at <paramref name="current"/> whose recorded prices are replaced by <paramref name="prices"/> (price, days ago).</summary>
    private async Task<Guid> ProductWithHistoryAsync(decimal current, params (decimal Price, int DaysAgo)[] prices)
    {
        var owner = await factory.SignInAsync(DemoSeeder.OwnerAccount.Email);
        var product = await CreateAsync(owner, current);
        var now = factory.Clock.GetUtcNow();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        await db.Set<PriceHistoryEntry>().Where(e => e.ProductId == product.Id).ExecuteDeleteAsync();
        db.Set<PriceHistoryEntry>().AddRange(prices.Select(p => new PriceHistoryEntry(product.Id, null, Currencies.Twd, p.Price, now.AddDays(-p.DaysAgo))));
        await db.SaveChangesAsync();
        return product.Id;
    }

    private async Task<List<PriceHistoryEntry>> HistoryAsync(Guid productId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveShopDbContext>();
        return (await db.Set<PriceHistoryEntry>().AsNoTracking().Where(e => e.ProductId == productId).ToListAsync())
            .OrderBy(e => e.EffectiveFrom).ToList();
    }
}
