using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Shops;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Fulfilment;

/// <summary>
/// The shop moves orders on after payment: Packed, Shipped (with carrier and tracking), Delivered, Returned. Only the
/// show's host or co-host (still in the shop's team) and the shop's owners and managers may. Each move goes through
/// <see cref="Order.MoveTo"/> (so it is kept in the history with who and when), is guarded against a concurrent change
/// (a buyer cancelling at the same moment), writes the shop's webhook event in the same transaction, and is then pushed
/// to the buyer's tabs and mailed to them (<see cref="OrderNotifier"/>).
/// </summary>
public sealed class FulfilOrder(LiveShopDbContext db, ShopAccess access, OrderNotifier notifier, OrderQueries queries, TimeProvider clock)
{
    /// <summary>The statuses this use case moves orders to; cancelling and refunding have their own endpoints.</summary>
    public static readonly OrderStatus[] Moves = [OrderStatus.Packed, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Returned];

    /// <summary>Moves one order (<c>POST /api/orders/{id}/status</c>). Its buyer is refused (403); anyone else is told it does not exist.</summary>
    public async Task<OrderDto> ExecuteAsync(ClaimsPrincipal caller, Guid orderId, ChangeOrderStatusRequest? request, CancellationToken cancellationToken = default)
    {
        var userId = caller.RequireUserId();
        if (request is null)
        {
            throw DomainException.Invalid(ProblemCodes.OrderStatusInvalid, "Say which status the order moves to: Packed, Shipped, Delivered or Returned.");
        }

        var move = Move.Validate(request.Status, request.Carrier, request.Note);
        var tracking = Move.ValidateTracking(move, request.TrackingNumber, request.TrackingUrl);
        return await MoveAsync(userId, caller.DisplayName(), orderId, shopId: null, move, tracking, cancellationToken);
    }

    /// <summary>
    /// Moves many orders of one shop, each on its own: a refused order (already shipped, another shop's, cancelled
    /// meanwhile) is reported with its sentence and the others still move. The request itself is checked first and,
    /// when it does not fit, nothing moves.
    /// </summary>
    public async Task<FulfilOrdersResultDto> ExecuteManyAsync(ClaimsPrincipal caller, Guid shopId, FulfilOrdersRequest? request, CancellationToken cancellationToken = default)
    {
        var member = await access.RequireAsync(caller, shopId, ShopPermissions.CanHost, "fulfil its orders", cancellationToken);
        if (request?.OrderIds is not { Count: > 0 } ids)
        {
            throw DomainException.Invalid(ProblemCodes.BulkInvalid, "Choose at least one order.");
        }

        if (ids.Count > Limits.BulkOrdersMax)
        {
            throw DomainException.Invalid(ProblemCodes.BulkInvalid, "Move at most {0} orders at once.", Limits.BulkOrdersMax);
        }

        var move = Move.Validate(request.Status, request.Carrier, request.Note);
        var tracking = new Dictionary<Guid, Tracking>();
        foreach (var entry in request.Tracking ?? [])
        {
            if (entry is null || !ids.Contains(entry.OrderId) || tracking.ContainsKey(entry.OrderId))
            {
                throw DomainException.Invalid(ProblemCodes.ShipmentInvalid, "Give at most one tracking number for each order being shipped.");
            }

            tracking[entry.OrderId] = Move.ValidateTracking(move, entry.TrackingNumber, entry.TrackingUrl);
        }

        var outcomes = new List<FulfilOrderOutcomeDto>();
        foreach (var id in ids.Distinct())
        {
            try
            {
                var order = await MoveAsync(member.UserId, caller.DisplayName(), id, shopId, move, tracking.GetValueOrDefault(id, Tracking.None), cancellationToken);
                outcomes.Add(new FulfilOrderOutcomeDto(id, true, order, null, null));
            }
            catch (DomainException refused)
            {
                outcomes.Add(new FulfilOrderOutcomeDto(id, false, null, refused.Code, refused.Message));
            }
        }

        return new FulfilOrdersResultDto(outcomes);
    }

