using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Orders;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Sales;

namespace LiveShop.Server.Features.Creators;

/// <summary>
/// What one creator earns from one order under one model: the credit (their part of the order's net total, what the
/// brand's totals add up), the commission, per line and per link. <see cref="Opened"/> are the lines the brand opened
/// to them: all a creator is shown of the order (never the rest of the buyer's basket).
/// </summary>
public sealed record CreatorShare(
    Guid CreatorId,
    decimal Gmv,
    decimal Commission,
    IReadOnlyList<LineShare> Lines,
    IReadOnlyDictionary<string, (decimal Gmv, decimal Commission)> Links)
{
    public IReadOnlyList<LineShare> Opened => [.. Lines.Where(l => l.IsOpened)];

    /// <summary>The credit on the opened lines: the creator's GMV as they see it.</summary>
    public decimal OpenedGmv => Lines.Where(l => l.IsOpened).Sum(l => l.Gmv);
}

/// <summary>A line's part of a creator's share: its units not refunded, the GMV credited, the rate fixed at order time (none: not opened to them) and the commission.</summary>
public sealed record LineShare(OrderLine Line, int Units, decimal Gmv, decimal? FixedRate, decimal Commission)
{
    public bool IsOpened => FixedRate is not null;

    public decimal Rate => FixedRate ?? 0;
}

/// <summary>
/// The creators' money, to the cent. An order's net total is split over the links on the buyer's path by the
/// attribution model (<see cref="OrderCredits"/>); a creator's part (their links' credits) is spread over the
/// order's lines by what each still earns (net of refunded units), and each line pays the rate fixed when the order
/// was placed, rounded half away from zero (a line not opened to them earns nothing and is not shown to them). An
/// order's commission is the sum of its lines', a link's is the order's (and its opened GMV) spread over the
/// creator's links by their credits: every total (per brand, show, link, product, statement) is a
/// sum of the same cents.
/// </summary>
public static class CreatorLedger
{
    /// <summary>The creators' shares of <paramref name="order"/> (those with credit only); <paramref name="creatorCodes"/> are the creators' link codes.</summary>
    public static IReadOnlyList<CreatorShare> Shares(Order order, AttributionModel model, TimeSpan halfLife, IReadOnlySet<string> creatorCodes)
    {
        if (order.Touches.Count == 0 || order.NetTotal <= 0)
        {
            return [];
        }

        var byCreator = order.Credits(model, halfLife)
            .Select((credit, i) => (credit.Code, credit.Amount, order.Touches[i].CreditedToId))
            .Where(c => creatorCodes.Contains(c.Code) && c.Amount > 0)
            .GroupBy(c => c.CreditedToId);
        var shares = new List<CreatorShare>();
        foreach (var creator in byCreator)
        {
            var credited = creator.Sum(c => c.Amount);
            var lines = order.Lines.Where(l => l.Quantity > l.RefundedQuantity).ToList();
            var parts = AttributionMath.Allocate(credited, [.. lines.Select(l => (double)(l.UnitPrice * (l.Quantity - l.RefundedQuantity)))]);
            var lineShares = lines.Select((line, i) =>
            {
                var rate = order.CreatorRates.FirstOrDefault(r => r.CreatorId == creator.Key && r.LineNumber == line.LineNumber)?.Rate;
                return new LineShare(line, line.Quantity - line.RefundedQuantity, parts[i], rate, decimal.Round(parts[i] * (rate ?? 0), 2, MidpointRounding.AwayFromZero));
            }).ToList();
            var commission = lineShares.Sum(l => l.Commission);

            // Each link's part of the opened lines' GMV and of the commission, by its credit.
            var codes = creator.GroupBy(c => c.Code).Select(g => (Code: g.Key, Credit: (double)g.Sum(c => c.Amount))).ToList();
            var opened = lineShares.Where(l => l.IsOpened).Sum(l => l.Gmv);
            var linkGmv = Spread(opened, codes.Select(c => c.Credit));
            var linkCommission = Spread(commission, codes.Select(c => c.Credit));
            var links = codes.Select((c, i) => (c.Code, Gmv: linkGmv[i], Commission: linkCommission[i])).ToDictionary(c => c.Code, c => (c.Gmv, c.Commission), StringComparer.Ordinal);
            shares.Add(new CreatorShare(creator.Key, credited, commission, lineShares, links));
        }

        return shares;
    }

    private static IReadOnlyList<decimal> Spread(decimal amount, IEnumerable<double> weights) =>
        amount == 0 ? [.. weights.Select(_ => 0m)] : AttributionMath.Allocate(amount, [.. weights]);

    /// <summary>Confirmed once the order was delivered and its return period has passed; until then pending.</summary>
    public static bool IsConfirmed(Order order, DateTimeOffset now, TimeSpan returnPeriod) =>
        order.Status == OrderStatus.Delivered
        && order.History.Where(h => h.Status == OrderStatus.Delivered).MaxBy(h => h.Position) is { } delivered
        && delivered.At + returnPeriod <= now;
}
