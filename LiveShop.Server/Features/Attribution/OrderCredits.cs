using LiveShop.Server.Features.Orders;
using LiveShop.Shared.Sales;

namespace LiveShop.Server.Features.Attribution;

public static class OrderCredits
{
    /// <summary>
    /// The order's net total (its total less what was refunded) split over the share links on its path under
    /// <paramref name="model"/>, one amount per touch (a link touched twice appears twice), so credits sum to the
    /// GMV net of refunds under every model. Empty for an order without touches.
    /// </summary>
    public static IEnumerable<(string Code, decimal Amount)> Credits(this Order order, AttributionModel model, TimeSpan halfLife)
    {
        var path = order.Touches.Select(t => new AttributionTouch(t.Code, t.TouchedAt)).ToList();
        var split = AttributionMath.Split(model, order.NetTotal, path, order.PlacedAt, halfLife);
        return path.Select((touch, i) => (touch.Code, split[i]));
    }
}
