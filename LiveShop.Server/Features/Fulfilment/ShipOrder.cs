using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Orders;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Fulfilment;

/// <summary>The show's host (or co-host) marks a paid or cash-on-delivery order shipped; the buyer sees it at once.</summary>
public sealed class ShipOrder(LiveShopDbContext db, OrderNotifier notifier, OrderQueries queries, TimeProvider clock)
{
    public async Task<OrderDto> ExecuteAsync(ClaimsPrincipal caller, Guid orderId, ChangeOrderStatusRequest? request, CancellationToken cancellationToken = default)
    {
        var userId = caller.RequireUserId();
        if (request?.Status != OrderStatus.Shipped)
        {
            throw DomainException.Invalid(ProblemCodes.OrderStatusInvalid, "A host can only mark an order Shipped.");
        }

        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        var sells = order is not null && await OrderQueries.SellsAsync(db, order, userId, cancellationToken);
        if (order is null || (!sells && order.BuyerId != userId))
        {
            throw OrderQueries.NotFound();
        }

        if (!sells)
        {
            throw DomainException.Forbidden(ProblemCodes.NotShowHost, "Only the show's host, and the shop's owners and managers, can mark its orders shipped.");
        }

        order.MarkShipped(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var dto = await queries.ToDtoAsync(order, cancellationToken);
        await notifier.OrderChangedAsync(dto, isNew: false);
        return dto;
    }
}
