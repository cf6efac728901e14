using System.Security.Claims;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Server.Features.Fulfilment;

/// <summary>Moving orders from paid to delivered.</summary>
public static class FulfilmentEndpoints
{
    public static IEndpointRouteBuilder MapFulfilmentEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup(ApiRoutes.Orders).WithTags("Fulfilment");
        orders.MapPost("/{id:guid}/status", ChangeStatusAsync).WithName("ChangeOrderStatus").WithSummary("The show's host marks an order shipped; the buyer is told at once.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<OrderDto>> ChangeStatusAsync(Guid id, ChangeOrderStatusRequest? request, ClaimsPrincipal user, ShipOrder ship, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ship.ExecuteAsync(user, id, request, cancellationToken));
}

public static class FulfilmentExtensions
{
    public static WebApplicationBuilder AddLiveShopFulfilment(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ShipOrder>();
        return builder;
    }
}
