using System.Net.Http.Json;
using LiveShop.Shared;
using LiveShop.Shared.Orders;

namespace LiveShop.Client.Services;

public sealed partial class ApiClient
{
    /// <summary>A gift as its recipient sees it; the link's token goes in a header, never in the URL.</summary>
    public async Task<GiftPageDto> GiftAsync(Guid orderId, string token)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.Gift(orderId));
        message.Headers.Add(ApiRoutes.GiftTokenHeader, token);
        return await ReadAsync(await http.SendAsync(message), Json.GiftPageDto);
    }

    /// <summary>The recipient accepts the gift with the address it goes to.</summary>
    public async Task<GiftPageDto> AcceptGiftAsync(Guid orderId, string token, ShippingAddressDto address)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.AcceptGift(orderId))
        {
            Content = JsonContent.Create(new AcceptGiftRequest(address), Json.AcceptGiftRequest),
        };
        message.Headers.Add(ApiRoutes.GiftTokenHeader, token);
        return await ReadAsync(await http.SendAsync(message), Json.GiftPageDto);
    }
}
