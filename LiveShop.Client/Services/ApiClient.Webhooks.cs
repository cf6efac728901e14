using LiveShop.Shared;
using LiveShop.Shared.Shops;

namespace LiveShop.Client.Services;

// A shop's outbound webhooks (issue 12 part 5): endpoints, their deliveries, resend and test.
public sealed partial class ApiClient
{
    public Task<IReadOnlyList<WebhookEndpointDto>> WebhooksAsync(Guid shopId) => GetAsync(ApiRoutes.ShopWebhooks(shopId), Json.IReadOnlyListWebhookEndpointDto);

    /// <summary>Adds an endpoint; the answer holds its signing secret, shown this once.</summary>
    public Task<WebhookSecretDto> CreateWebhookAsync(Guid shopId, SaveWebhookEndpointRequest request) =>
        PostAsync(ApiRoutes.ShopWebhooks(shopId), request, Json.SaveWebhookEndpointRequest, Json.WebhookSecretDto);

    public Task<WebhookEndpointDto> UpdateWebhookAsync(Guid shopId, Guid endpointId, SaveWebhookEndpointRequest request) =>
        PutAsync(ApiRoutes.ShopWebhook(shopId, endpointId), request, Json.SaveWebhookEndpointRequest, Json.WebhookEndpointDto);

    public Task DeleteWebhookAsync(Guid shopId, Guid endpointId) => DeleteAsync(ApiRoutes.ShopWebhook(shopId, endpointId));

    public async Task<WebhookSecretDto> RollWebhookSecretAsync(Guid shopId, Guid endpointId) =>
        await ReadAsync(await http.PostAsync(ApiRoutes.ShopWebhookSecret(shopId, endpointId), content: null), Json.WebhookSecretDto);

    public Task<IReadOnlyList<WebhookDeliveryDto>> WebhookDeliveriesAsync(Guid shopId, Guid endpointId) =>
        GetAsync(ApiRoutes.ShopWebhookDeliveries(shopId, endpointId), Json.IReadOnlyListWebhookDeliveryDto);

    public async Task<WebhookDeliveryDto> ResendWebhookAsync(Guid shopId, Guid endpointId, Guid deliveryId) =>
        await ReadAsync(await http.PostAsync(ApiRoutes.ShopWebhookResend(shopId, endpointId, deliveryId), content: null), Json.WebhookDeliveryDto);

    public async Task<WebhookDeliveryDto> SendTestWebhookAsync(Guid shopId, Guid endpointId) =>
        await ReadAsync(await http.PostAsync(ApiRoutes.ShopWebhookTest(shopId, endpointId), content: null), Json.WebhookDeliveryDto);
}
