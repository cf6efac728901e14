using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Security;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Gifts;

/// <summary>
/// A gift's recipient, with its link and no account: reads who sends what, with the buyer's message (never a price nor
/// anyone's address), and accepts it with the address it goes to. Accepting is one change under the show's lock, so it
/// and a cancellation (the buyer's, the shop's, or the expirer's) never both win. The buyer hears it at once; the shop
/// can then pack and ship it (<see cref="Fulfilment.FulfilOrder"/> refuses before).
/// </summary>
public sealed class GiftOrders(
    LiveShopDbContext db, RoomWriter writer, GiftLinks links, OrderQueries queries, OrderNotifier notifier, IdentityKeys identityKeys, IOptions<IdentityOptions> identityOptions, TimeProvider clock)
{
    public async Task<GiftPageDto> GetAsync(Guid orderId, string? token, CancellationToken cancellationToken)
    {
        var order = await FindAsync(orderId, token, cancellationToken);
        return await PageAsync(order, cancellationToken);
    }

    public async Task<GiftPageDto> AcceptAsync(Guid orderId, string? token, AcceptGiftRequest? request, CancellationToken cancellationToken)
    {
        var order = await FindAsync(orderId, token, cancellationToken);
        if (request?.Address is null)
        {
            throw DomainException.Invalid(ProblemCodes.AddressInvalid, "Give the address your gift goes to.");
        }

        PlaceOrder.ValidateAddress(request.Address);
        var accepted = await writer.WriteAsync(order.ShowId, async room =>
        {
            var tracked = await db.Orders.SingleAsync(o => o.Id == orderId, cancellationToken);
            tracked.AcceptGift(ShippingAddress.From(request.Address), room.Now);
            await CountFlashUnitsAtAsync(tracked, request.Address, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return tracked;
        }, cancellationToken);

        var dto = await queries.ToDtoAsync(accepted, CancellationToken.None);
        await notifier.OrderChangedAsync(dto, isNew: false);
        return await PageAsync(accepted, CancellationToken.None);
    }

    /// <summary>
    /// A gift bought at a flash price counted its units by the buyer's gift key; now that it has an address, the
    /// per-buyer cap counts them by that address too (as if the buyer had typed it), so gifts to oneself cannot
    /// multiply a cap. Over the cap, the gift is refused at that address.
    /// </summary>
    private async Task CountFlashUnitsAtAsync(Order order, ShippingAddressDto address, CancellationToken cancellationToken)
    {
        if (!identityOptions.Value.CapFlashSalesByIdentity)
        {
            return;
        }

        var key = identityKeys.Shipping(address);
        var claims = await db.FlashSaleIdentityClaims.Where(c => c.OrderId == order.Id).ToListAsync(cancellationToken);
        foreach (var claim in claims)
        {
            var cap = await db.FlashSales.Where(s => s.Id == claim.SaleId).Select(s => s.PerBuyerCap).SingleAsync(cancellationToken);
            var held = await new BuyerKeys(null, key, null).HeldAsync(db, claim.SaleId, cancellationToken);
            if (held + claim.Units > cap)
            {
                throw DomainException.Conflict(ProblemCodes.PerBuyerCapReached,
                    "This gift was bought at a flash price of {0} per person, and that address already has as many. Give another address, or ask {1}.", cap, order.BuyerName);
            }

            claim.ShipTo(key);
        }
    }

    /// <summary>The gift the link opens; any other id or token is told the same "no such gift", in constant time for the token.</summary>
    private async Task<Order> FindAsync(Guid orderId, string? token, CancellationToken cancellationToken)
    {
        var opens = links.Opens(orderId, token);
        var order = opens ? await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId && o.IsGift, cancellationToken) : null;
        return order ?? throw DomainException.NotFound(ProblemCodes.GiftNotFound, "There is no such gift. Check the link you were sent.");
    }

    private async Task<GiftPageDto> PageAsync(Order order, CancellationToken cancellationToken)
    {
        var shop = await db.Shops.Where(s => s.Id == order.ShopId).Select(s => s.Name).SingleAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var state = order.Status switch
        {
            OrderStatus.Shipped => GiftState.Shipped,
            OrderStatus.Delivered => GiftState.Delivered,
            OrderStatus.Cancelled or OrderStatus.Refunded or OrderStatus.PaymentDeclined or OrderStatus.Returned => GiftState.Ended,
            _ when order.GiftAcceptedAt is not null => GiftState.Accepted,
            _ when order.GiftExpiresAt <= now => GiftState.Ended,
            _ => GiftState.Waiting,
        };
        return new GiftPageDto(
            order.BuyerName,
            shop,
            order.GiftMessage,
            [.. order.Lines.OrderBy(l => l.LineNumber).Select(l => new GiftLineDto(l.Name, l.VariantLabel, l.ImageUrl, l.Quantity))],
            state,
            order.GiftExpiresAt ?? now,
            order.Carrier is { } carrier ? new ShipmentDto(carrier, order.TrackingNumber ?? "", order.TrackingUrl) : null);
    }
}
