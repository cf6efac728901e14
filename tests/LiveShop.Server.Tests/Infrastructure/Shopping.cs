using System.Net.Http.Json;
using System.Text.Json;
using LiveShop.Server.Features.Catalog;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>Buying through the real HTTP API, the way the checkout sheet does.</summary>
public static class Shopping
{
    public static readonly ShippingAddressDto Address = new("Wang Xiao", "No. 7, Lane 3, Yongkang St.", null, "Taipei", "106", "Taiwan", "+886 912 345 678");

    public static readonly PaymentDetailsDto GoodCard = new(PaymentMethod.Card, TestCards.Succeeds);

    public static readonly PaymentDetailsDto DeclinedCard = new(PaymentMethod.Card, TestCards.Declined);

    public static PlaceOrderRequest Request(Guid showId, Guid productId, decimal expectedPrice, int quantity = 1, PaymentDetailsDto? payment = null) =>
        new(showId, [new PlaceOrderLine(productId, quantity, expectedPrice)], Address, payment ?? GoodCard);

    /// <summary>An order of one variant of a product with variants, at the price the buyer saw for it.</summary>
    public static PlaceOrderRequest Request(Guid showId, Guid productId, Guid variantId, decimal expectedPrice, int quantity = 1, PaymentDetailsDto? payment = null) =>
        new(showId, [new PlaceOrderLine(productId, quantity, expectedPrice, variantId)], Address, payment ?? GoodCard);

    /// <summary>A product's stock as stored: its total and each variant's.</summary>
    public static Task<(int Total, IReadOnlyDictionary<Guid, int> Variants)> VariantStockAsync(this LiveShopFactory factory, Guid productId) =>
        factory.ReadAsync(async db => (
            await db.Products.Where(p => p.Id == productId).Select(p => p.Stock).SingleAsync(),
            (IReadOnlyDictionary<Guid, int>)await db.Set<ProductVariant>().Where(v => v.ProductId == productId).ToDictionaryAsync(v => v.Id, v => v.Stock)));

    /// <summary>Sets a variant's stock directly (there is no live-room stock API), moving the product's total by the same amount.</summary>
    public static Task SetVariantStockAsync(this LiveShopFactory factory, Guid productId, Guid variantId, int stock) =>
        factory.ReadAsync(async db =>
        {
            var before = await db.Set<ProductVariant>().Where(v => v.Id == variantId).Select(v => v.Stock).SingleAsync();
            await db.Set<ProductVariant>().Where(v => v.Id == variantId).ExecuteUpdateAsync(v => v.SetProperty(x => x.Stock, stock));
            return await db.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(p => p.SetProperty(x => x.Stock, x => x.Stock + stock - before));
        });

    public static async Task<HttpResponseMessage> PostOrderAsync(this HttpClient http, PlaceOrderRequest request, string? key = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Orders) { Content = JsonContent.Create(request) };
        if (key is not null)
        {
            message.Headers.Add(ApiRoutes.IdempotencyKeyHeader, key);
        }

        return await http.SendAsync(message);
    }

    /// <summary>Places an order that must succeed (201) and returns it.</summary>
    public static async Task<OrderDto> BuyAsync(this HttpClient http, PlaceOrderRequest request)
    {
        var response = await http.PostOrderAsync(request, Guid.NewGuid().ToString());
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<OrderDto>())!;
    }

    public static async Task<int> StockAsync(this HttpClient http, Guid productId) =>
        (await http.GetFromJsonAsync<ProductDto>(ApiRoutes.Product(productId)))!.Stock;

    public static async Task<IReadOnlyList<OrderDto>> MyOrdersAsync(this HttpClient http) =>
        (await http.GetFromJsonAsync<IReadOnlyList<OrderDto>>(ApiRoutes.Orders))!;

    /// <summary>A ProblemDetails extension, as JSON.</summary>
    public static async Task<JsonElement> ProblemJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());
}
