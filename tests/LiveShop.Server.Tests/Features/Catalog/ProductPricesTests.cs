using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Tests.Infrastructure;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Features.Catalog;

/// <summary>
/// A product priced in more than one currency (docs/shops.md, “Prices in other currencies”): the form's
/// extra prices, a show in another currency taking the product at its price there, and the guard on dropping one.
/// </summary>
public class ProductPricesTests(LiveShopFactory factory) : IClassFixture<LiveShopFactory>
{
    private static readonly Guid Shop = DemoSeeder.DemoShopId;

    [Fact]
    public async Task CreateAndUpdate_WithExtraPrices_ShowsThemInTheProduct()
    {
        var owner = await OwnerAsync();
        var sku = Unique("TEA");

        var created = await CreateAsync(owner, Save(sku, new ProductPriceDto(Currencies.Eur, 26.90m, 29.90m), new ProductPriceDto(Currencies.Usd, 28m, null)));

        Assert.Equal(("EUR 26.90 29.90", "USD 28.00 -"), (Text(created.Prices![0]), Text(created.Prices[1])));
        Assert.Equal(Prices(created), Prices(await GetAsync(owner, created.Id)));

        // The list is the whole set: EUR changes, USD goes, HKD comes.
        var updated = await UpdateAsync(owner, created.Id, Save(sku, new ProductPriceDto(Currencies.Hkd, 220m, null), new ProductPriceDto(Currencies.Eur, 24.50m, null)));
        Assert.Equal("EUR 24.50 -;HKD 220.00 -", Prices(updated));

        // No list: no extra prices.
        var cleared = await UpdateAsync(owner, created.Id, Save(sku));
        Assert.Empty(cleared.Prices!);
        Assert.Equal(0, await factory.ReadAsync(db => db.Products.Where(p => p.Id == created.Id).SelectMany(p => p.Prices).CountAsync()));
    }

