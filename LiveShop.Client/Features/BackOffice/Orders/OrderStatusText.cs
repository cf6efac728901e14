using LiveShop.Client.Resources;
using LiveShop.Shared.Orders;
using Microsoft.Extensions.Localization;

namespace LiveShop.Client.Features.BackOffice.Orders;

/// <summary>
/// The back office's words for an order's status: its name (filters, pick list) and the "Mark …" action that moves
/// an order to it, in the person's language. Whole sentences per status, not "Mark " + a lower-cased name, so each
/// language can say it its own way.
/// </summary>
public static class OrderStatusText
{
    /// <summary>The status as the shop's staff read it ("Awaiting payment", "Packed").</summary>
    public static string Name(OrderStatus status, IStringLocalizer<ShopText> T) => status switch
    {
        OrderStatus.PendingPayment => T["Awaiting payment"],
        OrderStatus.Paid => T["Paid"],
        OrderStatus.CashOnDelivery => T["Cash on delivery"],
        OrderStatus.PaymentDeclined => T["Payment declined"],
        OrderStatus.Shipped => T["Shipped"],
        OrderStatus.AwaitingTransfer => T["Awaiting transfer"],
        OrderStatus.Packed => T["Packed"],
        OrderStatus.Delivered => T["Delivered"],
        OrderStatus.Cancelled => T["Cancelled"],
        OrderStatus.Refunded => T["Refunded"],
        OrderStatus.Returned => T["Returned"],
    };

    /// <summary>The action that moves an order to <paramref name="status"/> ("Mark packed").</summary>
    public static string Mark(OrderStatus status, IStringLocalizer<ShopText> T) => status switch
    {
        OrderStatus.PendingPayment => T["Mark awaiting payment"],
        OrderStatus.Paid => T["Mark paid"],
        OrderStatus.CashOnDelivery => T["Mark cash on delivery"],
        OrderStatus.PaymentDeclined => T["Mark payment declined"],
        OrderStatus.Shipped => T["Mark shipped"],
        OrderStatus.AwaitingTransfer => T["Mark awaiting transfer"],
        OrderStatus.Packed => T["Mark packed"],
        OrderStatus.Delivered => T["Mark delivered"],
        OrderStatus.Cancelled => T["Mark cancelled"],
        OrderStatus.Refunded => T["Mark refunded"],
        OrderStatus.Returned => T["Mark returned"],
    };

    /// <summary>The toast after a bulk move: "3 orders marked packed."</summary>
    public static string Marked(OrderStatus status, int count, IStringLocalizer<ShopText> T) => count == 1
        ? T["1 order marked {0}.", Name(status, T).ToLower(System.Globalization.CultureInfo.CurrentCulture)]
        : T["{0} orders marked {1}.", count, Name(status, T).ToLower(System.Globalization.CultureInfo.CurrentCulture)];
}
