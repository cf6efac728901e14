using System.Security.Claims;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Moderation;
using LiveShop.Server.Features.Shows;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Claims;
using LiveShop.Shared.Realtime;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Claims;

/// <summary>
/// "+1" claims (docs/claims.md): the host turns them on for a lineup product with the minutes viewers get to pay;
/// a viewer's chat line that is a pinned product's keyword claims a unit in the same room change that posts the line
/// (<see cref="ClaimDesk"/>); the host and the claimant read the claims. Counts reach the room as
/// <see cref="ClaimsChangedEvent"/>, stored and numbered like every room event.
/// </summary>
public sealed class ChatClaims(LiveShopDbContext db, RoomWriter writer, ShowStaff staff, ILiveClients clients)
{
    /// <summary>The most claims the host's list and a viewer's own list carry (newest first).</summary>
    private const int StaffListMax = 500;
    private const int MineListMax = 100;

    public async Task<ClaimsChangedEvent> SetAsync(ClaimsPrincipal caller, Guid showId, SetChatClaimsRequest? request, CancellationToken cancellationToken = default)
    {
        if (request is null || (request.Open && (request.PayMinutes < 1 || request.PayMinutes > Limits.ClaimPayMaxMinutes)))
        {
            throw DomainException.Invalid(ProblemCodes.ClaimSettingsInvalid, "Give viewers from 1 minute to {0} minutes to pay for a claim.", Limits.ClaimPayMaxMinutes);
        }

        List<ChatClaim> closed = [];
        var changed = await writer.WriteAsync(showId, async room =>
        {
            var show = await RoomShows.LoadHostedAsync(db, caller, showId, "change “+1” claims", cancellationToken);
            var item = show.LineupItem(request.ProductId);
            if (request.Open && await FlashSales.IsRunningAsync(db, showId, request.ProductId, room.Now, cancellationToken))
            {
                throw DomainException.Conflict(ProblemCodes.ClaimFlashSale, "“{0}” has a flash price running: end it before turning on “+1” claims.", item.Product!.Name);
            }

            if (request.Open && item.PinOrder is null)
            {
                throw DomainException.Conflict(ProblemCodes.ClaimNotAllowed, "Pin “{0}” first: “+1” claims are for the product on show.", item.Product!.Name);
            }

            if (request.Open && item.Product!.ShopId != show.ShopId)
            {
                throw DomainException.Conflict(ProblemCodes.ClaimNotAllowed, "“{0}” is another brand's product: only its list price sells in this show.", item.Product.Name);
            }

            item.SetClaims(request.Open, request.Open ? request.PayMinutes : item.ClaimPayMinutes);
            if (!request.Open)
            {
                // Nothing is held for those still waiting: they are told the line closed. Held claims stay payable until their time.
                closed = await db.ChatClaims
                    .Where(c => c.ShowId == showId && c.ProductId == request.ProductId && c.Status == ChatClaimStatus.Waiting)
                    .ToListAsync(cancellationToken);
                closed.ForEach(c => c.Close());
            }

            await db.SaveChangesAsync(cancellationToken);
            return await EmitAsync(db, room, showId, item, cancellationToken);
        }, cancellationToken);

        await TellAsync(db, clients, showId, closed, CancellationToken.None);
        return changed;
    }

