using System.Security.Claims;
using LiveShop.Server.Features.Common;
using LiveShop.Server.Features.Email;
using LiveShop.Server.Features.Shows;
using LiveShop.Shared;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LiveShop.Server.Features.Shops;

/// <summary>Shops: the caller's shops, opening one, its settings, its shows.</summary>
public static class ShopEndpoints
{
    public static IEndpointRouteBuilder MapShopEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Shops).WithTags("Shops").RequireAuthorization();
        group.MapGet("/", MineAsync).WithName("MyShops").WithSummary("The caller's shops and their role in each.");
        group.MapPost("/", OpenAsync).WithName("OpenShop").WithSummary("Opens a shop; the caller becomes its owner.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{shopId:guid}", GetAsync).WithName("GetShop").WithSummary("A shop's settings (any member).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{shopId:guid}", UpdateAsync).WithName("UpdateShop").WithSummary("Changes a shop's settings (owners).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{shopId:guid}/shows", ShowsAsync).WithName("ShopShows").WithSummary("Every show of the shop (any member).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<List<MyShopDto>>> MineAsync(ClaimsPrincipal user, ShopAccess access, CancellationToken cancellationToken) =>
        TypedResults.Ok(await access.MineAsync(Common.ClaimsPrincipalExtensions.RequireUserId(user), cancellationToken));

    private static async Task<Created<ShopDto>> OpenAsync(ShopSettingsRequest request, ClaimsPrincipal user, Shops shops, CancellationToken cancellationToken)
    {
        var shop = await shops.OpenAsync(user, request, cancellationToken);
        return TypedResults.Created(ApiRoutes.Shop(shop.Id), shop);
    }

    private static async Task<Ok<ShopDto>> GetAsync(Guid shopId, ClaimsPrincipal user, Shops shops, CancellationToken cancellationToken) =>
        TypedResults.Ok(await shops.GetAsync(user, shopId, cancellationToken));

    private static async Task<Ok<ShopDto>> UpdateAsync(Guid shopId, ShopSettingsRequest request, ClaimsPrincipal user, Shops shops, CancellationToken cancellationToken) =>
        TypedResults.Ok(await shops.UpdateAsync(user, shopId, request, cancellationToken));

    private static async Task<Ok<IReadOnlyList<ShowSummaryDto>>> ShowsAsync(Guid shopId, ClaimsPrincipal user, Shops shops, ShowQueries queries, CancellationToken cancellationToken)
    {
        await shops.RequireMemberAsync(user, shopId, cancellationToken);
        return TypedResults.Ok(await queries.ListOfShopAsync(shopId, cancellationToken));
    }
}