    private async Task<OrderDto> MoveAsync(Guid userId, string actorName, Guid orderId, Guid? shopId, Move move, Tracking tracking, CancellationToken cancellationToken)
    {
        OrderDto dto = null!;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
            if (order is null || (shopId is { } shop && order.ShopId != shop))
            {
                throw OrderQueries.NotFound();
            }

            if (!await OrderQueries.SellsAsync(db, order, userId, cancellationToken))
            {
                throw order.BuyerId == userId
                    ? DomainException.Forbidden(ProblemCodes.NotShowHost, "Only the show's host, and the shop's owners and managers, can move its orders on.")
                    : OrderQueries.NotFound();
            }

            var from = order.Status;
            var now = clock.GetUtcNow();
            order.MoveTo(move.Status, now, userId, actorName, move.Note);
            if (move.Status == OrderStatus.Shipped && move.Carrier is { } carrier)
            {
                order.ShipWith(carrier, tracking.Number ?? "", tracking.Url);
            }

            // The status is claimed with a conditional update in the same transaction as the history row: a buyer's
            // cancellation committed since the order was read makes this move a 409, never a lost cancellation.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Orders.Where(o => o.Id == orderId && o.Status == from)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, move.Status), cancellationToken);
            if (claimed == 0)
            {
                throw DomainException.Conflict(ProblemCodes.OrderStatusInvalid, "Order #{0} changed while you were looking at it. Reload to see where it is now.", order.Number);
            }

            dto = await queries.ToDtoAsync(order, cancellationToken);
            var eventType = move.Status switch
            {
                OrderStatus.Shipped => ShopEventTypes.OrderShipped,
                OrderStatus.Delivered => ShopEventTypes.OrderDelivered,
                _ => null,
            };
            if (eventType is not null)
            {
                ShopEvents.Order(db, eventType, dto, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

        await notifier.OrderChangedAsync(dto, isNew: false);
        return dto;
    }

    private sealed record Tracking(string? Number, string? Url)
    {
        public static readonly Tracking None = new(null, null);
    }

    /// <summary>A checked move: where to, the carrier when shipping, and a note for the history.</summary>
    private sealed record Move(OrderStatus Status, string? Carrier, string? Note)
    {
        public static Move Validate(OrderStatus status, string? carrier, string? note)
        {
            if (!Moves.Contains(status))
            {
                throw status switch
                {
                    OrderStatus.Cancelled => DomainException.Invalid(ProblemCodes.OrderStatusInvalid, "Use Cancel or Refund to make an order Cancelled: the money goes back there."),
                    OrderStatus.Refunded => DomainException.Invalid(ProblemCodes.OrderStatusInvalid, "Use Cancel or Refund to make an order Refunded: the money goes back there."),
                    _ => DomainException.Invalid(ProblemCodes.OrderStatusInvalid, "An order can be moved to Packed, Shipped, Delivered or Returned here, not {0}.", Phrase.Of(status)),
                };
            }

            carrier = string.IsNullOrWhiteSpace(carrier) ? null : carrier.Trim();
            if (carrier is not null && status != OrderStatus.Shipped)
            {
                throw DomainException.Invalid(ProblemCodes.ShipmentInvalid, "A carrier is given only when shipping.");
            }

            if (carrier?.Length > Limits.CarrierMaxLength)
            {
                throw DomainException.Invalid(ProblemCodes.ShipmentInvalid, "The carrier's name is at most {0} characters.", Limits.CarrierMaxLength);
            }

            note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            if (note?.Length > Limits.OrderNoteMaxLength)
            {
                throw DomainException.Invalid(ProblemCodes.OrderStatusInvalid, "A note is at most {0} characters.", Limits.OrderNoteMaxLength);
            }

            return new Move(status, carrier, note);
        }

        /// <summary>A tracking number (letters, digits, spaces and dashes) and an http(s) link; both optional, both need the carrier.</summary>
        public static Tracking ValidateTracking(Move move, string? number, string? url)
        {
            number = string.IsNullOrWhiteSpace(number) ? null : number.Trim();
            url = string.IsNullOrWhiteSpace(url) ? null : url.Trim();
            if (number is null && url is null)
            {
                return Tracking.None;
            }

            if (move.Carrier is null)
            {
                throw DomainException.Invalid(ProblemCodes.ShipmentInvalid, "Say which carrier takes the parcel along with its tracking number.");
            }

            if (number?.Length > Limits.TrackingNumberMaxLength || (number is not null && number.Any(char.IsControl)))
            {
                throw DomainException.Invalid(ProblemCodes.ShipmentInvalid, "A tracking number is at most {0} characters, on one line.", Limits.TrackingNumberMaxLength);
            }

            if (url is not null && (url.Length > Limits.UrlMaxLength
                || !Uri.TryCreate(url, UriKind.Absolute, out var link)
                || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp)))
            {
                throw DomainException.Invalid(ProblemCodes.ShipmentInvalid, "The tracking link must be an http:// or https:// address of at most {0} characters.", Limits.UrlMaxLength);
            }

            return new Tracking(number, url);
        }
    }
}