    /// <summary>
    /// The buyer's held claim an order line pays for, turned <see cref="ChatClaimStatus.Ordered"/> in the order's room
    /// change: theirs, in this show, of this product and variant (404 otherwise), still held and within its time (409:
    /// waiting, ran out, closed, already ordered), one unit at the price it was claimed at (409 price-changed otherwise).
    /// </summary>
    internal static async Task<ChatClaim> OrderAsync(
        LiveShopDbContext db, Guid claimId, Guid buyerId, Guid showId, Product product, ProductVariant? variant, int quantity, decimal expectedPrice, Guid orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var name = Orders.OrderLineStock.NameOf(product, variant);
        var claim = await db.ChatClaims.SingleOrDefaultAsync(c => c.Id == claimId && c.BuyerId == buyerId && c.ShowId == showId, cancellationToken);
        if (claim is null || claim.ProductId != product.Id || claim.VariantId != variant?.Id)
        {
            throw DomainException.NotFound(ProblemCodes.ClaimNotFound, "You have no claim on “{0}” in this show.", name);
        }

        switch (claim.Status)
        {
            case ChatClaimStatus.Ordered:
                throw DomainException.Conflict(ProblemCodes.ClaimNotHeld, "You already ordered your claim on “{0}”: see My orders.", name);
            case ChatClaimStatus.Waiting:
                throw DomainException.Conflict(ProblemCodes.ClaimNotHeld, "Your claim on “{0}” is still on the waitlist: nothing is held for you yet.", name);
            case not ChatClaimStatus.Held:
            case ChatClaimStatus.Held when claim.PayBy <= now:
                throw DomainException.Conflict(ProblemCodes.ClaimNotHeld, "Your claim on “{0}” is no longer held: its time to pay ran out.", name);
        }

        if (quantity != 1)
        {
            throw DomainException.Invalid(ProblemCodes.QuantityInvalid, "A claim holds one “{0}”: order it with quantity 1.", name);
        }

        if (expectedPrice != claim.UnitPrice)
        {
            throw DomainException.Conflict(ProblemCodes.PriceChanged, "The price of “{0}” is now {1} (you saw {2}).",
                Orders.PlaceOrder.PriceFacts(product.Id, variant?.Id, expectedPrice, claim.UnitPrice, claim.Currency), name, Currencies.Format(claim.UnitPrice, claim.Currency), Currencies.Format(expectedPrice, claim.Currency));
        }

        claim.Order(orderId);
        return claim;
    }

    /// <summary>
    /// An order released unpaid (declined, or its hold ran out): the claims it paid for are the buyer's again while
    /// their time lasts, and keep their units — returned here per product and variant, for the caller not to give back.
    /// </summary>
    internal static async Task<IReadOnlyList<ChatClaim>> ReopenForOrderAsync(LiveShopDbContext db, Guid orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claims = await db.ChatClaims.Where(c => c.OrderId == orderId && c.Status == ChatClaimStatus.Ordered).ToListAsync(cancellationToken);
        claims.ForEach(c => c.Reopen(now));
        return [.. claims.Where(c => c.Status == ChatClaimStatus.Held)];
    }

    /// <summary>Staff of the show: its claims, newest first (the last <see cref="StaffListMax"/>).</summary>
    public async Task<IReadOnlyList<ChatClaimDto>> ForStaffAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        var userId = caller.RequireUserId();
        var show = await db.Shows.AsNoTracking().SingleOrDefaultAsync(s => s.Id == showId, cancellationToken) ?? throw DomainException.ShowNotFound();
        if (!show.IsPresentedBy(userId) && !await staff.IsStaffAsync(show, caller, cancellationToken))
        {
            throw DomainException.Forbidden(ProblemCodes.NotShowStaff, "Only the show's host and moderators can see its claims.");
        }

