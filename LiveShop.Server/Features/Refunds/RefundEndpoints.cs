using System.Security.Claims;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Resources;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace LiveShop.Server.Features.Refunds;

/// <summary>Cancelling and refunding orders (docs/orders.md, "Cancellations and refunds").</summary>
public static class RefundEndpoints
{
    public static IEndpointRouteBuilder MapRefundEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup(ApiRoutes.Orders).WithTags("Refunds");
        orders.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelOrder")
            .WithSummary("Cancels an order (its buyer until packed, the shop until shipped): stock goes back, any payment is refunded in full.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway);
        orders.MapPost("/{id:guid}/refunds", RefundAsync).WithName("RefundOrder")
            .WithSummary("The shop refunds an order, whole or some lines, optionally restocking. Send an Idempotency-Key header: a retry with it never refunds twice.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway);
        return app;
    }

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> CancelAsync(Guid id, CancelOrderRequest? request, ClaimsPrincipal user, CancelOrder cancel, IStringLocalizer<ServerText> text, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await cancel.ExecuteAsync(user, id, request, cancellationToken));
        }
        catch (RefundFailedException e)
        {
            return ProcessorFailed(e, text);
        }
    }

    private static async Task<Results<Ok<OrderDto>, ProblemHttpResult>> RefundAsync(
        Guid id,
        [FromHeader(Name = ApiRoutes.IdempotencyKeyHeader)] string? idempotencyKey,
        RefundRequest? request,
        ClaimsPrincipal user,
        RefundOrder refund,
        IStringLocalizer<ServerText> text,
        CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await refund.ExecuteAsync(user, id, idempotencyKey, request, cancellationToken));
        }
        catch (RefundFailedException e)
        {
            return ProcessorFailed(e, text);
        }
    }

    private static ProblemHttpResult ProcessorFailed(RefundFailedException e, IStringLocalizer<ServerText> text) =>
        TypedResults.Problem(ProblemFactory.Create(StatusCodes.Status502BadGateway, ProblemCodes.RefundFailed, e.Sentence.Localize(text)));
}

public static class RefundsModule
{
    /// <summary>Cancelling and refunding orders.</summary>
    public static WebApplicationBuilder AddLiveShopRefunds(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CancelOrder>();
        builder.Services.AddScoped<RefundOrder>();
        return builder;
    }
}