/// <summary>A shop's team: members and invitations (owners change it; members read it).</summary>
public static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ApiRoutes.Shops + "/{shopId:guid}").WithTags("Team").RequireAuthorization();
        group.MapGet("/members", MembersAsync).WithName("ShopMembers").WithSummary("The shop's team.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/members/{userId:guid}", ChangeRoleAsync).WithName("ChangeMemberRole").WithSummary("Changes a member's role (owners).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/members/{userId:guid}", RemoveAsync).WithName("RemoveMember").WithSummary("Removes a member (owners), or the caller leaves.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/invitations", InvitationsAsync).WithName("ShopInvitations").WithSummary("Open invitations (owners).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/invitations", InviteAsync).WithName("InviteMember").WithSummary("E-mails an invitation with a role (owners); valid 7 days, one use.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/invitations/{invitationId:guid}", RevokeAsync).WithName("RevokeInvitation").WithSummary("Withdraws an invitation (owners).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var invitations = app.MapGroup("/api/invitations").WithTags("Team");
        invitations.MapGet("/{token}", PreviewAsync).WithName("PreviewInvitation").WithSummary("What an invitation link offers (anyone with the link).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        invitations.MapPost("/accept", AcceptAsync).WithName("AcceptInvitation").WithSummary("Joins the shop: as the signed-in caller, or signing in or up the invited e-mail.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<List<ShopMemberDto>>> MembersAsync(Guid shopId, ClaimsPrincipal user, Team team, CancellationToken cancellationToken) =>
        TypedResults.Ok(await team.MembersAsync(user, shopId, cancellationToken));

    private static async Task<Ok<ShopMemberDto>> ChangeRoleAsync(Guid shopId, Guid userId, ChangeMemberRoleRequest request, ClaimsPrincipal user, Team team, CancellationToken cancellationToken) =>
        TypedResults.Ok(await team.ChangeRoleAsync(user, shopId, userId, request, cancellationToken));

    private static async Task<NoContent> RemoveAsync(Guid shopId, Guid userId, ClaimsPrincipal user, Team team, CancellationToken cancellationToken)
    {
        await team.RemoveAsync(user, shopId, userId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<ShopInvitationDto>>> InvitationsAsync(Guid shopId, ClaimsPrincipal user, Team team, CancellationToken cancellationToken) =>
        TypedResults.Ok(await team.InvitationsAsync(user, shopId, cancellationToken));

    private static async Task<Created<ShopInvitationDto>> InviteAsync(
        Guid shopId, InviteMemberRequest request, ClaimsPrincipal user, Team team, HttpRequest http, IOptions<EmailOptions> email, CancellationToken cancellationToken)
    {
        var invitation = await team.InviteAsync(user, shopId, request, email.Value.SiteBase(http), cancellationToken);
        return TypedResults.Created(ApiRoutes.ShopInvitation(shopId, invitation.Id), invitation);
    }

    private static async Task<NoContent> RevokeAsync(Guid shopId, Guid invitationId, ClaimsPrincipal user, Team team, CancellationToken cancellationToken)
    {
        await team.RevokeAsync(user, shopId, invitationId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<InvitationPreviewDto>> PreviewAsync(string token, Team team, CancellationToken cancellationToken) =>
        TypedResults.Ok(await team.PreviewAsync(token, cancellationToken));

    private static async Task<Ok<MyShopDto>> AcceptAsync(AcceptInvitationRequest request, ClaimsPrincipal user, Team team, CancellationToken cancellationToken) =>
        TypedResults.Ok(await team.AcceptAsync(user, request, cancellationToken));
}

/// <summary>The first run (<c>/api/setup</c>) and the administrator's API (<c>/api/admin</c>).</summary>
public static class PlatformEndpoints
{
    public static IEndpointRouteBuilder MapPlatformEndpoints(this IEndpointRouteBuilder app)
    {
        var setup = app.MapGroup(ApiRoutes.Setup).WithTags("Setup");
        setup.MapGet("/", (Setup s) => TypedResults.Ok(new SetupStatusDto(s.Needed))).WithName("SetupStatus")
            .WithSummary("Whether this install still needs its administrator and first shop.");
        setup.MapPost("/", CompleteSetupAsync).WithName("CompleteSetup")
            .WithSummary("Creates the administrator and the first shop with the one-time token from the server's log.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        var admin = app.MapGroup(ApiRoutes.Admin).WithTags("Administration").RequireAuthorization();
        admin.MapGet("/shops", ShopsAsync).WithName("AdminShops").WithSummary("Every shop, 50 a page.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet("/users", UsersAsync).WithName("AdminUsers").WithSummary("Every account (not guests), 50 a page.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapPut("/shops/{shopId:guid}/suspension", SuspendShopAsync).WithName("SuspendShop").WithSummary("Suspends or reinstates a shop.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPut("/users/{userId:guid}/suspension", SuspendUserAsync).WithName("SuspendUser").WithSummary("Suspends or reinstates an account.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPut("/users/{userId:guid}/moderator", SetModeratorAsync).WithName("SetGlobalModerator").WithSummary("Grants or takes the global Moderator role.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static Common.DomainException MissingBody(string field) =>
        Common.DomainException.Invalid(ProblemCodes.ValidationFailed, "Send {{\"{0}\": true}} or false.", field);

    private static async Task<Ok<MyShopDto>> CompleteSetupAsync(SetupRequest request, Setup setup, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await setup.CompleteAsync(request, http, cancellationToken));

    private static async Task<Ok<PageDto<AdminShopDto>>> ShopsAsync(ClaimsPrincipal user, Administration admin, string? search, int? page, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ShopsAsync(user, QueryParameters.Search(search), QueryParameters.Page(page) ?? 0, cancellationToken));

    private static async Task<Ok<PageDto<AdminUserDto>>> UsersAsync(ClaimsPrincipal user, Administration admin, string? search, int? page, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.UsersAsync(user, QueryParameters.Search(search), QueryParameters.Page(page) ?? 0, cancellationToken));

    private static async Task<Ok<AdminShopDto>> SuspendShopAsync(Guid shopId, SuspendRequest request, ClaimsPrincipal user, Administration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.SuspendShopAsync(user, shopId, request?.Suspended ?? throw MissingBody("suspended"), cancellationToken));

    private static async Task<NoContent> SuspendUserAsync(Guid userId, SuspendRequest request, ClaimsPrincipal user, Administration admin, CancellationToken cancellationToken)
    {
        await admin.SuspendUserAsync(user, userId, request?.Suspended ?? throw MissingBody("suspended"), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SetModeratorAsync(Guid userId, GlobalModeratorRequest request, ClaimsPrincipal user, Administration admin, CancellationToken cancellationToken)
    {
        await admin.SetModeratorAsync(user, userId, request?.IsModerator ?? throw MissingBody("isModerator"), cancellationToken);
        return TypedResults.NoContent();
    }
}
