using LiveShop.Server.Data;
using LiveShop.Server.Features.Catalog;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Live;
using LiveShop.Server.Features.Orders;
using LiveShop.Server.Features.Shows;
using LiveShop.Server.Realtime;
using LiveShop.Shared;
using LiveShop.Shared.Claims;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Claims;

/// <summary>
/// Claims for one stored batch of chat lines, inside its room change. Read once per batch: the pinned products (the
/// last pinned first: a bare "+1" means the item the host is showing now, and claims nothing when that one takes no
/// claims), their variants, the batch's senders' claims and the waitlists' lengths; counted on in memory from there.
/// A line's keyword is matched to a product and variant and one unit taken by a conditional update (never below 0),
/// or, when none is left, a place on the waitlist — a product found sold out is not asked again in the batch. The
/// room hears each touched product's stock and counts once per batch, after its claims are saved.
/// </summary>
internal sealed class ClaimDesk
{
    /// <summary>The longest word after "+1" still read as a size or colour someone tried to claim.</summary>
    private const int ShortWord = 10;

    private readonly LiveShopDbContext _db;
    private readonly Show _show;
    private readonly IReadOnlyList<Pinned> _pinned;
    private readonly Dictionary<(Guid Buyer, Guid Product), int> _mine;
    private readonly Dictionary<(Guid Product, Guid? Variant), int> _waiting;
    private readonly HashSet<(Guid Product, Guid? Variant)> _soldOut = [];
    private readonly HashSet<Guid> _touched = [];
    private readonly HashSet<Guid> _stockMoved = [];

    private ClaimDesk(LiveShopDbContext db, Show show, IReadOnlyList<Pinned> pinned, Dictionary<(Guid, Guid), int> mine, Dictionary<(Guid, Guid?), int> waiting)
    {
        _db = db;
        _show = show;
        _pinned = pinned;
        _mine = mine;
        _waiting = waiting;
    }

    /// <summary>The products whose stock claims moved in this batch (for the other shows carrying them).</summary>
    public IReadOnlyCollection<Guid> StockMoved => _stockMoved;

