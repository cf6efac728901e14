using LiveShop.Server.Data;
using LiveShop.Server.Realtime;
using LiveShop.Server.Features.Fulfilment;
using LiveShop.Server.Features.Gifts;
using LiveShop.Server.Features.Sales;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using Microsoft.EntityFrameworkCore;

namespace LiveShop.Server.Features.Orders;

/// <summary>
/// After an order is stored or changes: pushes it to its buyer (every tab they have open), tells the
/// sales pulse that the show's numbers moved, and offers a "just bought" toast for a new sale when the
/// buyer allows it. Every change is also mailed to the buyer (<see cref="OrderMailQueue"/>, in the background).
/// </summary>
public sealed class OrderNotifier(ILiveClients clients, SalesPulse pulse, LiveShopDbContext db, TimeProvider clock, OrderMailQueue mail, GiftLinks giftLinks)
{
    public async Task OrderChangedAsync(OrderDto order, bool isNew)
    {
        // What the buyer reads: a gift's link, never the address its recipient gave.
        order = giftLinks.ForBuyer(order);
        await clients.User(order.BuyerId).OrderUpdated(order);
        mail.Enqueue(order);
        pulse.MarkDirty(order.ShowId);
        if (isNew && order.CountsAsSale && order.Lines.Count > 0)
        {
            var allows = await db.Users.Where(u => u.Id == order.BuyerId).Select(u => u.ShowMyPurchases).SingleOrDefaultAsync();
            if (allows)
            {
                var line = order.Lines[0];
                pulse.OfferToast(new PurchaseToastDto(order.ShowId, PublicName(order.BuyerName), line.ProductId, line.Name, clock.GetUtcNow()));
            }
        }
    }

    /// <summary>
    /// What the room may see of a buyer: first name and the initial of the last ("Mei Lin" → "Mei L.");
    /// a Chinese name written without spaces keeps its family name only ("陳美玲" → "陳**"); a single
    /// Latin name stays as it is. Initials are whole characters (never half of an emoji).
    /// </summary>
    public static string PublicName(string displayName)
    {
        var parts = displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return "Someone";
        }

        if (parts.Length == 1)
        {
            var elements = System.Globalization.StringInfo.ParseCombiningCharacters(parts[0]);
            var isCjk = parts[0].EnumerateRunes().Any(r => r.Value is >= 0x3400 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x2FA1F);
            return isCjk && elements.Length > 1 ? FirstElement(parts[0]) + new string('*', elements.Length - 1) : parts[0];
        }

        return $"{parts[0]} {FirstElement(parts[^1]).ToUpperInvariant()}.";
    }

    private static string FirstElement(string text) => System.Globalization.StringInfo.GetNextTextElement(text);
}
