using System.Globalization;
using System.Security.Claims;
using System.Text;
using LiveShop.Server.Data;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Gifts;
using LiveShop.Server.Features.Shows;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Shows;
using LiveShop.Server.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiveShop.Server.Features.Orders;

/// <summary>Orders as buyers and hosts read them.</summary>
public sealed class OrderQueries(LiveShopDbContext db, IStringLocalizer<ReportText> T, GiftLinks giftLinks)
{
    public async Task<OrderDto> ToDtoAsync(Order order, CancellationToken cancellationToken = default)
    {
        var title = await db.Shows.Where(s => s.Id == order.ShowId).Select(s => s.Title).SingleAsync(cancellationToken);
        return ToDto(order, title, await CoHostNamesAsync([order], cancellationToken));
    }

    /// <summary>An order as its buyer reads it (<see cref="GiftLinks.ForBuyer"/>).</summary>
    public OrderDto ForBuyer(OrderDto order) => giftLinks.ForBuyer(order);

    /// <summary>The caller's own orders, newest first.</summary>
    public async Task<IReadOnlyList<OrderDto>> MineAsync(ClaimsPrincipal caller, CancellationToken cancellationToken = default)
    {
        var buyerId = caller.RequireUserId();
        var orders = await db.Orders.AsNoTracking().Where(o => o.BuyerId == buyerId).ToListAsync(cancellationToken);
        return [.. (await WithTitlesAsync(orders.OrderByDescending(o => o.PlacedAt), cancellationToken)).Select(giftLinks.ForBuyer)];
    }

    /// <summary>
    /// The caller's order placed with this idempotency key, if any: how a page whose order attempt got no
    /// answer finds out whether it went through, without sending the attempt again (which could place it now).
    /// </summary>
    public async Task<OrderDto> ByKeyAsync(ClaimsPrincipal caller, string? key, CancellationToken cancellationToken = default)
    {
        var buyerId = caller.RequireUserId();
        var validKey = PlaceOrder.ValidateKey(key);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.BuyerId == buyerId && o.IdempotencyKey == validKey, cancellationToken)
            ?? throw DomainException.NotFound(ProblemCodes.OrderNotFound, "No order was placed with that attempt.");
        var dto = giftLinks.ForBuyer(await ToDtoAsync(order, cancellationToken));
        var siblings = await PlaceOrder.SiblingsAsync(db, order, cancellationToken);
        if (siblings.Count == 0)
        {
            return dto;
        }

        var others = new List<OrderDto>();
        foreach (var sibling in siblings)
        {
            others.Add(giftLinks.ForBuyer(await ToDtoAsync(sibling, cancellationToken)));
        }

