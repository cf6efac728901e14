using System.Security.Claims;
using LiveShop.Server.Features.Email;
using LiveShop.Shared;
using LiveShop.Shared.Orders;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Payments;

/// <summary>A shop's payment settings (<c>/api/shops/{shopId}/payments</c>): owners and managers.</summary>
public static class ShopPaymentsEndpoints
{
    public static IEndpointRouteBuilder MapShopPaymentsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Shops + "/{shopId:guid}/payments").WithTags("Payments").RequireAuthorization();
        group.MapGet("/", GetAsync).WithName("GetShopPayments").WithSummary("How the shop takes money; secrets only as \"set\" (owners and managers).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/", SaveAsync).WithName("SaveShopPayments").WithSummary("Changes how the shop takes money: Stripe keys, cash on delivery, bank transfer (owners and managers).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<ShopPaymentSettingsDto>> GetAsync(
        Guid shopId, ClaimsPrincipal user, PaymentSettings settings, HttpRequest http, IOptions<EmailOptions> email, CancellationToken cancellationToken) =>
        TypedResults.Ok(await settings.GetAsync(user, shopId, email.Value.SiteBase(http), cancellationToken));

    private static async Task<Ok<ShopPaymentSettingsDto>> SaveAsync(
        Guid shopId, SaveShopPaymentSettingsRequest request, ClaimsPrincipal user, PaymentSettings settings, HttpRequest http, IOptions<EmailOptions> email, CancellationToken cancellationToken) =>
        TypedResults.Ok(await settings.SaveAsync(user, shopId, request, email.Value.SiteBase(http), cancellationToken));
}