    [Fact]
    public async Task InvalidExtraPrices_AreRefused_NamingTheCurrency_AndWriteNothing()
    {
        var owner = await OwnerAsync();
        var existing = await CreateAsync(owner, Save(Unique("OK"), new ProductPriceDto(Currencies.Eur, 10m, null)));
        var before = await FingerprintAsync();
        (ProductPriceDto[] Prices, string Names)[] cases =
        [
            ([new("GBP", 10m, null)], "GBP"),
            ([new(Currencies.Twd, 900m, null)], "TWD"),
            ([new(Currencies.Eur, 10m, null), new(Currencies.Eur, 11m, null)], "EUR"),
            ([new(Currencies.Eur, 0m, null)], "EUR"),
            ([new(Currencies.Eur, Limits.PriceMax + 1, null)], "EUR"),
            ([new(Currencies.Eur, 10.999m, null)], "EUR"),
            ([new(Currencies.Usd, 10m, 10m)], "USD"),
        ];

        foreach (var (prices, names) in cases)
        {
            var created = await owner.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(Shop), Save(Unique("BAD"), prices));
            Assert.Contains(names, (await AssertProblemAsync(created, HttpStatusCode.BadRequest, ProblemCodes.ProductInvalid)).Detail, StringComparison.Ordinal);
            var updated = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopProduct(Shop, existing.Id), Save(existing.Sku, prices));
            await AssertProblemAsync(updated, HttpStatusCode.BadRequest, ProblemCodes.ProductInvalid);
        }

        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task AnEuroShow_TakesATaiwaneseProductWithAEuroPrice_ListsAndChargesThatPrice()
    {
        var owner = await OwnerAsync();
        var withEuro = await CreateAsync(owner, Save(Unique("OOLONG"), new ProductPriceDto(Currencies.Eur, 26.90m, 29.90m)) with { InitialStock = 5 });
        var withoutEuro = await CreateAsync(owner, Save(Unique("TWONLY")) with { InitialStock = 5 });
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);

        // The lineup picker lists it in euros; a product without a euro price is not offered, nor taken.
        var picker = await host.Http.GetFromJsonAsync<List<ProductDto>>($"{ApiRoutes.Products}?currency=EUR");
        var offered = Assert.Single(picker!, p => p.Id == withEuro.Id);
        Assert.Equal((26.90m, "EUR"), (offered.Price, offered.Currency));
        Assert.DoesNotContain(picker!, p => p.Id == withoutEuro.Id);
        var refused = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, EuroShow("Athens tea", withEuro.Id, withoutEuro.Id));
        Assert.Contains(withoutEuro.Name, (await AssertProblemAsync(refused, HttpStatusCode.BadRequest, ProblemCodes.LineupCurrencyMismatch)).Detail, StringComparison.Ordinal);

        var show = await CreateShowAsync(host, EuroShow("Athens tea", withEuro.Id));
        var item = Assert.Single(show.Lineup);
        Assert.Equal((26.90m, "EUR"), (item.Price, item.Currency));

        await GoLiveAsync(host, show);
        var buyer = await factory.GuestAsync("Athens Buyer");
        var order = await buyer.Http.BuyAsync(Shopping.Request(show.Id, withEuro.Id, 26.90m, quantity: 2));

        Assert.Equal(("EUR", 53.80m), (order.Currency, order.Total));
        Assert.Equal((26.90m, 26.90m), (order.Lines[0].UnitPrice, order.Lines[0].ListPrice));

        // The main price (NT$890) is not what a euro show sells at.
        var wrongPrice = await buyer.Http.PostOrderAsync(Shopping.Request(show.Id, withEuro.Id, 890m), Guid.NewGuid().ToString());
        Assert.Equal(ProblemCodes.PriceChanged, (await Problem.ReadAsync(wrongPrice)).Code);
    }

    [Fact]
    public async Task AVariantProduct_InAnEuroShow_SellsEveryVariantAtItsEuroPrice()
    {
        var owner = await OwnerAsync();
        var sku = Unique("SCARF");
        var product = await CreateAsync(owner, Save(sku, new ProductPriceDto(Currencies.Eur, 39.50m, null)) with
        {
            Options = ["Colour"],
            Variants = [new SaveVariantRequest(null, $"{sku}-I", ["Indigo"], null, 4), new SaveVariantRequest(null, $"{sku}-J", ["Jade"], 1390m, 4)],
        });
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await CreateShowAsync(host, EuroShow("Athens scarves", product.Id));

        var item = Assert.Single(show.Lineup);
        Assert.Equal([("Indigo", 39.50m), ("Jade", 39.50m)], item.Variants!.Select(v => (v.Label, v.Price)));
        await GoLiveAsync(host, show);
        var jade = item.Variants!.Single(v => v.Label == "Jade").Id;
        var buyer = await factory.GuestAsync("Scarf in Athens");

        var order = await buyer.Http.BuyAsync(Shopping.Request(show.Id, product.Id, jade, 39.50m));

        Assert.Equal(("EUR", 39.50m, "Jade"), (order.Currency, order.Total, order.Lines[0].VariantLabel));
        Assert.Equal((7, 3), await factory.ReadAsync(async db => (
            await db.Products.Where(p => p.Id == product.Id).Select(p => p.Stock).SingleAsync(),
            await db.Set<Server.Features.Catalog.ProductVariant>().Where(v => v.Id == jade).Select(v => v.Stock).SingleAsync())));
    }

    [Fact]
    public async Task DroppingTheEuroPrice_WhileAScheduledEuroShowCarriesIt_IsRefused()
    {
        var owner = await OwnerAsync();
        var sku = Unique("POT");
        var product = await CreateAsync(owner, Save(sku, new ProductPriceDto(Currencies.Eur, 59m, null), new ProductPriceDto(Currencies.Usd, 64m, null)));
        var host = await factory.SignInAsync(DemoSeeder.HostAccount.Email);
        var show = await CreateShowAsync(host, EuroShow("Teapots in Athens", product.Id));

        var dropped = await owner.Http.PutAsJsonAsync(ApiRoutes.ShopProduct(Shop, product.Id), Save(sku, new ProductPriceDto(Currencies.Usd, 64m, null)));
        Assert.Contains(show.Title, (await AssertProblemAsync(dropped, HttpStatusCode.Conflict, ProblemCodes.ProductInvalid)).Detail, StringComparison.Ordinal);

        // Moving the main currency away from TWD is fine (no TWD show carries it), and so is dropping USD.
        var kept = await UpdateAsync(owner, product.Id, Save(sku, new ProductPriceDto(Currencies.Eur, 55m, null)) with { Currency = Currencies.Hkd, Price = 500m });
        Assert.Equal(("HKD", "EUR 55.00 -"), (kept.Currency, Prices(kept)));
        Assert.Equal(55m, (await host.Http.GetShowAsync(show.Id)).Lineup.Single().Price);

        // Making EUR the main currency keeps the show selling it (at the main price now).
        var main = await UpdateAsync(owner, product.Id, Save(sku) with { Currency = Currencies.Eur, Price = 57m });
        Assert.Equal(("EUR", ""), (main.Currency, Prices(main)));
        Assert.Equal(57m, (await host.Http.GetShowAsync(show.Id)).Lineup.Single().Price);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";

    private static SaveProductRequest Save(string sku, params ProductPriceDto[] prices) =>
        new(sku, $"Tea {sku}", "", 890m, null, Currencies.Twd, 0, Prices: prices.Length > 0 ? prices : null);

    private static CreateShowRequest EuroShow(string title, params Guid[] productIds) => ShowBuilder.Request(title, productIds) with { Currency = Currencies.Eur };

    private static string Text(ProductPriceDto p) => string.Create(CultureInfo.InvariantCulture, $"{p.Currency} {p.Price:0.00} {(p.CompareAtPrice is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "-")}");

    private static string Prices(ShopProductDto p) => string.Join(";", (p.Prices ?? []).Select(Text));

    private Task<SignedIn> OwnerAsync() => factory.SignInAsync(DemoSeeder.OwnerAccount.Email);

    private static async Task<ShowDetailDto> CreateShowAsync(SignedIn host, CreateShowRequest request)
    {
        var response = await host.Http.PostAsJsonAsync(ApiRoutes.Shows, request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ShowDetailDto>())!;
    }

    private async Task GoLiveAsync(SignedIn host, ShowDetailDto show)
    {
        await using var room = await RoomWatcher.JoinAsync(factory, show, host.Cookies);
        await room.Connection.InvokeAsync<ShowStatusEvent>(nameof(ILiveShowHub.GoLive), show.Id);
    }

    private static async Task<ShopProductDto> CreateAsync(SignedIn who, SaveProductRequest request)
    {
        var response = await who.Http.PostAsJsonAsync(ApiRoutes.ShopProducts(Shop), request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ShopProductDto>())!;
    }

    private static async Task<ShopProductDto> UpdateAsync(SignedIn who, Guid id, SaveProductRequest request)
    {
        var response = await who.Http.PutAsJsonAsync(ApiRoutes.ShopProduct(Shop, id), request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ShopProductDto>())!;
    }

    private static async Task<ShopProductDto> GetAsync(SignedIn who, Guid id) => (await who.Http.GetFromJsonAsync<ShopProductDto>(ApiRoutes.ShopProduct(Shop, id)))!;

    private static async Task<Problem> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(code, problem.Code);
        return problem;
    }

    /// <summary>Every product and extra price of the install, as text: equal snapshots mean nothing was written.</summary>
    private Task<string> FingerprintAsync() => factory.ReadAsync(async db =>
    {
        var products = await db.Products.AsNoTracking().ToListAsync();
        return string.Join("\n", products
            .Select(p => $"{p.Id}|{p.Sku}|{p.UpdatedAt:O}|{string.Join(",", p.OrderedPrices.Select(x => $"{x.Currency} {x.Price} {x.CompareAtPrice}"))}")
            .Order(StringComparer.Ordinal));
    });
}
