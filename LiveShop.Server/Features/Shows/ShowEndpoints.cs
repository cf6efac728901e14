using System.Security.Claims;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Media;
using LiveShop.Shared;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveShop.Server.Features.Shows;

public static class ShowEndpoints
{
    public static IEndpointRouteBuilder MapShowEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Shows).WithTags("Shows");
        group.MapGet("/", ListAsync).WithName("ListShows").WithSummary("Live now, upcoming and recently ended shows.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetShow").WithSummary("A show with its lineup and video source.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Signed in; each use case then checks the caller's role in the shop that owns the show.
        var hosts = group.MapGroup("").RequireAuthorization();
        hosts.MapGet("/mine", MineAsync).WithName("MyShows").WithSummary("The calling host's shows.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        hosts.MapPost("/", CreateAsync).WithName("CreateShow").WithSummary("Schedules a show with a lineup of catalog products.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        hosts.MapPost("/{id:guid}/go-live", GoLiveAsync).WithName("GoLive").WithSummary("The show's host takes it live.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        hosts.MapPost("/{id:guid}/end", EndAsync).WithName("EndShow").WithSummary("The show's host ends it (final).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        hosts.MapGet("/{id:guid}/edit", EditShowEndpoints.GetForEditAsync).WithName("GetShowForEdit").WithSummary("The edit form's starting point (the show's host, the shop's owners and managers).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        hosts.MapPut("/{id:guid}", EditShowEndpoints.UpdateAsync).WithName("UpdateShow").WithSummary("Edits a scheduled show: title, description, time, lineup, commission, co-host.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        hosts.MapPost("/{id:guid}/poster", EditShowEndpoints.SetPosterAsync).WithName("SetShowPoster")
            .WithSummary("Uploads the show's poster (multipart/form-data, field “file”: JPEG, PNG or WebP up to 10 MB).")
            .DisableAntiforgery()
            .AcceptsImageUpload()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        hosts.MapDelete("/{id:guid}/poster", EditShowEndpoints.RemovePosterAsync).WithName("RemoveShowPoster").WithSummary("Removes the show's poster.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<ShowListDto>> ListAsync(ShowQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListAsync(cancellationToken));

    private static async Task<Ok<ShowDetailDto>> GetAsync(Guid id, ShowQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetAsync(id, cancellationToken));

    private static async Task<Ok<IReadOnlyList<ShowSummaryDto>>> MineAsync(ClaimsPrincipal user, ShowQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.ListHostedByAsync(user.RequireUserId(), cancellationToken));

    private static async Task<Created<ShowDetailDto>> CreateAsync(CreateShowRequest request, ClaimsPrincipal user, CreateShow createShow, CancellationToken cancellationToken)
    {
        var show = await createShow.ExecuteAsync(user, request, cancellationToken);
        return TypedResults.Created(ApiRoutes.Show(show.Id), show);
    }

    private static async Task<Ok<ShowStatusEvent>> GoLiveAsync(Guid id, ClaimsPrincipal user, ChangeShowStatus change, CancellationToken cancellationToken) =>
        TypedResults.Ok(await change.GoLiveAsync(user, id, cancellationToken));

    private static async Task<Ok<ShowStatusEvent>> EndAsync(Guid id, ClaimsPrincipal user, ChangeShowStatus change, CancellationToken cancellationToken) =>
        TypedResults.Ok(await change.EndAsync(user, id, cancellationToken));
}