    /// <summary>The desk for a batch from these senders, or null when no pinned product takes claims (one query for most batches).</summary>
    public static async Task<ClaimDesk?> OpenAsync(LiveShopDbContext db, Show show, IReadOnlyCollection<Guid> senders, CancellationToken cancellationToken)
    {
        var items = await db.ShowProducts.Include(p => p.Product)
            .Where(p => p.ShowId == show.Id && p.PinOrder != null)
            .OrderByDescending(p => p.PinOrder)
            .ToListAsync(cancellationToken);
        if (!items.Any(i => i.ClaimsOpen))
        {
            return null;
        }

        var ids = items.Where(i => i.ClaimsOpen).Select(i => i.ProductId).ToList();
        var variants = await db.Set<ProductVariant>().AsNoTracking().Where(v => ids.Contains(v.ProductId)).OrderBy(v => v.Position).ToListAsync(cancellationToken);
        var live = await db.ChatClaims.AsNoTracking()
            .Where(c => c.ShowId == show.Id && ids.Contains(c.ProductId) && (c.Status == ChatClaimStatus.Held || c.Status == ChatClaimStatus.Waiting))
            .GroupBy(c => new { c.ProductId, c.VariantId, Waiting = c.Status == ChatClaimStatus.Waiting })
            .Select(g => new { g.Key.ProductId, g.Key.VariantId, g.Key.Waiting, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var mine = await db.ChatClaims.AsNoTracking()
            .Where(c => c.ShowId == show.Id && ids.Contains(c.ProductId) && senders.Contains(c.BuyerId) && (c.Status == ChatClaimStatus.Held || c.Status == ChatClaimStatus.Waiting))
            .GroupBy(c => new { c.BuyerId, c.ProductId })
            .Select(g => new { g.Key.BuyerId, g.Key.ProductId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new ClaimDesk(
            db,
            show,
            [.. items.Select(i => new Pinned(i, i.Product!, i.ClaimsOpen ? [.. variants.Where(v => v.ProductId == i.ProductId)] : []))],
            mine.ToDictionary(m => (m.BuyerId, m.ProductId), m => m.Count),
            live.Where(l => l.Waiting).ToDictionary(l => (l.ProductId, l.VariantId), l => l.Count));
    }

    /// <summary>
    /// The claim a viewer's line makes, as its sender sees it: null when the line is no claim keyword (an ordinary
    /// "+1" cheer while the item on show takes no claims, or any other text). Refuses (the line is still posted) a
    /// keyword that names no variant, a viewer over <see cref="Limits.ClaimsPerViewerPerProduct"/>, a full waitlist.
    /// </summary>
    public async Task<(ChatClaim Claim, ChatClaimDto Dto)?> ClaimAsync(RoomChange room, Guid buyerId, string buyerName, long sequence, string text)
    {
        var typed = ClaimKeywords.Normalize(text);
        if (!typed.StartsWith(ClaimKeywords.Plus1, StringComparison.Ordinal) || Match(typed, text) is not { } match)
        {
            return null;
        }

        var (item, product, variant) = match;
        if (product.ShopId != _show.ShopId)
        {
            // Set before the show's lineup had a brand's product, or the brand's since: a creator cannot hold a brand's stock.
            return null;
        }

        var name = OrderLineStock.NameOf(product, variant);
        var price = (variant is null ? product.PriceIn(_show.Currency) : variant.PriceIn(product, _show.Currency))
            ?? throw DomainException.Conflict(ProblemCodes.LineupCurrencyMismatch, "“{0}” is no longer sold in {1}.", product.Name, _show.Currency);
        var mine = _mine.GetValueOrDefault((buyerId, product.Id));
        if (mine >= Limits.ClaimsPerViewerPerProduct)
        {
            throw DomainException.Conflict(ProblemCodes.ClaimLimitReached, "You already claimed {0} of “{1}”: pay for them first.", mine, product.Name);
        }

        var key = (product.Id, variant?.Id);
        ChatClaim claim;
        int? position = null;
        if (!_soldOut.Contains(key) && await OrderLineStock.TryTakeAsync(_db, product.Id, variant?.Id, 1, CancellationToken.None))
        {
            claim = new ChatClaim(Guid.CreateVersion7(), _show.Id, product.Id, variant?.Id, buyerId, buyerName, price, _show.Currency, sequence, room.Now, room.Now.AddMinutes(item.ClaimPayMinutes));
            _stockMoved.Add(product.Id);
        }
        else
        {
            _soldOut.Add(key);
            var waiting = _waiting.GetValueOrDefault(key);
            if (waiting >= Limits.ClaimWaitlistMax)
            {
                throw DomainException.Conflict(ProblemCodes.OutOfStock, "“{0}” is sold out and its waitlist is full.", name);
            }

            claim = new ChatClaim(Guid.CreateVersion7(), _show.Id, product.Id, variant?.Id, buyerId, buyerName, price, _show.Currency, sequence, room.Now, null);
            _waiting[key] = waiting + 1;
            position = waiting + 1;
        }

        _mine[(buyerId, product.Id)] = mine + 1;
        _db.ChatClaims.Add(claim);
        _touched.Add(product.Id);
        var dto = new ChatClaimDto(claim.Id, _show.Id, product.Id, variant?.Id, product.Name, variant?.Label, product.ImageUrl, price, _show.Currency,
            claim.Status, claim.ClaimedAt, claim.PayBy, position, null, buyerName);
        return (claim, dto);
    }

    /// <summary>Saves the batch's claims and tells the room each touched product's stock and counts.</summary>
    public async Task FinishAsync(RoomChange room)
    {
        if (_touched.Count == 0)
        {
            return;
        }

        await _db.SaveChangesAsync();
        foreach (var pinned in _pinned.Where(p => _touched.Contains(p.Product.Id)))
        {
            if (_stockMoved.Contains(pinned.Product.Id))
            {
                await ProductStock.EmitAsync(_db, room, _show.Id, pinned.Product.Id, CancellationToken.None);
            }

            await ChatClaims.EmitAsync(_db, room, _show.Id, pinned.Item, CancellationToken.None);
        }
    }

    /// <summary>
    /// The product and variant a keyword claims. A variant's keyword is looked for first (sizes may be numbers: "+1 38");
    /// a bare "+1" claims the item on show when it takes claims and has no variants. "+1" with a short word that is no
    /// variant's ("+1 XL"), or alone for a product with variants, is refused with the keywords to type; "+10" or a longer
    /// line that starts with "+1" ("+1 love this colour") is just chat.
    /// </summary>
    private (ShowProduct Item, Product Product, ProductVariant? Variant)? Match(string typed, string text)
    {
        foreach (var pinned in _pinned.Where(p => p.Item.ClaimsOpen))
        {
            if (pinned.Variants.FirstOrDefault(v => ClaimKeywords.Normalize(ClaimKeywords.ForVariant(v.Label)) == typed) is { } variant)
            {
                return (pinned.Item, pinned.Product, variant);
            }
        }

        var shown = _pinned[0];
        if (!shown.Item.ClaimsOpen)
        {
            return null;
        }

        if (typed == ClaimKeywords.Plus1 && shown.Variants.Count == 0)
        {
            return (shown.Item, shown.Product, null);
        }

        var rest = ClaimKeywords.Normalize(text)[ClaimKeywords.Plus1.Length..];
        var words = text.Normalize(System.Text.NormalizationForm.FormKC).Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if ((rest.Length > 0 && char.IsDigit(rest[0])) || rest.Length > ShortWord || words.Length > 2)
        {
            return null;
        }

        if (shown.Variants.Count == 0)
        {
            throw DomainException.Invalid(ProblemCodes.ClaimNotFound, "Type {0} to claim “{1}”.", ClaimKeywords.Plus1, shown.Product.Name);
        }

        throw DomainException.Invalid(ProblemCodes.ClaimNotFound, "Type one of {0} to claim “{1}”.", string.Join(", ", shown.Variants.Select(v => ClaimKeywords.ForVariant(v.Label))), shown.Product.Name);
    }

    /// <summary>A pinned lineup product; <see cref="Variants"/> only for one that takes claims.</summary>
    private sealed record Pinned(ShowProduct Item, Product Product, IReadOnlyList<ProductVariant> Variants);
}
