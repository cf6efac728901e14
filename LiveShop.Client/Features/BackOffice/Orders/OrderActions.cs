using LiveShop.Shared.Orders;

namespace LiveShop.Client.Features.BackOffice.Orders;

/// <summary>
/// What the shop may do next with an order, by the server's rules (OrderTransitions on the server; the server
/// checks again and answers with its sentence when the order changed meanwhile).
/// </summary>
public static class OrderActions
{
    /// <summary>The fulfilment moves from this status: Packed, Shipped, Delivered, Returned.</summary>
    public static IReadOnlyList<OrderStatus> NextMoves(OrderStatus status) => status switch
    {
        OrderStatus.Paid or OrderStatus.CashOnDelivery => [OrderStatus.Packed, OrderStatus.Shipped],
        OrderStatus.Packed => [OrderStatus.Shipped],
        OrderStatus.Shipped => [OrderStatus.Delivered, OrderStatus.Returned],
        OrderStatus.Delivered => [OrderStatus.Returned],
        _ => [],
    };

    /// <summary>The shop may cancel until the order ships.</summary>
    public static bool ShopMayCancel(OrderStatus status) =>
        status is OrderStatus.PendingPayment or OrderStatus.AwaitingTransfer or OrderStatus.Paid or OrderStatus.CashOnDelivery or OrderStatus.Packed;

    /// <summary>The buyer may cancel until the order is packed (OrderTransitions.BuyerMayCancel on the server).</summary>
    public static bool BuyerMayCancel(OrderStatus status) =>
        status is OrderStatus.Paid or OrderStatus.CashOnDelivery or OrderStatus.PendingPayment or OrderStatus.AwaitingTransfer;

    /// <summary>Money that was taken and not all given back yet (cash on delivery only once delivered).</summary>
    public static bool MayRefund(OrderDto order) =>
        order.NetTotal > 0 && order.Status switch
        {
            OrderStatus.Paid or OrderStatus.Packed or OrderStatus.Shipped => order.PaymentMethod != PaymentMethod.CashOnDelivery,
            OrderStatus.Delivered or OrderStatus.Returned => true,
            _ => false,
        };
}
