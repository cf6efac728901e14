using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Security;
using LiveShop.Shared.Orders;

namespace LiveShop.Server.Features.Gifts;

/// <summary>
/// A gift's link, <c>gift/{orderId}#{token}</c>: the token is a keyed hash of the order's id (<see cref="IdentityKeys.GiftToken"/>),
/// so the buyer can be shown it again and nobody can make one without the server's secret. Everything a buyer reads of
/// their own gift order goes through <see cref="ForBuyer"/>: the link added, the recipient's address taken out.
/// </summary>
public sealed class GiftLinks(IdentityKeys keys)
{
    /// <summary>The site path of the recipient's page (relative, like the client's routes).</summary>
    public string PathOf(Guid orderId) => $"gift/{orderId:N}#{keys.GiftToken(orderId)}";

    public bool Opens(Guid orderId, string? token) => keys.IsGiftToken(orderId, token);

    /// <summary>
    /// The order as its buyer may read it: a gift carries its link and never the address its recipient gave, nor the
    /// parcel's tracking (a carrier's page shows the town or the pick-up store).
    /// </summary>
    public OrderDto ForBuyer(OrderDto order) => order.Gift is not { } gift ? order : order with
    {
        ShippingAddress = ShippingAddress.None.ToDto(),
        Shipment = null,
        Gift = gift with { Link = PathOf(order.Id) },
        AlsoPlaced = order.AlsoPlaced?.Select(ForBuyer).ToList(),
    };
}
