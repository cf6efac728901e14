using LiveShop.Server.Data;
using LiveShop.Server.Features.Orders;
using LiveShop.Shared.Creators;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Creators;

/// <summary>
/// What placing an order in a brand's show needs to know of creators: which share links on the buyer's path still
/// count (a creator's within the brand's window and while the brand approves them; the team's within the platform's
/// window) and each of those creators' rate on each line, fixed into the order (<see cref="Order.CreatorRates"/>).
/// </summary>
public sealed class CreatorTerms
{
    /// <summary>The most touches an order keeps (the most recent ones).</summary>
    public const int MaxTouches = 20;

    private readonly CreatorProgram? _program;
    private readonly Dictionary<Guid, decimal?> _approved;

    private CreatorTerms(CreatorProgram? program, Dictionary<Guid, decimal?> approved)
    {
        _program = program;
        _approved = approved;
    }

    /// <summary>
    /// The buyer's path in the show before <paramref name="now"/> (by user or browser), oldest first, and the terms of
    /// the creators on it. A creator's touch counts only within the brand's window while they are approved (and not in
    /// the brand's team since); a paused or removed creator's touches drop out, so the order goes to the rest of the
    /// path (or to the show directly).
    /// </summary>
    /// <remarks>
    /// <paramref name="ownShow"/> is the host's creator link when the show is a creator's own and <paramref name="shopId"/> a
    /// brand in its lineup: buying there touches it at <paramref name="now"/>, the last touch on the path (while the brand
    /// approves the creator; see <see cref="CreatorShowLinks"/>).
    /// </remarks>
    public static async Task<(IReadOnlyList<OrderTouch> Path, CreatorTerms Terms)> ReadAsync(
        LiveShopDbContext db, Guid showId, Guid shopId, Guid buyerId, Guid? visitorId, DateTimeOffset now, TimeSpan teamWindow, CancellationToken cancellationToken,
        CreatorShowTouch? ownShow = null)
    {
        var program = await db.CreatorPrograms.AsNoTracking().SingleOrDefaultAsync(p => p.ShopId == shopId, cancellationToken);
        var creatorWindow = program is null ? TimeSpan.Zero : TimeSpan.FromDays(program.WindowDays);
        var since = now - (creatorWindow > teamWindow ? creatorWindow : teamWindow);
        var touches = await db.LinkTouches.AsNoTracking()
            .Where(t => t.ShowId == showId && t.At >= since && t.At <= now && (t.UserId == buyerId || (visitorId != null && t.VisitorId == visitorId)))
            .Join(db.ShareLinks, t => t.Code, l => l.Code, (t, l) => new { Touch = t, l.ByCreator })
            .OrderByDescending(t => t.Touch.At).ThenByDescending(t => t.Touch.Id)
            .Take(MaxTouches * 10)
            .ToListAsync(cancellationToken);

        var creatorIds = touches.Where(t => t.ByCreator).Select(t => t.Touch.CreditedToId)
            .Concat(ownShow is null ? [] : [ownShow.CreatorId]).Distinct().ToList();
        var approved = creatorIds.Count == 0
            ? []
            : await db.CreatorEnrollments.AsNoTracking()
                .Where(e => e.ShopId == shopId && creatorIds.Contains(e.CreatorId) && e.Status == CreatorStatus.Approved
                    && !db.ShopMembers.Any(m => m.ShopId == shopId && m.UserId == e.CreatorId)
                    && db.Shops.Any(s => s.Id == shopId && s.SuspendedAt == null))
                .ToDictionaryAsync(e => e.CreatorId, e => e.RateOverride, cancellationToken);

        var path = touches
            .Where(t => t.ByCreator
                ? approved.ContainsKey(t.Touch.CreditedToId) && t.Touch.At >= now - creatorWindow
                // In a creator's own show the team's links are the channel's, not the brand's: they take no credit from it.
                : ownShow is null && t.Touch.At >= now - teamWindow)
            .Take(MaxTouches)
            .Reverse() // oldest first; touches at the same millisecond in the order they were recorded (ids are time-ordered)
            .Select(t => new OrderTouch(t.Touch.Code, t.Touch.CreditedToId, t.Touch.At))
            .ToList();
        if (ownShow is not null && approved.ContainsKey(ownShow.CreatorId))
        {
            path.Add(new OrderTouch(ownShow.Code, ownShow.CreatorId, now));
            if (path.Count > MaxTouches)
            {
                path.RemoveAt(0);
            }
        }

        var onPath = path.Select(t => t.CreditedToId).ToHashSet();
        return (path, new CreatorTerms(program, approved.Where(a => onPath.Contains(a.Key)).ToDictionary()));
    }

    /// <summary>Whether the brand opens <paramref name="productId"/> to <paramref name="creatorId"/>, approved and on the buyer's path.</summary>
    public bool Opens(Guid creatorId, Guid productId) =>
        _program is not null && _approved.TryGetValue(creatorId, out var rateOverride) && _program.RateFor(productId, rateOverride) is not null;

    /// <summary>Fixes each creator's rate on each of the order's lines the brand opened to them.</summary>
    public void Rate(Order order)
    {
        if (_program is null)
        {
            return;
        }

        foreach (var (creatorId, rateOverride) in _approved)
        {
            foreach (var line in order.Lines)
            {
                if (_program.RateFor(line.ProductId, rateOverride) is { } rate)
                {
                    order.RateForCreator(creatorId, line.LineNumber, rate);
                }
            }
        }
    }
}

/// <summary>The host's creator link of a creator's own show (<see cref="CreatorShowLinks"/>): buying there touches it.</summary>
public sealed record CreatorShowTouch(string Code, Guid CreatorId);
