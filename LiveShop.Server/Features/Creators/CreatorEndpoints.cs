using System.Security.Claims;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Media;
using LiveShop.Shared;
using LiveShop.Shared.Creators;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LiveShop.Server.Features.Creators;

/// <summary>Creators selling for brands (B2K2C, issue 17): the creator's side and the brand's.</summary>
public static class CreatorEndpoints
{
    public static WebApplicationBuilder AddLiveShopCreators(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Creators>();
        builder.Services.AddScoped<CreatorPrograms>();
        builder.Services.AddScoped<CreatorSales>();
        builder.Services.AddScoped<BrandCreatorResults>();
        builder.Services.AddScoped<CreatorStatements>();
        builder.Services.AddOptions<CreatorOptions>().BindConfiguration(CreatorOptions.Section)
            .Validate(o => o.ConfirmAfterDays is >= 0 and <= 365 && o.ReplayDays is >= 0 and <= 365, "Creators:ConfirmAfterDays and Creators:ReplayDays are 0 to 365.")
            .ValidateOnStart();
        return builder;
    }

    public static IEndpointRouteBuilder MapCreatorEndpoints(this IEndpointRouteBuilder app)
    {
        var creator = app.MapGroup(ApiRoutes.Creator).WithTags("Creators").RequireAuthorization();
        creator.MapGet("/profile", ProfileAsync)
            .WithName("MyCreatorProfile").WithSummary("The caller's creator profile (null until they make one).");
        creator.MapPut("/profile", (CreatorProfileRequest request, ClaimsPrincipal user, Creators creators, CancellationToken ct) => Ok(creators.SaveProfileAsync(user, request, ct)))
            .WithName("SaveCreatorProfile").WithSummary("Creates or changes the caller's creator profile.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        creator.MapPost("/profile/avatar", ([FromForm] IFormFile? file, ClaimsPrincipal user, Creators creators, CancellationToken ct) => Ok(creators.SetAvatarAsync(user, file, ct)))
            .WithName("SetCreatorAvatar").WithSummary("Uploads the caller's creator photo (multipart/form-data, field “file”: JPEG, PNG or WebP up to 10 MB).")
            .DisableAntiforgery()
            .AcceptsImageUpload()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        creator.MapDelete("/profile/avatar", (ClaimsPrincipal user, Creators creators, CancellationToken ct) => Ok(creators.RemoveAvatarAsync(user, ct)))
            .WithName("RemoveCreatorAvatar").WithSummary("Removes the caller's creator photo.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        creator.MapGet("/programs", (ClaimsPrincipal user, Creators creators, CancellationToken ct) => Ok(creators.ProgramsAsync(user, ct)))
            .WithName("CreatorPrograms").WithSummary("Brands' programs open to creators, and the caller's status in each.");
        creator.MapPost("/programs/{shopId:guid}", (Guid shopId, ClaimsPrincipal user, Creators creators, CancellationToken ct) => Ok(creators.JoinAsync(user, shopId, ct)))
            .WithName("JoinCreatorProgram").WithSummary("Joins a brand's program (approved at once, or pending the brand's approval).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        creator.MapGet("/products", (ClaimsPrincipal user, Creators creators, CancellationToken ct) => Ok(creators.ProductsAsync(user, ct)))
            .WithName("CreatorProducts").WithSummary("The products the caller may sell, of every brand that approved them, with their rate.");
        creator.MapGet("/shows", (ClaimsPrincipal user, CreatorSales sales, CancellationToken ct) => Ok(sales.ShowsAsync(user, ct)))
            .WithName("CreatorShows").WithSummary("The approved brands' shows the caller may share, with the products in them opened to the caller.");
        creator.MapPost("/links", CreateLinkAsync)
            .WithName("CreateCreatorLink").WithSummary("Makes the caller's share link for a brand's show, or one product in it.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        creator.MapGet("/results", (DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, CreatorSales sales, CancellationToken ct) =>
                Ok(sales.ResultsAsync(user, QueryParameters.Instant(from, "from"), QueryParameters.Instant(to, "to"), ct)))
            .WithName("CreatorResults").WithSummary("The caller's clicks, visitors, orders, GMV and commission for [from, to) (default: the last 30 days), per brand, show, link and product.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        creator.MapGet("/statements", (string? month, ClaimsPrincipal user, CreatorStatements statements, CancellationToken ct) => Ok(statements.CreatorAsync(user, month, ct)))
            .WithName("CreatorStatements").WithSummary("The caller's monthly statements (month = yyyy-MM, default this month) from every brand, with what was paid and what is due.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        creator.MapGet("/statements.csv", async (string? month, ClaimsPrincipal user, CreatorStatements statements, CancellationToken ct) =>
                await StatementsCsvAsync(statements.CreatorCsvAsync(user, month, ct)))
            .WithName("CreatorStatementsCsv").WithSummary("The caller's monthly statements (month = yyyy-MM) from every brand, as CSV.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        creator.MapGet("/results.csv", ResultsCsvAsync)
            .WithName("CreatorResultsCsv").WithSummary("The caller's credited order lines for [from, to) as CSV.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

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
        brand.MapGet("/creator-results", (Guid shopId, DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, BrandCreatorResults results, CancellationToken ct) =>
                Ok(results.ResultsAsync(user, shopId, QueryParameters.Instant(from, "from"), QueryParameters.Instant(to, "to"), ct)))
            .WithName("ShopCreatorResults").WithSummary("Each creator's results for [from, to) side by side, under every attribution model (owners and managers).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        brand.MapGet("/creator-statements", (Guid shopId, string? month, ClaimsPrincipal user, CreatorStatements statements, CancellationToken ct) => Ok(statements.BrandAsync(user, shopId, month, ct)))
            .WithName("ShopCreatorStatements").WithSummary("Each creator's statement for a month (yyyy-MM in the shop's time zone; default this month): orders, GMV, commission, paid, due.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        brand.MapGet("/creator-statements.csv", async (Guid shopId, string? month, ClaimsPrincipal user, CreatorStatements statements, CancellationToken ct) =>
                await StatementsCsvAsync(statements.BrandCsvAsync(user, shopId, month, ct)))
            .WithName("ShopCreatorStatementsCsv").WithSummary("Each creator's statement for a month as CSV (owners and managers).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        brand.MapPost("/creator-statements/{creatorId:guid}/paid", (Guid shopId, Guid creatorId, MarkStatementPaidRequest request, ClaimsPrincipal user, CreatorStatements statements, CancellationToken ct) =>
                Ok(statements.MarkPaidAsync(user, shopId, creatorId, request, ct)))
            .WithName("MarkCreatorStatementPaid").WithSummary("Marks what is due on a creator's statement (the confirmed commission not yet paid) as paid now.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>The profile, or a JSON <c>null</c> body before there is one (written out: an empty body is not JSON).</summary>
    private static async Task<IResult> ProfileAsync(ClaimsPrincipal user, Creators creators, CancellationToken cancellationToken) =>
        await creators.ProfileAsync(user, cancellationToken) is { } profile
            ? TypedResults.Ok(profile)
            : TypedResults.Content("null", "application/json");

    private static async Task<Created<CreatorLinkResultDto>> CreateLinkAsync(CreatorLinkRequest request, ClaimsPrincipal user, CreatorSales sales, CancellationToken cancellationToken)
    {
        var link = await sales.CreateLinkAsync(user, request, cancellationToken);
        return TypedResults.Created(link.Url, link);
    }

    private static async Task<FileContentHttpResult> ResultsCsvAsync(DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, CreatorSales sales, CancellationToken cancellationToken)
    {
        var csv = await sales.CsvAsync(user, QueryParameters.Instant(from, "from"), QueryParameters.Instant(to, "to"), cancellationToken);
        return CsvFile.Result(csv, "liveshop-creator-results.csv");
    }

    private static async Task<FileContentHttpResult> StatementsCsvAsync(Task<(string Csv, string Month)> statements)
    {
        var (csv, month) = await statements;
        return CsvFile.Result(csv, $"liveshop-creator-statements-{month}.csv");
    }

    private static async Task<Ok<T>> Ok<T>(Task<T> result) => TypedResults.Ok(await result);
}
