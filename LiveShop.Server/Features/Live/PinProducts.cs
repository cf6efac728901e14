using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Realtime;
using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Features.Live;

/// <summary>The show's host pins and unpins lineup products; viewers see pinned products first, in pin order.</summary>
public sealed class PinProducts(LiveShopDbContext db, RoomWriter writer)
{
    public Task<PinsChangedEvent> PinAsync(ClaimsPrincipal caller, Guid showId, Guid productId, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(showId, async room =>
        {
            var show = await RoomShows.LoadHostedAsync(db, caller, showId, "pin products", cancellationToken);
            show.Pin(productId, room.NextSequence);
            return room.Emit((seq, at) => new PinsChangedEvent(seq, at, productId, true, show.PinnedProductIds));
        }, cancellationToken);

    public Task<PinsChangedEvent> UnpinAsync(ClaimsPrincipal caller, Guid showId, Guid productId, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(showId, async room =>
        {
            var show = await RoomShows.LoadHostedAsync(db, caller, showId, "unpin products", cancellationToken);
            show.Unpin(productId);
            return room.Emit((seq, at) => new PinsChangedEvent(seq, at, productId, false, show.PinnedProductIds));
        }, cancellationToken);
}
