using LiveShop.Shared;
using LiveShop.Shared.Orders;

namespace LiveShop.Client.Services;

// A shop's payment settings (issue 12): Stripe keys, cash on delivery, bank transfer.
public sealed partial class ApiClient
{
    /// <summary>How the shop takes money (owners and managers); secrets only as "set".</summary>
    public Task<ShopPaymentSettingsDto> ShopPaymentsAsync(Guid shopId) => GetAsync(ApiRoutes.ShopPayments(shopId), Json.ShopPaymentSettingsDto);

    /// <summary>Saves them: a null secret keeps the stored one, an empty one removes it.</summary>
    public Task<ShopPaymentSettingsDto> SaveShopPaymentsAsync(Guid shopId, SaveShopPaymentSettingsRequest request) =>
        PutAsync(ApiRoutes.ShopPayments(shopId), request, Json.SaveShopPaymentSettingsRequest, Json.ShopPaymentSettingsDto);
}
