using System.Security.Claims;
using System.Text.Json;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Webhooks;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shops;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Shows;

/// <summary>
/// The show's host takes it live or ends it. The guarded transition is stored with its room event
/// (going live also tells the room the lineup's current stock; ending also ends running flash sales),
/// with the shop's <c>show.started</c> / <c>show.ended</c> webhook event in the same transaction, and pushed to everyone in the show's room.
/// </summary>
public sealed class ChangeShowStatus(LiveShopDbContext db, RoomWriter writer, FlashSales flashSales)
{
    public Task<ShowStatusEvent> GoLiveAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(showId, async room =>
        {
            var show = await RoomShows.LoadHostedAsync(db, caller, showId, "start shows", cancellationToken);
            show.GoLive(room.Now);
            ShowEvent(show, ShopEventTypes.ShowStarted, room.Now);
            var live = room.Emit((seq, at) => new ShowStatusEvent(seq, at, show.Status, show.WentLiveAt, show.EndedAt));

            // Stock changes reach live shows only: pages that waited for the show learn the lineup's stock now.
            var lineupIds = await db.Shows.Where(s => s.Id == showId).SelectMany(s => s.Lineup.Select(l => l.ProductId)).ToListAsync(cancellationToken);
            var stock = await db.Products.Where(p => lineupIds.Contains(p.Id)).Select(p => new { p.Id, p.Stock }).ToListAsync(cancellationToken);
            var variants = await VariantStock.OfAsync(db, lineupIds, cancellationToken);
            foreach (var product in stock.OrderBy(p => lineupIds.IndexOf(p.Id)))
            {
                room.Emit((seq, at) => new ProductStockEvent(seq, at, product.Id, product.Stock, variants.GetValueOrDefault(product.Id)));
            }

            return live;
        }, cancellationToken);

    public Task<ShowStatusEvent> EndAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(showId, async room =>
        {
            var show = await RoomShows.LoadHostedAsync(db, caller, showId, "end shows", cancellationToken);
            show.End(room.Now);
            ShowEvent(show, ShopEventTypes.ShowEnded, room.Now);
            var ended = room.Emit((seq, at) => new ShowStatusEvent(seq, at, show.Status, show.WentLiveAt, show.EndedAt));
            await flashSales.EndAllAsync(room, show, cancellationToken);
            return ended;
        }, cancellationToken);

    /// <summary>The shop's webhook event, stored by the room's save with the status change itself.</summary>
    private void ShowEvent(Show show, string type, DateTimeOffset at) =>
        ShopEvents.Add(db, show.ShopId, type, JsonSerializer.Serialize(
            new WebhookShowDto(show.Id, show.ShopId, show.Title, show.Status, show.ScheduledStart, show.WentLiveAt, show.EndedAt),
            LiveShopJsonContext.Default.WebhookShowDto), at);
}
