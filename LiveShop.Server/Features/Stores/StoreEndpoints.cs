using System.Security.Claims;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Email;
using LiveShop.Shared;
using LiveShop.Shared.Stores;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Stores;

/// <summary>Stores and their staff (issue 17, online sales credited offline): the shop's side and a staff member's own.</summary>
public static class StoreEndpoints
{
    public static WebApplicationBuilder AddLiveShopStores(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Stores>();
        builder.Services.AddScoped<StoreLeaderboard>();
        builder.Services.AddScoped<StaffLinks>();
        return builder;
    }

    public static IEndpointRouteBuilder MapStoreEndpoints(this IEndpointRouteBuilder app)
    {
        var shop = app.MapGroup(ApiRoutes.Shops + "/{shopId:guid}").WithTags("Stores").RequireAuthorization();
        shop.MapGet("/stores", ListAsync)
            .WithName("ShopStores").WithSummary("The shop's stores and their staff (owners and managers).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        shop.MapPost("/stores", CreateAsync)
            .WithName("CreateShopStore").WithSummary("Adds a store.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        shop.MapPut("/stores/{storeId:guid}", RenameAsync)
            .WithName("RenameShopStore").WithSummary("Renames a store.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        shop.MapPost("/stores/{storeId:guid}/staff", AddStaffAsync)
            .WithName("AddStoreStaff").WithSummary("Adds the LiveShop account with this e-mail address to the store's staff.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        shop.MapDelete("/stores/{storeId:guid}/staff/{userId:guid}", RemoveStaffAsync)
            .WithName("RemoveStoreStaff").WithSummary("Takes someone off the store's staff (their links keep crediting the store).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        shop.MapGet("/store-leaderboard", LeaderboardAsync)
            .WithName("StoreLeaderboard").WithSummary("The stores and their staff ranked by the GMV their links brought in [from, to) (default: the last 30 days).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var staff = app.MapGroup(ApiRoutes.Staff).WithTags("Stores").RequireAuthorization();
        staff.MapGet("", HomeAsync)
            .WithName("StaffHome").WithSummary("The caller's stores and the shows they may share from them.");
        staff.MapPost("/links", CreateLinkAsync)
            .WithName("CreateStaffLink").WithSummary("Makes the caller's personal link for a show (or a product in it), credited to them and the store.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapGet("/results", ResultsAsync)
            .WithName("StaffResults").WithSummary("The caller's store links and their openings, orders and credited GMV in [from, to) (default: the last 30 days).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        staff.MapGet("/links/{code}", CardAsync)
            .WithName("StaffLinkCard").WithSummary("A store link as its printed card shows it, with the public address its QR code holds.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/links/{code}/qr.svg", QrAsync)
            .WithName("StaffLinkQr").WithSummary("A store link's printable QR code (SVG).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<List<StoreDto>>> ListAsync(Guid shopId, ClaimsPrincipal user, Stores stores, CancellationToken cancellationToken) =>
        TypedResults.Ok(await stores.ListAsync(user, shopId, cancellationToken));

    private static async Task<Created<StoreDto>> CreateAsync(Guid shopId, StoreRequest request, ClaimsPrincipal user, Stores stores, CancellationToken cancellationToken)
    {
        var store = await stores.CreateAsync(user, shopId, request, cancellationToken);
        return TypedResults.Created(ApiRoutes.ShopStore(shopId, store.Id), store);
    }

    private static async Task<Ok<StoreDto>> RenameAsync(Guid shopId, Guid storeId, StoreRequest request, ClaimsPrincipal user, Stores stores, CancellationToken cancellationToken) =>
        TypedResults.Ok(await stores.RenameAsync(user, shopId, storeId, request, cancellationToken));

    private static async Task<Ok<StoreDto>> AddStaffAsync(Guid shopId, Guid storeId, AddStoreStaffRequest request, ClaimsPrincipal user, Stores stores, CancellationToken cancellationToken) =>
        TypedResults.Ok(await stores.AddStaffAsync(user, shopId, storeId, request, cancellationToken));

    private static async Task<Ok<StoreDto>> RemoveStaffAsync(Guid shopId, Guid storeId, Guid userId, ClaimsPrincipal user, Stores stores, CancellationToken cancellationToken) =>
        TypedResults.Ok(await stores.RemoveStaffAsync(user, shopId, storeId, userId, cancellationToken));

    private static async Task<Ok<StoreLeaderboardDto>> LeaderboardAsync(
        Guid shopId, DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, StoreLeaderboard leaderboard, CancellationToken cancellationToken) =>
        TypedResults.Ok(await leaderboard.ResultsAsync(user, shopId, QueryParameters.Instant(from, "from"), QueryParameters.Instant(to, "to"), cancellationToken));

    private static async Task<Ok<StaffHomeDto>> HomeAsync(ClaimsPrincipal user, StaffLinks links, CancellationToken cancellationToken) =>
        TypedResults.Ok(await links.HomeAsync(user, cancellationToken));

    private static async Task<Created<StaffLinkDto>> CreateLinkAsync(StaffLinkRequest request, ClaimsPrincipal user, StaffLinks links, CancellationToken cancellationToken)
    {
        var link = await links.CreateLinkAsync(user, request, cancellationToken);
        return TypedResults.Created(link.Url, link);
    }

    private static async Task<Ok<StaffResultsDto>> ResultsAsync(DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, StaffLinks links, CancellationToken cancellationToken) =>
        TypedResults.Ok(await links.ResultsAsync(user, QueryParameters.Instant(from, "from"), QueryParameters.Instant(to, "to"), cancellationToken));

    private static async Task<ContentHttpResult> QrAsync(string code, ClaimsPrincipal user, StaffLinks links, HttpRequest http, IOptions<EmailOptions> email, CancellationToken cancellationToken) =>
        TypedResults.Content(await links.QrSvgAsync(user, code, email.Value.SiteBase(http), cancellationToken), "image/svg+xml");

    private static async Task<Ok<StaffLinkCardDto>> CardAsync(string code, ClaimsPrincipal user, StaffLinks links, HttpRequest http, IOptions<EmailOptions> email, CancellationToken cancellationToken) =>
        TypedResults.Ok(await links.CardAsync(user, code, email.Value.SiteBase(http), cancellationToken));
}