        // A creator's show with several brands: the other brands' orders of the same attempt.
        return dto with { AlsoPlaced = others };
    }

    /// <summary>One order, for its buyer or the show's host/co-host; anyone else is told it does not exist.</summary>
    public async Task<OrderDto> GetAsync(ClaimsPrincipal caller, Guid orderId, CancellationToken cancellationToken = default)
    {
        var userId = caller.RequireUserId();
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        var sells = order is not null && await SellsAsync(db, order, userId, cancellationToken);
        if (order is null || (order.BuyerId != userId && !sells))
        {
            throw NotFound();
        }

        // The shop reads a gift's address to ship it; its buyer reads the link instead.
        var dto = await ToDtoAsync(order, cancellationToken);
        return sells ? dto : giftLinks.ForBuyer(dto);
    }

    /// <summary>
    /// A show's orders, newest first, for its host or co-host. In a creator's show a brand's orders are the brand's
    /// customers: the creator sees the buyer as the room does ("Mei L."), the city and country, never the address,
    /// phone or card (<see cref="AsSeenByCreator"/>).
    /// </summary>
    public async Task<IReadOnlyList<OrderDto>> ForShowAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        var show = await LoadPresentedAsync(db, caller, showId, cancellationToken);
        var orders = await db.Orders.AsNoTracking().Where(o => o.ShowId == showId).ToListAsync(cancellationToken);
        var coHosts = await CoHostNamesAsync(orders, cancellationToken);
        return [.. orders.OrderByDescending(o => o.PlacedAt).Select(o => o.ShopId == show.ShopId ? ToDto(o, show.Title, coHosts) : AsSeenByCreator(ToDto(o, show.Title, coHosts)))];
    }

    /// <summary>A brand's order as the creator whose show it came from sees it: no address, phone, card or payment reference.</summary>
    internal static OrderDto AsSeenByCreator(OrderDto order) => order with
    {
        BuyerId = Guid.Empty,
        BuyerName = OrderNotifier.PublicName(order.BuyerName),
        // A gift's city is its recipient's, and its message is theirs too: neither is the creator's to read.
        ShippingAddress = order.Gift is null ? new ShippingAddressDto("", "", null, order.ShippingAddress.City, "", order.ShippingAddress.Country, "") : ShippingAddress.None.ToDto(),
        Gift = order.Gift is { } gift ? gift with { Message = null } : null,
        CardLast4 = null,
        PaymentReference = null,
        PaymentInstructions = null,
        PaymentSession = null,
        History = null,
        Shipment = null,
    };

    /// <summary>
    /// The orders CSV's columns: the English names are the keys (and what an English caller gets, as before); a caller in
    /// another language reads them in theirs (<see cref="ReportText"/>). The values stay machine-readable (dates in ISO, amounts with a dot).
    /// </summary>
    private static readonly string[] CsvColumns =
    [
        "order_number", "placed_at_utc", "status", "buyer", "channel", "affiliate_code", "co_host", "currency", "product_sku_or_id", "product",
        "quantity", "unit_price", "list_price", "flash_sale", "line_total", "order_total", "refunded_quantity", "line_refunded", "order_refunded", "order_net_total",
    ];

    /// <summary>
    /// The show's orders as CSV (one row per order line), for spreadsheets: invariant culture, RFC 4180 quoting.
    /// The refund columns say what went back: the line's refunded units and their amount, the order's refunded amount and net total.
    /// </summary>
    public async Task<string> CsvAsync(ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken = default)
    {
        var orders = await ForShowAsync(caller, showId, cancellationToken);
        var csv = new StringBuilder();
        csv.AppendJoin(',', CsvColumns.Select(c => Field(T[c]))).Append("\r\n");
        foreach (var order in orders.OrderBy(o => o.PlacedAt))
        {
            foreach (var line in order.Lines)
            {
                csv.AppendJoin(',',
                    Field(order.Number),
                    Field(order.PlacedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                    Field(order.Status.ToString()),
                    Field(order.BuyerName),
                    Field(order.Channel.ToString()),
                    Field(order.AffiliateCode ?? ""),
                    Field(order.CoHost?.DisplayName ?? ""),
                    Field(order.Currency),
                    Field(line.ProductId.ToString()),
                    Field(line.Name),
                    line.Quantity.ToString(CultureInfo.InvariantCulture),
                    line.UnitPrice.ToString("0.00", CultureInfo.InvariantCulture),
                    line.ListPrice.ToString("0.00", CultureInfo.InvariantCulture),
                    Field(line.FlashSaleId is null ? T["no"] : T["yes"]),
                    line.LineTotal.ToString("0.00", CultureInfo.InvariantCulture),
                    order.Total.ToString("0.00", CultureInfo.InvariantCulture),
                    line.RefundedQuantity.ToString(CultureInfo.InvariantCulture),
                    (line.UnitPrice * line.RefundedQuantity).ToString("0.00", CultureInfo.InvariantCulture),
                    order.RefundedAmount.ToString("0.00", CultureInfo.InvariantCulture),
                    order.NetTotal.ToString("0.00", CultureInfo.InvariantCulture));
                csv.Append("\r\n");
            }
        }

        return csv.ToString();
    }

    /// <summary>
    /// The show, if the caller presents it (host or co-host, still in the shop's team) or is an owner or
    /// manager of the shop that owns it: 404 for an unknown show, 403 for anyone else.
    /// </summary>
    internal static async Task<Show> LoadPresentedAsync(LiveShopDbContext db, ClaimsPrincipal caller, Guid showId, CancellationToken cancellationToken)
    {
        var userId = caller.RequireUserId();
        var show = await db.Shows.AsNoTracking().SingleOrDefaultAsync(s => s.Id == showId, cancellationToken)
            ?? throw DomainException.ShowNotFound();
        var role = await Shops.ShopAccess.RoleOfAsync(db, userId, show.ShopId, cancellationToken);
        var allowed = role is { } r && (show.IsPresentedBy(userId) || ShopPermissions.CanManageCatalog(r));
        if (!allowed)
        {
            throw DomainException.Forbidden(ProblemCodes.NotShowHost, "Only the show's host and co-host, and the shop's owners and managers, can see its sales and orders.");
        }

        return show;
    }

    /// <summary>
    /// Whether the user sells this order: its host or co-host while still in the team of the shop that sold it,
    /// or an owner or manager of that shop. A host the shop removed, or demoted below host, no longer sees or ships its orders.
    /// </summary>
    internal static async Task<bool> SellsAsync(LiveShopDbContext db, Order order, Guid userId, CancellationToken cancellationToken)
    {
        // The shop that sold the order: the show's, or in a creator's show the brand whose products it holds (whose
        // team the creator is not in: the creator sees the order only redacted, in the show's list).
        var role = await db.ShopMembers
            .Where(m => m.ShopId == order.ShopId && m.UserId == userId)
            .Select(m => (ShopRole?)m.Role)
            .SingleOrDefaultAsync(cancellationToken);
        return role is { } r && ((ShopPermissions.CanHost(r) && (order.HostId == userId || order.CoHostId == userId)) || ShopPermissions.CanManageCatalog(r));
    }

    internal static DomainException NotFound() => DomainException.NotFound(ProblemCodes.OrderNotFound, "There is no such order.");

    internal static OrderDto ToDto(Order o, string showTitle, IReadOnlyDictionary<Guid, string> coHostNames) => new(
        o.Id, o.Number, o.ShowId, showTitle, o.BuyerId, o.BuyerName, o.Status, o.Currency, o.Total,
        [.. o.Lines.OrderBy(l => l.LineNumber).Select(l => new OrderLineDto(l.ProductId, l.Name, l.ImageUrl, l.Quantity, l.UnitPrice, l.ListPrice, l.FlashSaleId, l.LineTotal, l.VariantId, l.VariantLabel, l.RefundedQuantity))],
        o.ShippingAddress.ToDto(), o.PaymentMethod, o.CardLast4, o.PaymentReference, o.Channel, o.AffiliateCode, o.PlacedAt, o.UpdatedAt,
        o.CoHostId is { } coHost ? new HostDto(coHost, coHostNames.GetValueOrDefault(coHost, "")) : null,
        o.RefundedAmount,
        o.HoldExpiresAt,
        o.Carrier is { } carrier ? new ShipmentDto(carrier, o.TrackingNumber ?? "", o.TrackingUrl) : null,
        [.. o.History.OrderBy(h => h.Position).Select(h => new OrderHistoryEntryDto(h.Status, h.At, h.ActorName, h.Note))],
        ShopId: o.ShopId,
        Gift: o.IsGift ? new GiftDto(o.GiftMessage, o.GiftExpiresAt!.Value, o.GiftAcceptedAt) : null);

    /// <summary>The display names of the co-hosts credited with these orders.</summary>
    private async Task<IReadOnlyDictionary<Guid, string>> CoHostNamesAsync(IReadOnlyCollection<Order> orders, CancellationToken cancellationToken)
    {
        var ids = orders.Where(o => o.CoHostId is not null).Select(o => o.CoHostId!.Value).Distinct().ToList();
        return ids.Count == 0 ? new Dictionary<Guid, string>() : await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    internal async Task<IReadOnlyList<OrderDto>> WithTitlesAsync(IEnumerable<Order> orders, CancellationToken cancellationToken)
    {
        var list = orders.ToList();
        var showIds = list.Select(o => o.ShowId).Distinct().ToList();
        var titles = await db.Shows.Where(s => showIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Title, cancellationToken);
        var coHosts = await CoHostNamesAsync(list, cancellationToken);
        return [.. list.Select(o => ToDto(o, titles.GetValueOrDefault(o.ShowId, ""), coHosts))];
    }

    /// <summary>Quotes a CSV field when needed, and defuses spreadsheet formulas (a leading = + - @ tab or carriage return).</summary>
    internal static string Field(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
