using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Shows;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Live;

/// <summary>
/// Flash prices: the host starts one on a lineup product, or on chosen variants of one (below the list
/// price of every variant it is for, 10 s – 60 min, a quantity cap and a per-buyer cap counted across
/// its variants) and may end it early; it also ends by itself at its end time
/// (<see cref="FlashSaleScheduler"/>) or when its units are sold (<see cref="ClaimAsync"/>).
/// </summary>
public sealed class FlashSales(LiveShopDbContext db, RoomWriter writer, FlashSaleScheduler scheduler)
{
    public async Task<FlashSaleStartedEvent> StartAsync(ClaimsPrincipal caller, Guid showId, StartFlashSaleRequest request, CancellationToken cancellationToken = default)
    {
        var started = await writer.WriteAsync(showId, async room =>
        {
            var show = await RoomShows.LoadHostedAsync(db, caller, showId, "run flash sales", cancellationToken);
            if (show.Status != ShowStatus.Live)
            {
                throw DomainException.Conflict(ProblemCodes.ShowNotLive, "Flash prices run while the show is live. Go live first.");
            }

            var item = show.LineupItem(request.ProductId);
            var product = item.Product!;
            if (product.ShopId != show.ShopId)
            {
                // In a creator's show a brand's product sells at the brand's price: the creator cannot discount it.
                throw DomainException.Conflict(ProblemCodes.FlashSaleNotYours, "“{0}” is another brand's product: only its list price sells in this show.", product.Name);
            }

            if (item.ClaimsOpen)
            {
                // A claim holds a unit at the list price; a flash price beside it would sell the same units two ways.
                throw DomainException.Conflict(ProblemCodes.ClaimFlashSale, "“{0}” takes “+1” claims: turn them off before starting a flash price.", product.Name);
            }

            var chosen = await ChooseVariantsAsync(product, request.VariantIds, cancellationToken);

            // The flash price must undercut every variant it is for: the sale's list price is the lowest of theirs.
            // In the show's currency (a variant's override is in the product's main currency only).
            var listPrice = (chosen is null ? product.PriceIn(show.Currency) : chosen.Min(v => v.PriceIn(product, show.Currency)))
                ?? throw DomainException.Conflict(ProblemCodes.LineupCurrencyMismatch, "“{0}” has no price in {1}.", product.Name, show.Currency);
            var stock = chosen is null ? product.Stock : chosen.Sum(v => v.Stock);
            var what = chosen is null || request.VariantIds is not { Count: > 0 } ? $"“{product.Name}”" : $"“{product.Name} ({string.Join(", ", chosen.Select(v => v.Label))})”";
            Validate(request, listPrice, stock, show.Currency, what, chosen is not null);

            var running = await db.FlashSales.AnyAsync(s => s.ShowId == showId && s.ProductId == request.ProductId && s.EndedAt == null && s.EndsAt > room.Now, cancellationToken);
            if (running)
            {
                throw DomainException.Conflict(ProblemCodes.FlashSaleAlreadyRunning, "“{0}” already has a flash price running. End it first.", product.Name);
            }

            var variantIds = request.VariantIds is { Count: > 0 } ? chosen!.Select(v => v.Id) : null;
            var lowest = await LowestPrice30DaysAsync(product, chosen, show.Currency, room.Now, cancellationToken);
            var sale = new FlashSale(Guid.CreateVersion7(), showId, product.Id, request.Price, listPrice, show.Currency,
                room.Now, room.Now.AddSeconds(request.DurationSeconds), request.QuantityCap, request.PerBuyerCap, variantIds, lowest);
            db.FlashSales.Add(sale);
            return room.Emit((seq, at) => new FlashSaleStartedEvent(seq, at, sale.ToDto()));
        }, cancellationToken);

        scheduler.Schedule(showId, started.Sale.Id, started.Sale.EndsAt);
        return started;
    }

