using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Live;
using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Features.Shows;

/// <summary>
/// The show's host takes it live or ends it. The guarded transition is stored with its room event
/// (ending also ends running flash sales) and pushed to everyone in the show's room.
/// </summary>
public sealed class ChangeShowStatus(LiveShopDbContext db, RoomWriter writer, FlashSales flashSales)
{
    public Task<ShowStatusEvent> GoLiveAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(showId, async room =>
        {
            var show = await RoomShows.LoadHostedAsync(db, caller, showId, "start shows", cancellationToken);
            show.GoLive(room.Now);
            return room.Emit((seq, at) => new ShowStatusEvent(seq, at, show.Status, show.WentLiveAt, show.EndedAt));
        }, cancellationToken);

    public Task<ShowStatusEvent> EndAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(showId, async room =>
        {
            var show = await RoomShows.LoadHostedAsync(db, caller, showId, "end shows", cancellationToken);
            show.End(room.Now);
            var ended = room.Emit((seq, at) => new ShowStatusEvent(seq, at, show.Status, show.WentLiveAt, show.EndedAt));
            await flashSales.EndAllAsync(room, show, cancellationToken);
            return ended;
        }, cancellationToken);
}
