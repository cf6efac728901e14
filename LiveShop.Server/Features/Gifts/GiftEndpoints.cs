using LiveShop.Server.Features.Security;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LiveShop.Server.Features.Gifts;

/// <summary>A gift's page and accepting it: for whoever holds its link, no account needed.</summary>
public static class GiftEndpoints
{
    public static IEndpointRouteBuilder MapGiftEndpoints(this IEndpointRouteBuilder app)
    {
        var gifts = app.MapGroup("/api/gifts").WithTags("Gifts").RequireRateLimiting(RateLimitPolicies.ShareLink);
        gifts.MapGet("/{orderId:guid}", GetAsync).WithName("GetGift")
            .WithSummary($"A gift as its recipient sees it (sender, shop, message, items, state); the link's token in {ApiRoutes.GiftTokenHeader}.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        gifts.MapPost("/{orderId:guid}/accept", AcceptAsync).WithName("AcceptGift")
            .WithSummary("The recipient accepts the gift with the address it goes to (the buyer never sees it).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Ok<GiftPageDto>> GetAsync(Guid orderId, [FromHeader(Name = ApiRoutes.GiftTokenHeader)] string? token, GiftOrders gifts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await gifts.GetAsync(orderId, token, cancellationToken));

    private static async Task<Ok<GiftPageDto>> AcceptAsync(
        Guid orderId, [FromHeader(Name = ApiRoutes.GiftTokenHeader)] string? token, AcceptGiftRequest? request, GiftOrders gifts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await gifts.AcceptAsync(orderId, token, request, cancellationToken));
}

public static class GiftsExtensions
{
    /// <summary>Gifts: the recipient's page and acceptance, the buyer's link, and the loop that cancels unaccepted gifts.</summary>
    public static WebApplicationBuilder AddLiveShopGifts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GiftLinks>();
        builder.Services.AddScoped<GiftOrders>();
        builder.Services.AddOptions<GiftOptions>().BindConfiguration(GiftOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<GiftExpirer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GiftExpirer>());
        return builder;
    }
}