    public Task<FlashSaleEndedEvent> EndAsync(ClaimsPrincipal caller, Guid showId, Guid saleId, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(showId, async room =>
        {
            await RoomShows.LoadHostedAsync(db, caller, showId, "run flash sales", cancellationToken);
            var sale = await db.FlashSales.SingleOrDefaultAsync(s => s.Id == saleId && s.ShowId == showId, cancellationToken)
                ?? throw DomainException.NotFound(ProblemCodes.FlashSaleNotFound, "This show has no such flash sale.");
            if (!sale.IsRunning(room.Now))
            {
                throw DomainException.Conflict(ProblemCodes.FlashSaleEnded, "This flash sale has already ended.");
            }

            return End(room, sale, FlashSaleEndReason.EndedByHost);
        }, cancellationToken);

    /// <summary>
    /// Ends a sale whose time is up. Does nothing if it already ended. Returns the end time when the
    /// sale is still open because it is not yet due (timers may fire a few milliseconds early), so the
    /// caller can try again then.
    /// </summary>
    public Task<DateTimeOffset?> ExpireAsync(Guid showId, Guid saleId, CancellationToken cancellationToken = default) =>
        writer.WriteAsync<DateTimeOffset?>(showId, async room =>
        {
            var sale = await db.FlashSales.SingleOrDefaultAsync(s => s.Id == saleId, cancellationToken);
            if (sale is null || sale.EndedAt is not null)
            {
                return null;
            }

            if (room.Now < sale.EndsAt)
            {
                return sale.EndsAt;
            }

            End(room, sale, FlashSaleEndReason.Expired, sale.EndsAt);
            return null;
        }, cancellationToken);

    /// <summary>
    /// Takes <paramref name="quantity"/> units at the flash price, by a conditional update (never
    /// read-then-write): refused when the sale has ended, its time is up or too few units are left.
    /// The sale ends at once when its last unit goes. Orders call this inside their own checks.
    /// </summary>
    public Task<FlashSaleDto> ClaimAsync(Guid showId, Guid saleId, int quantity, CancellationToken cancellationToken = default)
    {
        if (quantity <= 0)
        {
            throw DomainException.Invalid(ProblemCodes.FlashQuantityInvalid, "Buy at least one unit.");
        }

        return writer.WriteAsync(showId, room => TakeUnitsAsync(db, room, showId, saleId, quantity, "this product", cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Inside a room change: takes units at the flash price by a conditional update, refuses when the
    /// sale has ended, its time is up or too few are left, emits the new count and ends the sale on
    /// its last unit. The caller's transaction undoes it all on a later refusal.
    /// </summary>
    internal static async Task<FlashSaleDto> TakeUnitsAsync(LiveShopDbContext db, RoomChange room, Guid showId, Guid saleId, int quantity, string productName, CancellationToken cancellationToken)
    {
        var now = room.Now;

        var taken = await db.FlashSales
            .Where(s => s.Id == saleId && s.ShowId == showId && s.EndedAt == null && s.EndsAt > now && s.Sold + quantity <= s.QuantityCap)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Sold, x => x.Sold + quantity), cancellationToken);

        // An earlier line of the same order (another variant) may have loaded the sale in this change: read its count afresh.
        if (db.ChangeTracker.Entries<FlashSale>().FirstOrDefault(e => e.Entity.Id == saleId) is { State: EntityState.Unchanged } loaded)
        {
            await loaded.ReloadAsync(cancellationToken);
        }

        var sale = await db.FlashSales.SingleOrDefaultAsync(s => s.Id == saleId && s.ShowId == showId, cancellationToken)
            ?? throw DomainException.NotFound(ProblemCodes.FlashSaleNotFound, "This show has no such flash sale.");
        if (taken == 0)
        {
            throw sale.EndedAt is not null || now >= sale.EndsAt
                ? DomainException.Conflict(ProblemCodes.FlashSaleEnded, "This flash price has ended.")
                : DomainException.Conflict(ProblemCodes.FlashSaleSoldOut, "Only {0} of “{1}” left at the flash price: lower the quantity.", sale.QuantityCap - sale.Sold, productName);
        }

        room.Emit((seq, at) => new FlashSaleUpdatedEvent(seq, at, sale.Id, sale.ProductId, sale.Sold));
        if (sale.Sold >= sale.QuantityCap)
        {
            End(room, sale, FlashSaleEndReason.SoldOut);
        }

        return sale.ToDto();
    }

    /// <summary>
    /// Ends a running sale as sold out when the stock it sells from (its chosen variants', or the product's)
    /// is gone (stock is shared with list-price orders and other shows). Does nothing otherwise.
    /// </summary>
    public Task EndIfStockGoneAsync(Guid showId, Guid saleId, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(showId, async room =>
        {
            var sale = await db.FlashSales.SingleOrDefaultAsync(s => s.Id == saleId && s.ShowId == showId, cancellationToken);
            if (sale is null || !sale.IsRunning(room.Now))
            {
                return false;
            }

            if (await VariantStock.ForSaleAsync(db, sale, cancellationToken) > 0)
            {
                return false;
            }

            End(room, sale, FlashSaleEndReason.SoldOut);
            return true;
        }, cancellationToken);

    /// <summary>Whether a flash price on the product runs in the show now ("+1" claims never run beside one).</summary>
    internal static Task<bool> IsRunningAsync(LiveShopDbContext db, Guid showId, Guid productId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.FlashSales.AnyAsync(s => s.ShowId == showId && s.ProductId == productId && s.EndedAt == null && s.EndsAt > now, cancellationToken);

    /// <summary>
    /// Inside a declined order's room change, after its stock went back: gives the flash sale on the
    /// product its units back (<paramref name="flashUnits"/>, 0 for a line at the list price). A running
    /// sale just counts them again. A sale that ended as sold out reopens when the show is still live, it
    /// has units to offer at the flash price again and the stock it sells from (its chosen variants' together,
    /// or the product's) covers all of them (a sale never shows
    /// units the shop cannot deliver), its end time has not passed and no other sale on the product runs in
    /// the show; any other ended sale stays ended (the units return to list-price stock). Returns the
    /// reopened sale, if any, for its end-time timer.
    /// </summary>
    internal static async Task<FlashSaleDto?> GiveBackAsync(LiveShopDbContext db, RoomChange room, Guid showId, Guid productId, Guid? saleId, int flashUnits, CancellationToken cancellationToken)
    {
        var now = room.Now;
        if (saleId is { } id && flashUnits > 0)
        {
            var returned = await db.FlashSales.Where(s => s.Id == id && s.EndedAt == null && s.EndsAt > now && s.Sold >= flashUnits)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Sold, x => x.Sold - flashUnits), cancellationToken);
            if (returned > 0)
            {
                var running = await db.FlashSales.AsNoTracking().SingleAsync(s => s.Id == id, cancellationToken);
                room.Emit((seq, at) => new FlashSaleUpdatedEvent(seq, at, running.Id, running.ProductId, running.Sold));
                return null;
            }
        }

        // The show's latest sale on the product: the line's own sale, or (a list-price line) the one its stock may have ended.
        var sale = await db.FlashSales.Where(s => s.ShowId == showId && s.ProductId == productId)
            .OrderByDescending(s => s.StartsAt).FirstOrDefaultAsync(cancellationToken);
        if (sale is null || (saleId is { } own && sale.Id != own)
            || sale.EndedAt is null || sale.EndReason != FlashSaleEndReason.SoldOut || now >= sale.EndsAt)
        {
            return null;
        }

        // Read in this change, under the show's lock: a show that ended meanwhile sells only from its replay, at the list price.
        var live = await db.Shows.AnyAsync(s => s.Id == showId && s.Status == ShowStatus.Live, cancellationToken);
        if (!live)
        {
            return null;
        }

        // The reopened sale offers QuantityCap − Sold units: the stock (already given back) must cover every one of them.
        var units = saleId is null ? 0 : Math.Min(flashUnits, sale.Sold);
        var offered = sale.QuantityCap - (sale.Sold - units);
        var stock = await VariantStock.ForSaleAsync(db, sale, cancellationToken);
        var otherRunning = await db.FlashSales.AnyAsync(s => s.ShowId == showId && s.ProductId == productId && s.Id != sale.Id && s.EndedAt == null && s.EndsAt > now, cancellationToken);
        if (offered <= 0 || stock < offered || otherRunning)
        {
            return null;
        }

        sale.Reopen(units);
        var dto = sale.ToDto();
        room.Emit((seq, at) => new FlashSaleReopenedEvent(seq, at, dto));
        return dto;
    }

    /// <summary>Ends every running sale of a show that is ending, in the same change.</summary>
    internal async Task EndAllAsync(RoomChange room, Show show, CancellationToken cancellationToken)
    {
        var running = await db.FlashSales.Where(s => s.ShowId == show.Id && s.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var sale in running)
        {
            End(room, sale, room.Now >= sale.EndsAt ? FlashSaleEndReason.Expired : FlashSaleEndReason.ShowEnded);
        }
    }

    internal static FlashSaleEndedEvent End(RoomChange room, FlashSale sale, FlashSaleEndReason reason, DateTimeOffset? at = null)
    {
        sale.End(reason, at ?? room.Now);
        return room.Emit((seq, now) => new FlashSaleEndedEvent(seq, now, sale.Id, sale.ProductId, reason, sale.Sold));
    }

    /// <summary>
    /// For a shop under the EU's 30-day rule: the lowest regular price of the 30 days before the sale starts
    /// (of the variants it is for); null for other shops.
    /// </summary>
    private async Task<decimal?> LowestPrice30DaysAsync(Product product, List<ProductVariant>? chosen, string currency, DateTimeOffset startsAt, CancellationToken cancellationToken)
    {
        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Id == product.ShopId, cancellationToken);
        return PriceHistory.Applies(shop)
            ? await PriceHistory.LowestBeforeAsync(db, product.Id, chosen?.Select(v => v.Id).ToList(), currency, startsAt, cancellationToken)
            : null;
    }

    /// <summary>
    /// The variants a sale on <paramref name="product"/> applies to: those chosen (each must be the product's),
    /// or all of them when none are; null for a product without variants, which refuses a choice.
    /// </summary>
    private async Task<List<ProductVariant>?> ChooseVariantsAsync(Product product, IReadOnlyList<Guid>? variantIds, CancellationToken cancellationToken)
    {
        var ids = (variantIds ?? []).Distinct().ToList();
        if (!product.HasVariants)
        {
            return ids.Count == 0 ? null
                : throw DomainException.Invalid(ProblemCodes.VariantsInvalid, "“{0}” has no variants: start its flash price without choosing any.", product.Name);
        }

        var variants = await db.Set<ProductVariant>().AsNoTracking()
            .Where(v => v.ProductId == product.Id)
            .OrderBy(v => v.Position)
            .ToListAsync(cancellationToken);
        var unknown = ids.Where(id => variants.All(v => v.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            throw DomainException.NotFound(ProblemCodes.VariantNotFound, "“{0}” has no variant with the id {1}: reload the show to see its variants.", product.Name, unknown[0]);
        }

        return ids.Count == 0 ? variants : [.. variants.Where(v => ids.Contains(v.Id))];
    }

    private static void Validate(StartFlashSaleRequest request, decimal listPrice, int stock, string currency, string what, bool hasVariants)
    {
        if (request.Price <= 0 || request.Price >= listPrice)
        {
            throw hasVariants
                ? DomainException.Invalid(ProblemCodes.FlashPriceInvalid, "A flash price must be above 0 and below the list price of every variant it is for ({0:0.##} {1} for the cheapest of {2}).", listPrice, currency, what)
                : DomainException.Invalid(ProblemCodes.FlashPriceInvalid, "A flash price must be above 0 and below the list price ({0:0.##} {1}).", listPrice, currency);
        }

        if (decimal.Round(request.Price, 2) != request.Price)
        {
            throw DomainException.Invalid(ProblemCodes.FlashPriceInvalid, "A flash price has at most two decimals.");
        }

        var duration = TimeSpan.FromSeconds(request.DurationSeconds);
        if (duration < Limits.FlashSaleMinDuration || duration > Limits.FlashSaleMaxDuration)
        {
            throw DomainException.Invalid(ProblemCodes.FlashDurationInvalid, "A flash sale lasts from 10 seconds to 60 minutes.");
        }

        if (request.QuantityCap < 1 || request.QuantityCap > Limits.FlashSaleMaxQuantity)
        {
            throw DomainException.Invalid(ProblemCodes.FlashQuantityInvalid, "Offer at least one unit at the flash price.");
        }

        if (stock == 0)
        {
            throw DomainException.Invalid(ProblemCodes.FlashQuantityInvalid, "{0} is sold out: there is nothing to offer at a flash price.", what);
        }

        if (request.QuantityCap > stock)
        {
            throw DomainException.Invalid(ProblemCodes.FlashQuantityInvalid, "Only {0} of {1} in stock: the flash quantity cannot be more.", stock, what);
        }

        if (request.PerBuyerCap < 1 || request.PerBuyerCap > Limits.FlashSaleMaxPerBuyer || request.PerBuyerCap > request.QuantityCap)
        {
            throw DomainException.Invalid(ProblemCodes.FlashQuantityInvalid, "The per-buyer limit must be from 1 to the flash quantity (at most 99).");
        }
    }
}
