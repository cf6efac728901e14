using System.Security.Claims;
using LiveShop.Server.Features.Security;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Server.Features.Orders;

/// <summary>Paying for orders: what a show's checkout takes, the buyer's payment of an order, and a shop marking a transfer paid.</summary>
public static class CheckoutEndpoints
{
    public static IEndpointRouteBuilder MapCheckoutEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup(ApiRoutes.Shows).MapGet("/{showId:guid}/checkout", OptionsAsync)
            .WithTags("Orders").WithName("ShowCheckout")
            .WithSummary("The payment methods the show's shop takes, whether the checkout is in test mode, and a notice for the buyer.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var orders = app.MapGroup(ApiRoutes.Orders).WithTags("Orders");
        orders.MapGet("/{id:guid}/payment", GetPaymentAsync).WithName("GetOrderPayment")
            .WithSummary("The buyer's order with what they need to pay it: the processor's session while it waits for the card, or the transfer's instructions.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).RequireRateLimiting(RateLimitPolicies.PlaceOrder);
        orders.MapPost("/{id:guid}/payment", ConfirmPaymentAsync).WithName("ConfirmOrderPayment")
            .WithSummary("The buyer's browser paid: asks the processor now and records a final answer (paid, or declined with everything given back).")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).RequireRateLimiting(RateLimitPolicies.PlaceOrder);
        orders.MapPost("/{id:guid}/mark-paid", MarkPaidAsync).WithName("MarkOrderPaid")
            .WithSummary("The shop's owner, a manager or the show's host records an awaited bank transfer as received.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<CheckoutOptionsDto>> OptionsAsync(Guid showId, CheckoutMethods checkout, CancellationToken cancellationToken) =>
        TypedResults.Ok(await checkout.OptionsAsync(showId, cancellationToken));

    private static async Task<Ok<OrderDto>> GetPaymentAsync(Guid id, ClaimsPrincipal user, OrderPayments payments, CancellationToken cancellationToken) =>
        TypedResults.Ok(await payments.GetAsync(user, id, cancellationToken));

    private static async Task<Ok<OrderDto>> ConfirmPaymentAsync(Guid id, ClaimsPrincipal user, OrderPayments payments, CancellationToken cancellationToken) =>
        TypedResults.Ok(await payments.ConfirmAsync(user, id, cancellationToken));

    private static async Task<Ok<OrderDto>> MarkPaidAsync(Guid id, ClaimsPrincipal user, OrderPayments payments, CancellationToken cancellationToken) =>
        TypedResults.Ok(await payments.MarkPaidAsync(user, id, cancellationToken));
}
