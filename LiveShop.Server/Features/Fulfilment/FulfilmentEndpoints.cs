using System.Security.Claims;
using LiveShop.Server.Features.Common;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LiveShop.Server.Features.Fulfilment;

/// <summary>Moving orders from paid to delivered, one at a time or in bulk, and the shop's order list, pick list and packing slips.</summary>
public static class FulfilmentEndpoints
{
    public static IEndpointRouteBuilder MapFulfilmentEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup(ApiRoutes.Orders).WithTags("Fulfilment");
        orders.MapPost("/{id:guid}/status", ChangeStatusAsync).WithName("ChangeOrderStatus")
            .WithSummary("The show's host, or the shop's owner or manager, moves an order to Packed, Shipped (carrier, tracking), Delivered or Returned; the buyer is told at once.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var shop = app.MapGroup(ApiRoutes.Shops + "/{shopId:guid}/orders").WithTags("Fulfilment");
        shop.MapGet("/", ListAsync).WithName("ShopOrders")
            .WithSummary("The shop's orders, newest first, 50 a page (page 0 first), filtered by show, status and the days placed (from/to, inclusive, in the shop's time zone), with totals per currency.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        shop.MapPost("/fulfil", FulfilAsync).WithName("FulfilOrders")
            .WithSummary("Moves many orders at once, each on its own: the answer says per order whether it moved or why not. One refused order never blocks the others.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        shop.MapGet("/pick-list", PickListAsync).WithName("PickList")
            .WithSummary("Units to pick per product and variant (with SKU) over the orders paid, cash on delivery or packed and not yet shipped; refunded units left out.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        shop.MapGet("/packing-slips", PackingSlipsAsync).WithName("PackingSlips")
            .WithSummary("One packing slip per order: the orders given as id=…, or else those waiting to ship (of the show given).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<OrderDto>> ChangeStatusAsync(Guid id, ChangeOrderStatusRequest? request, ClaimsPrincipal user, FulfilOrder fulfil, CancellationToken cancellationToken) =>
        TypedResults.Ok(await fulfil.ExecuteAsync(user, id, request, cancellationToken));

    private static async Task<Ok<FulfilOrdersResultDto>> FulfilAsync(Guid shopId, FulfilOrdersRequest? request, ClaimsPrincipal user, FulfilOrder fulfil, CancellationToken cancellationToken) =>
        TypedResults.Ok(await fulfil.ExecuteManyAsync(user, shopId, request, cancellationToken));

    private static async Task<Ok<ShopOrdersPageDto>> ListAsync(
        Guid shopId, Guid? showId, OrderStatus? status, DateOnly? from, DateOnly? to, int? page, ClaimsPrincipal user, ShopOrderQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(
            user, shopId, showId, QueryParameters.Named(status, "status"), QueryParameters.Day(from, "from"), QueryParameters.Day(to, "to"), QueryParameters.Page(page) ?? 0, cancellationToken));

    private static async Task<Ok<PickListDto>> PickListAsync(Guid shopId, Guid? showId, ClaimsPrincipal user, ShopOrderQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.PickListAsync(user, shopId, showId, cancellationToken));

    private static async Task<Ok<PackingSlipsDto>> PackingSlipsAsync(
        Guid shopId, Guid? showId, [FromQuery(Name = "id")] Guid[]? ids, ClaimsPrincipal user, ShopOrderQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.PackingSlipsAsync(user, shopId, showId, ids, cancellationToken));
}

public static class FulfilmentExtensions
{
    /// <summary>Fulfilment, the shop's order lists, and the mail each order change sends its buyer.</summary>
    public static WebApplicationBuilder AddLiveShopFulfilment(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<FulfilOrder>();
        builder.Services.AddScoped<ShopOrderQueries>();
        builder.Services.AddSingleton<OrderMailQueue>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OrderMailQueue>());
        return builder;
    }
}
