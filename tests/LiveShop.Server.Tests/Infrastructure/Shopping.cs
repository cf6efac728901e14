using System.Net.Http.Json;
using System.Text.Json;
using LiveShop.Shared;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Orders;

namespace LiveShop.Server.Tests.Infrastructure;

/// <summary>Buying through the real HTTP API, the way the checkout sheet does.</summary>
public static class Shopping
{
    public static readonly ShippingAddressDto Address = new("Wang Xiao", "No. 7, Lane 3, Yongkang St.", null, "Taipei", "106", "Taiwan", "+886 912 345 678");

    public static readonly PaymentDetailsDto GoodCard = new(PaymentMethod.Card, TestCards.Succeeds);

    public static readonly PaymentDetailsDto DeclinedCard = new(PaymentMethod.Card, TestCards.Declined);

    public static PlaceOrderRequest Request(Guid showId, Guid productId, decimal expectedPrice, int quantity = 1, PaymentDetailsDto? payment = null) =>
        new(showId, [new PlaceOrderLine(productId, quantity, expectedPrice)], Address, payment ?? GoodCard);

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
