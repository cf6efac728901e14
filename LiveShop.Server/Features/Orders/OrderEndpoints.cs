using System.Security.Claims;
using LiveShop.Server.Features.Attribution;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Security;
using LiveShop.Server.Resources;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace LiveShop.Server.Features.Orders;

/// <summary>Placing and reading orders, and the buyer's profile (the remembered address).</summary>
public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup(ApiRoutes.Orders).WithTags("Orders");
        orders.MapPost("/", PlaceAsync).WithName("PlaceOrder")
            .WithSummary("Places an order in a show (Idempotency-Key header required). 201 when created; 200 with the same order when the key was seen before.")
            .Produces<OrderDto>(StatusCodes.Status201Created).Produces<OrderDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).RequireRateLimiting(RateLimitPolicies.PlaceOrder);
        orders.MapGet("/", MineAsync).WithName("MyOrders").WithSummary("The caller's orders, newest first.");
        orders.MapGet("/by-key", ByKeyAsync).WithName("OrderByKey")
            .WithSummary("The caller's order placed with the Idempotency-Key header's key; 404 when that attempt placed none. Never creates an order.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        orders.MapGet("/{id:guid}", GetAsync).WithName("GetOrder").WithSummary("One order (its buyer, or the show's host).").ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(ApiRoutes.Profile, ProfileAsync).WithTags("Accounts").WithName("GetProfile");
        app.MapPut(ApiRoutes.Profile, UpdateProfileAsync).WithTags("Accounts").WithName("UpdateProfile").ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<Results<Created<OrderDto>, Ok<OrderDto>, ProblemHttpResult>> PlaceAsync(
        [FromHeader(Name = ApiRoutes.IdempotencyKeyHeader)] string? idempotencyKey,
        PlaceOrderRequest? request,
        ClaimsPrincipal user,
        HttpContext context,
        PlaceOrder placeOrder,
        IStringLocalizer<ServerText> text,
        CancellationToken cancellationToken)
    {
        PlacedOrder placed;
        try
        {
            placed = await placeOrder.ExecuteAsync(user, idempotencyKey, request, VisitorCookie.Read(context), cancellationToken);
        }
        catch (DomainException refusal)
        {
            // Answered here, the same ProblemDetails the exception handler writes: a sell-out refuses thousands
            // at once, and unwinding each refusal through every middleware was a good part of the server's work.
            return TypedResults.Problem(ProblemFactory.FromRefusal(context.Response, refusal, text));
        }

        return placed.Created
            ? TypedResults.Created(ApiRoutes.Order(placed.Order.Id), placed.Order)
            : TypedResults.Ok(placed.Order);
    }

    private static async Task<Ok<IReadOnlyList<OrderDto>>> MineAsync(ClaimsPrincipal user, OrderQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.MineAsync(user, cancellationToken));

    private static async Task<Ok<OrderDto>> ByKeyAsync([FromHeader(Name = ApiRoutes.IdempotencyKeyHeader)] string? idempotencyKey, ClaimsPrincipal user, OrderQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ByKeyAsync(user, idempotencyKey, cancellationToken));

    private static async Task<Ok<OrderDto>> GetAsync(Guid id, ClaimsPrincipal user, OrderQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetAsync(user, id, cancellationToken));

    private static async Task<Ok<ProfileDto>> ProfileAsync(ClaimsPrincipal user, BuyerProfile profile, CancellationToken cancellationToken) =>
        TypedResults.Ok(await profile.GetAsync(user, cancellationToken));

    private static async Task<Ok<ProfileDto>> UpdateProfileAsync(UpdateProfileRequest? request, ClaimsPrincipal user, BuyerProfile profile, CancellationToken cancellationToken) =>
        TypedResults.Ok(await profile.UpdateAsync(user, request, cancellationToken));
}

public static class OrdersExtensions
{
    /// <summary>Placing orders, reading them, and telling buyers when they change.</summary>
    public static WebApplicationBuilder AddLiveShopOrders(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PlaceOrder>();
        builder.Services.AddSingleton<EndedFlashPriceBuyers>();
        builder.Services.AddScoped<OrderQueries>();
        builder.Services.AddScoped<OrderNotifier>();
        builder.Services.AddScoped<BuyerProfile>();
        builder.Services.AddScoped<CheckoutMethods>();
        builder.Services.AddScoped<OrderPayments>();
        return builder;
    }
}
