using System.Globalization;
using LiveShop.Shared;
using LiveShop.Shared.Orders;

namespace LiveShop.Client.Services;

// Fulfilment, the shop's order lists, cancelling and refunding (issue 12).
public sealed partial class ApiClient
{
    /// <summary>Moves one order to Packed, Shipped (with carrier and tracking), Delivered or Returned.</summary>
    public Task<OrderDto> MoveOrderAsync(Guid id, ChangeOrderStatusRequest request) =>
        PostAsync(ApiRoutes.OrderStatus(id), request, Json.ChangeOrderStatusRequest, Json.OrderDto);

    /// <summary>Moves many orders, each on its own; the answer says per order whether it moved or why not.</summary>
    public Task<FulfilOrdersResultDto> FulfilOrdersAsync(Guid shopId, FulfilOrdersRequest request) =>
        PostAsync(ApiRoutes.FulfilOrders(shopId), request, Json.FulfilOrdersRequest, Json.FulfilOrdersResultDto);

    /// <summary>A page of the shop's orders (page 0 first), newest first; dates are days in the shop's time zone, inclusive.</summary>
    public Task<ShopOrdersPageDto> ShopOrdersAsync(Guid shopId, Guid? showId, OrderStatus? status, DateOnly? from, DateOnly? to, int page)
    {
        var query = new List<string> { $"page={page}" };
        if (showId is { } show)
        {
            query.Add($"showId={show}");
        }

        if (status is { } s)
        {
            query.Add($"status={s}");
        }

        if (from is { } f)
        {
            query.Add("from=" + f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (to is { } t)
        {
            query.Add("to=" + t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return GetAsync($"{ApiRoutes.ShopOrders(shopId)}?{string.Join('&', query)}", Json.ShopOrdersPageDto);
    }

    public Task<PickListDto> PickListAsync(Guid shopId, Guid? showId) =>
        GetAsync(showId is { } id ? $"{ApiRoutes.PickList(shopId)}?showId={id}" : ApiRoutes.PickList(shopId), Json.PickListDto);

    /// <summary>The slips of the orders given, or else of the orders waiting to ship (of the show given).</summary>
    public Task<PackingSlipsDto> PackingSlipsAsync(Guid shopId, Guid? showId, IReadOnlyList<Guid>? orderIds)
    {
        var query = new List<string>();
        if (showId is { } show)
        {
            query.Add($"showId={show}");
        }

        query.AddRange((orderIds ?? []).Select(id => $"id={id}"));
        return GetAsync(query.Count == 0 ? ApiRoutes.PackingSlips(shopId) : $"{ApiRoutes.PackingSlips(shopId)}?{string.Join('&', query)}", Json.PackingSlipsDto);
    }

    /// <summary>Cancels an order (the buyer until it is packed, the shop until it ships): stock goes back, any payment is refunded.</summary>
    public Task<OrderDto> CancelOrderAsync(Guid id, string? reason) =>
        PostAsync(ApiRoutes.CancelOrder(id), new CancelOrderRequest(reason), Json.CancelOrderRequest, Json.OrderDto);

    /// <summary>Refunds the lines given (null: everything left), optionally putting the units back in stock.</summary>
    public Task<OrderDto> RefundOrderAsync(Guid id, RefundRequest request) =>
        PostAsync(ApiRoutes.RefundOrder(id), request, Json.RefundRequest, Json.OrderDto);
}
