using LiveShop.Server.Data;
using LiveShop.Server.Features.Sales;
using LiveShop.Server.Hubs;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Orders;

/// <summary>
/// After an order is stored or changes: pushes it to its buyer (every tab they have open), tells the
/// sales pulse that the show's numbers moved, and offers a "just bought" toast for a new sale when the
/// buyer allows it.
/// </summary>
public sealed class OrderNotifier(IHubContext<LiveShowHub, ILiveShowClient> hub, SalesPulse pulse, LiveShopDbContext db, TimeProvider clock)
{
    public async Task OrderChangedAsync(OrderDto order, bool isNew)
    {
        await hub.Clients.User(order.BuyerId.ToString()).OrderUpdated(order);
        pulse.MarkDirty(order.ShowId);
        if (isNew && order.CountsAsSale && order.Lines.Count > 0)
        {
            var allows = await db.Users.Where(u => u.Id == order.BuyerId).Select(u => u.ShowMyPurchases).SingleOrDefaultAsync();
            if (allows)
            {
                var line = order.Lines[0];
                pulse.OfferToast(new PurchaseToastDto(order.ShowId, PublicName(order.BuyerName), line.ProductId, line.Name, clock.GetUtcNow()));
            }
        }
    }

    /// <summary>First name and the initial of the last: "Mei Lin" → "Mei L."; a single name stays as it is.</summary>
    public static string PublicName(string displayName)
    {
        var parts = displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length switch
        {
            0 => "Someone",
            1 => parts[0],
            _ => $"{parts[0]} {char.ToUpperInvariant(parts[^1][0])}.",
        };
    }
}