        var claims = await db.ChatClaims.AsNoTracking().Where(c => c.ShowId == showId)
            .OrderByDescending(c => c.Sequence).Take(StaffListMax).ToListAsync(cancellationToken);
        return await ToDtosAsync(db, claims, cancellationToken);
    }

    /// <summary>The caller's own claims in the show, newest first.</summary>
    public async Task<IReadOnlyList<ChatClaimDto>> MineAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        var userId = caller.RequireUserId();
        var claims = await db.ChatClaims.AsNoTracking().Where(c => c.ShowId == showId && c.BuyerId == userId)
            .OrderByDescending(c => c.Sequence).Take(MineListMax).ToListAsync(cancellationToken);
        return await ToDtosAsync(db, claims, cancellationToken);
    }

    /// <summary>The claim settings and counts of the show's pinned products whose claims are open (for a joining page).</summary>
    internal static async Task<IReadOnlyList<ChatClaimSettingsDto>> OpenAsync(LiveShopDbContext db, Guid showId, CancellationToken cancellationToken)
    {
        var open = await db.ShowProducts.AsNoTracking().Include(p => p.Product)
            .Where(p => p.ShowId == showId && p.ClaimsOpen && p.PinOrder != null)
            .ToListAsync(cancellationToken);
        List<ChatClaimSettingsDto> settings = [];
        foreach (var item in open)
        {
            settings.Add(await SettingsAsync(db, item, cancellationToken));
        }

        return settings;
    }

    /// <summary>Emits the product's settings and counts as this change leaves them (call after the change's claims are saved).</summary>
    internal static async Task<ClaimsChangedEvent> EmitAsync(LiveShopDbContext db, RoomChange room, Guid showId, ShowProduct item, CancellationToken cancellationToken)
    {
        var settings = await SettingsAsync(db, item, cancellationToken);
        return room.Emit((seq, at) => new ClaimsChangedEvent(seq, at, settings));
    }

    private static async Task<ChatClaimSettingsDto> SettingsAsync(LiveShopDbContext db, ShowProduct item, CancellationToken cancellationToken)
    {
        var counts = await db.ChatClaims.AsNoTracking()
            .Where(c => c.ShowId == item.ShowId && c.ProductId == item.ProductId && (c.Status == ChatClaimStatus.Held || c.Status == ChatClaimStatus.Ordered || c.Status == ChatClaimStatus.Waiting))
            .GroupBy(c => new { c.VariantId, Waiting = c.Status == ChatClaimStatus.Waiting })
            .Select(g => new { g.Key.VariantId, g.Key.Waiting, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(Guid? variantId, bool waiting) => counts.Where(c => c.VariantId == variantId && c.Waiting == waiting).Sum(c => c.Count);

        var variants = await db.Set<ProductVariant>().AsNoTracking().Where(v => v.ProductId == item.ProductId).OrderBy(v => v.Position).ToListAsync(cancellationToken);
        IReadOnlyList<ClaimKeywordDto> keywords = variants.Count == 0
            ? [new ClaimKeywordDto(ClaimKeywords.Plus1, null, null, Count(null, false), Count(null, true))]
            : [.. variants.Select(v => new ClaimKeywordDto(ClaimKeywords.ForVariant(v.Label), v.Id, v.Label, Count(v.Id, false), Count(v.Id, true)))];
        return new ChatClaimSettingsDto(item.ProductId, item.ClaimsOpen, item.ClaimPayMinutes, keywords);
    }

    internal static async Task<IReadOnlyList<ChatClaimDto>> ToDtosAsync(LiveShopDbContext db, IReadOnlyList<ChatClaim> claims, CancellationToken cancellationToken)
    {
        if (claims.Count == 0)
        {
            return [];
        }

        var productIds = claims.Select(c => c.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.ImageUrl }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var variantIds = claims.Where(c => c.VariantId is not null).Select(c => c.VariantId!.Value).Distinct().ToList();
        var labels = variantIds.Count == 0 ? [] : (await db.Set<ProductVariant>().AsNoTracking().Where(v => variantIds.Contains(v.Id)).ToListAsync(cancellationToken))
            .ToDictionary(v => v.Id, v => v.Label);

        // A waiting claim's place: the waiting claims of the same product and variant before it, plus one.
        var showIds = claims.Select(c => c.ShowId).Distinct().ToList();
        var waiting = claims.Any(c => c.Status == ChatClaimStatus.Waiting)
            ? await db.ChatClaims.AsNoTracking()
                .Where(c => showIds.Contains(c.ShowId) && productIds.Contains(c.ProductId) && c.Status == ChatClaimStatus.Waiting)
                .Select(c => new { c.ShowId, c.ProductId, c.VariantId, c.Sequence })
                .ToListAsync(cancellationToken)
            : [];

        return [.. claims.Select(c => new ChatClaimDto(
            c.Id, c.ShowId, c.ProductId, c.VariantId,
            products.GetValueOrDefault(c.ProductId)?.Name ?? "",
            c.VariantId is { } v ? labels.GetValueOrDefault(v) : null,
            products.GetValueOrDefault(c.ProductId)?.ImageUrl ?? "",
            c.UnitPrice, c.Currency, c.Status, c.ClaimedAt,
            c.Status == ChatClaimStatus.Held ? c.PayBy : null,
            c.Status == ChatClaimStatus.Waiting ? 1 + waiting.Count(w => w.ShowId == c.ShowId && w.ProductId == c.ProductId && w.VariantId == c.VariantId && w.Sequence < c.Sequence) : null,
            c.OrderId, c.BuyerName))];
    }

    /// <summary>Pushes claims that moved to their claimants and to the show's hosts (after the change committed).</summary>
    internal static async Task TellAsync(LiveShopDbContext db, ILiveClients clients, Guid showId, IReadOnlyList<ChatClaim> moved, CancellationToken cancellationToken)
    {
        if (moved.Count == 0)
        {
            return;
        }

        foreach (var dto in await ToDtosAsync(db, moved, cancellationToken))
        {
            await clients.User(moved.First(c => c.Id == dto.Id).BuyerId).ClaimUpdated(dto);
            await clients.Hosts(showId).ClaimUpdated(dto);
        }
    }
}
