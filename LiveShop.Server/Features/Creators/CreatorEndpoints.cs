using System.Security.Claims;
using LiveShop.Shared;
using LiveShop.Shared.Creators;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Server.Features.Creators;

/// <summary>Creators selling for brands (B2K2C, issue 17): the creator's side and the brand's.</summary>
public static class CreatorEndpoints
{
    public static WebApplicationBuilder AddLiveShopCreators(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Creators>();
        builder.Services.AddScoped<CreatorPrograms>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCreatorEndpoints(this IEndpointRouteBuilder app)
    {
        var creator = app.MapGroup(ApiRoutes.Creator).WithTags("Creators").RequireAuthorization();
        creator.MapGet("/profile", (ClaimsPrincipal user, Creators creators, CancellationToken ct) => Ok(creators.ProfileAsync(user, ct)))
            .WithName("MyCreatorProfile").WithSummary("The caller's creator profile (404 until they make one).").ProducesProblem(StatusCodes.Status404NotFound);
        creator.MapPut("/profile", (CreatorProfileRequest request, ClaimsPrincipal user, Creators creators, CancellationToken ct) => Ok(creators.SaveProfileAsync(user, request, ct)))
            .WithName("SaveCreatorProfile").WithSummary("Creates or changes the caller's creator profile.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        creator.MapGet("/programs", (ClaimsPrincipal user, Creators creators, CancellationToken ct) => Ok(creators.ProgramsAsync(user, ct)))
            .WithName("CreatorPrograms").WithSummary("Brands' programs open to creators, and the caller's status in each.");
        creator.MapPost("/programs/{shopId:guid}", (Guid shopId, ClaimsPrincipal user, Creators creators, CancellationToken ct) => Ok(creators.JoinAsync(user, shopId, ct)))
            .WithName("JoinCreatorProgram").WithSummary("Joins a brand's program (approved at once, or pending the brand's approval).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        creator.MapGet("/products", (ClaimsPrincipal user, Creators creators, CancellationToken ct) => Ok(creators.ProductsAsync(user, ct)))
            .WithName("CreatorProducts").WithSummary("The products the caller may sell, of every brand that approved them, with their rate.");

        var brand = app.MapGroup(ApiRoutes.Shops + "/{shopId:guid}").WithTags("Creators").RequireAuthorization();
        brand.MapGet("/creator-program", (Guid shopId, ClaimsPrincipal user, CreatorPrograms programs, CancellationToken ct) => Ok(programs.GetAsync(user, shopId, ct)))
            .WithName("ShopCreatorProgram").WithSummary("The shop's creator program (owners and managers).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        brand.MapPut("/creator-program", (Guid shopId, CreatorProgramRequest request, ClaimsPrincipal user, CreatorPrograms programs, CancellationToken ct) => Ok(programs.SaveAsync(user, shopId, request, ct)))
            .WithName("SaveShopCreatorProgram").WithSummary("Sets the program's terms and opened products.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        brand.MapGet("/creators", (Guid shopId, ClaimsPrincipal user, CreatorPrograms programs, CancellationToken ct) => Ok(programs.CreatorsAsync(user, shopId, ct)))
            .WithName("ShopCreators").WithSummary("The creators in (or asking to join) the shop's program.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        brand.MapPut("/creators/{creatorId:guid}", (Guid shopId, Guid creatorId, ProgramCreatorRequest request, ClaimsPrincipal user, CreatorPrograms programs, CancellationToken ct) =>
                Ok(programs.DecideAsync(user, shopId, creatorId, request, ct)))
            .WithName("DecideShopCreator").WithSummary("Approves, pauses, declines or removes a creator; sets their own rate.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<T>> Ok<T>(Task<T> result) => TypedResults.Ok(await result);
}
