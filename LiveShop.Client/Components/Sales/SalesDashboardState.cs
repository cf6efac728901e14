using LiveShop.Shared.Orders;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shows;

namespace LiveShop.Client.Components.Sales;

/// <summary>
/// What the sales dashboard shows: the last full report, the headline numbers (replaced at once by
/// each <c>SalesUpdated</c> push), the show's orders and share links. A reload that started before
/// the latest push keeps the pushed numbers, so a slow answer never turns the tiles back.
/// </summary>
public sealed class SalesDashboardState
{
    private readonly List<OrderDto> _orders = [];
    private readonly List<ShareLinkDto> _links = [];
    private long _pushes;

    /// <summary>The last full report (null until the first load).</summary>
    public SalesDashboardDto? Dashboard { get; private set; }

    /// <summary>The freshest headline numbers: pushed or loaded, whichever is newer.</summary>
    public SalesSummaryDto? Summary { get; private set; }

    /// <summary>The show's orders, newest first.</summary>
    public IReadOnlyList<OrderDto> Orders => _orders;

    public IReadOnlyList<ShareLinkDto> Links => _links;

    /// <summary>The show's lineup, for the share-link product picker.</summary>
    public IReadOnlyList<LineupItemDto> Lineup { get; private set; } = [];

    public bool IsLoaded => Dashboard is not null;

    /// <summary>Notes the pushes seen so far; pass it to <see cref="ApplyReload"/> when the reload answers.</summary>
    public long BeginReload() => _pushes;

    /// <summary>
    /// Takes a full reload. If a push arrived after it began, the pushed headline numbers stay. Orders
    /// and links are never deleted, so what this page changed meanwhile (a shipped order, a new link)
    /// survives an answer that was computed before it.
    /// </summary>
    public void ApplyReload(long ticket, SalesDashboardDto dashboard, IReadOnlyList<OrderDto> orders, IReadOnlyList<ShareLinkDto> links)
    {
        Dashboard = dashboard;
        if (ticket == _pushes || Summary is null || Summary.ShowId != dashboard.ShowId)
        {
            Summary = dashboard.Summary;
        }

        var merged = orders.ToDictionary(o => o.Id);
        foreach (var mine in _orders)
        {
            if (!merged.TryGetValue(mine.Id, out var theirs) || mine.UpdatedAt > theirs.UpdatedAt)
            {
                merged[mine.Id] = mine;
            }
        }

        _orders.Clear();
        _orders.AddRange(merged.Values.OrderByDescending(o => o.PlacedAt));

        var reloaded = links.Select(l => l.Code).ToHashSet(StringComparer.Ordinal);
        var kept = _links.Where(l => !reloaded.Contains(l.Code)).ToList();
        _links.Clear();
        _links.AddRange(links.Concat(kept).OrderByDescending(l => l.CreatedAt));
    }

    public void ApplyLineup(IReadOnlyList<LineupItemDto> lineup) => Lineup = lineup;

    /// <summary>A <c>SalesUpdated</c> push: the tiles show it at once.</summary>
    public void ApplyPushedSummary(SalesSummaryDto summary)
    {
        if (Dashboard is not null && summary.ShowId != Dashboard.ShowId)
        {
            return;
        }

        Summary = summary;
        _pushes++;
    }

    /// <summary>An order the server changed (e.g. marked shipped) replaces its row.</summary>
    public void ApplyOrder(OrderDto order)
    {
        var index = _orders.FindIndex(o => o.Id == order.Id);
        if (index >= 0)
        {
            _orders[index] = order;
        }
    }

    /// <summary>A new link goes to the top of the list.</summary>
    public void AddLink(ShareLinkDto link)
    {
        _links.RemoveAll(l => l.Code == link.Code);
        _links.Insert(0, link);
    }
}
